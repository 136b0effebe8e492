import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../src/definition/load-definition.ts';
import {
  findFunction,
  listFunctions,
  unpackDefinitions,
} from '../../src/project/function-folders.ts';
import { loadProject } from '../../src/project/project-config.ts';

const copy = JSON.parse(
  readFileSync(new URL('../fixtures/definitions/copy.json', import.meta.url), 'utf8'),
)[0] as Record<string, unknown>;

/** A definition as the server exports it: appcode first, then the rest. */
function exported(appname: string, appcode: string, extra: Record<string, unknown> = {}) {
  const { appcode: _code, appname: _name, ...rest } = copy;
  return { appcode, ...rest, appname, ...extra };
}

function emptyProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'eventing-dev-folders-'));
  writeFileSync(join(root, 'eventing-dev.json'), '{}');
  return root;
}

describe('unpack and pack', () => {
  it('splits an export of several functions into folders of handler.js and function.json', () => {
    const root = emptyProject();
    const functions = join(root, 'functions');
    const written = unpackDefinitions(
      [exported('one', 'function OnUpdate(doc, meta) {}\n'), exported('two', '// two\n')],
      functions,
    );
    expect(written).toEqual([join(functions, 'one'), join(functions, 'two')]);
    expect(readFileSync(join(functions, 'two', 'handler.js'), 'utf8')).toBe('// two\n');
    const definition = JSON.parse(readFileSync(join(functions, 'one', 'function.json'), 'utf8'));
    expect(definition).not.toHaveProperty('appcode');
    expect(definition.appname).toBe('one');
    expect(listFunctions(loadProject(root)).map((folder) => folder.name)).toEqual(['one', 'two']);
  });

  it('gives back the exported definition, field order included, for any code and settings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.dictionary(
          fc.constantFrom('worker_count', 'description', 'log_level', 'timer_context_size'),
          fc.jsonValue(),
        ),
        async (appcode, settings) => {
          const functions = join(emptyProject(), 'functions');
          const original = exported('fn', appcode, {
            settings: { ...(copy.settings as object), ...settings },
          });
          const [dir] = unpackDefinitions([original], functions);
          const { definition } = await loadDefinition(dir!);
          expect(JSON.stringify(definition)).toBe(JSON.stringify(original));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('accepts a single definition object as well as an array', () => {
    const functions = join(emptyProject(), 'functions');
    unpackDefinitions(exported('alone', '// alone\n'), functions);
    expect(readFileSync(join(functions, 'alone', 'handler.js'), 'utf8')).toBe('// alone\n');
  });

  it('writes nothing when one folder of the export exists already, unless forced', () => {
    const functions = join(emptyProject(), 'functions');
    mkdirSync(join(functions, 'two'), { recursive: true });
    writeFileSync(join(functions, 'two', 'handler.js'), '// mine\n');
    const both = [exported('one', '// one\n'), exported('two', '// theirs\n')];
    expect(() => unpackDefinitions(both, functions)).toThrow(/two already exists/);
    expect(existsSync(join(functions, 'one'))).toBe(false);
    expect(readFileSync(join(functions, 'two', 'handler.js'), 'utf8')).toBe('// mine\n');
    unpackDefinitions(both, functions, true);
    expect(readFileSync(join(functions, 'two', 'handler.js'), 'utf8')).toBe('// theirs\n');
  });

  it('refuses a definition without an appname, naming its position', () => {
    const functions = join(emptyProject(), 'functions');
    expect(() => unpackDefinitions([exported('ok', ''), { appcode: '' }], functions)).toThrow(
      /Definition 1 of the export has no appname/,
    );
    expect(existsSync(functions)).toBe(false);
  });

  it('refuses a function.json that carries appcode, since the code lives in handler.js', async () => {
    const functions = join(emptyProject(), 'functions');
    const [dir] = unpackDefinitions([exported('fn', '// code\n')], functions);
    writeFileSync(join(dir!, 'function.json'), JSON.stringify(exported('fn', '// other\n')));
    await expect(loadDefinition(dir!)).rejects.toThrow(/function\.json contains appcode/);
  });
});

describe('findFunction', () => {
  it('finds a function by its name in the project, or by the path of its folder', () => {
    const root = emptyProject();
    const functions = join(root, 'functions');
    unpackDefinitions([exported('enrich', '')], functions);
    const project = loadProject(root);
    expect(findFunction(project, 'enrich').dir).toBe(join(functions, 'enrich'));
    expect(findFunction(project, join(functions, 'enrich')).dir).toBe(join(functions, 'enrich'));
  });

  it('lists the functions there are when the name is unknown', () => {
    const root = emptyProject();
    unpackDefinitions([exported('enrich', '')], join(root, 'functions'));
    expect(() => findFunction(loadProject(root), 'enrihc')).toThrow(
      expect.objectContaining({
        code: 'FUNCTION_NOT_FOUND',
        hint: expect.stringContaining('enrich'),
      }),
    );
  });
});

describe('unpack of untrusted names', () => {
  it('refuses an appname that is not a valid function name, so nothing lands outside the folder', () => {
    const root = emptyProject();
    const functions = join(root, 'functions');
    expect(() => unpackDefinitions([exported('../escape', '')], functions)).toThrow(
      /invalid appname "\.\.\/escape"/,
    );
    expect(existsSync(join(root, 'escape'))).toBe(false);
  });
});
