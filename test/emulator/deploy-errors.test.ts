import { describe, expect, it } from 'vitest';
import { EventingDevError } from '../../src/index.ts';
import { emulator, handler } from '../helpers/emulator.ts';

async function deployError(definition: unknown): Promise<EventingDevError> {
  const em = await emulator();
  const error = await em.deploy(definition).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof EventingDevError))
    throw new Error(`expected an EventingDevError, got ${String(error)}`);
  expect(em.functions).toEqual([]);
  return error;
}

describe('deploying an invalid handler', () => {
  it('reports the structure validator message with its position', async () => {
    const error = await deployError(handler('var x = 1;\nfunction OnUpdate(doc, meta) {}'));
    expect(error.code).toBe('HANDLER_INVALID');
    expect(error.problems).toEqual([
      {
        path: 'fn.js:1:1',
        message: 'Only functions allowed in global space, but found: var x = 1',
        excerpt: '1 | var x = 1;\n  | ^',
      },
    ]);
  });

  it('requires OnUpdate or OnDelete', async () => {
    const error = await deployError(handler('function OnDeploy(action) {}'));
    expect(error.problems[0]?.message).toBe(
      'handler must have at least OnUpdate() or OnDelete() function',
    );
  });

  it('reports a syntax error as file:line:column of the user file with the V8 message', async () => {
    const error = await deployError(handler('function OnUpdate(doc, meta) {\n  let x = ;\n}'));
    expect(error.code).toBe('HANDLER_INVALID');
    expect(error.problems).toEqual([
      {
        path: 'fn.js:2:11',
        message: "SyntaxError: Unexpected token ';'",
        excerpt: '2 |   let x = ;\n  |           ^',
      },
    ]);
    // The message shows the line and the caret too: it is what a failed test prints.
    expect(error.message).toContain(
      "fn.js:2:11: SyntaxError: Unexpected token ';'\n    2 |   let x = ;\n      |           ^",
    );
  });

  it('compiles in strict mode by default, so a legacy octal literal does not compile', async () => {
    const error = await deployError(handler('function OnUpdate(doc, meta) {\n  var x = 010;\n}'));
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: 'fn.js:2:11',
        message: 'SyntaxError: Octal literals are not allowed in strict mode.',
      }),
    ]);
  });

  it('accepts sloppy-mode code when the headers do not ask for strict mode', async () => {
    const em = await emulator();
    const fn = await em.deploy(
      handler('function OnUpdate(doc, meta) { var x = 010; log(x); }', {
        settings: { handler_headers: ['// none'] },
      }),
    );
    await em.upsert('src', 'k', {});
    expect(fn.logs[0]).toMatch(/\[INFO\] 8 $/);
  });

  it('reports an exception thrown by global code in a footer', async () => {
    const error = await deployError(
      handler('function OnUpdate(doc, meta) {}', {
        settings: { handler_footers: ['throw new Error("footer")'] },
      }),
    );
    expect(error.problems).toEqual([
      { path: 'fn.js:2:7', message: 'the global code threw: Error: footer' },
    ]);
  });

  it('lists every definition problem at once with its JSON path', async () => {
    const definition = handler('function OnUpdate(doc, meta) {}', {
      buckets: { class: 'dst', select: 'other' },
      settings: { execution_timeout: 0 },
    });
    const error = await deployError(definition);
    expect(error.code).toBe('DEFINITION_INVALID');
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { path: 'depcfg.buckets[0].alias', message: 'must not be a JavaScript reserved word' },
        { path: 'depcfg.buckets[1].alias', message: 'must not be a N1QL reserved word' },
        {
          path: 'settings.execution_timeout',
          message: 'value should be greater than or equal to 1',
        },
      ]),
    );
  });

  it('refuses to deploy a second function with the same name', async () => {
    const em = await emulator();
    await em.deploy(handler('function OnUpdate(doc, meta) {}'));
    await expect(em.deploy(handler('function OnUpdate(doc, meta) {}'))).rejects.toMatchObject({
      code: 'FUNCTION_STATE',
    });
  });
});
