import { describe, expect, it } from 'vitest';
import { definition, expectError, expectOk, heldTransitions, serve } from './serve-harness.ts';

// Function scopes, and the routes about all functions at once: GET, POST and DELETE of
// /api/v1/functions, /api/v1/import and /api/v1/export (spec §1.5, §2.6–2.8, 8.x).

const INVALID = { http: 400, name: 'ERR_INVALID_REQUEST', code: 63 };

describe('function scopes (?bucket=&scope=)', () => {
  it('keeps functions of the same name apart by scope, with bucket/scope/name locations', async () => {
    const h = await serve();
    expectOk(await h.call('POST', '/api/v1/functions/fn1', { body: definition('fn1') }));
    expectOk(
      await h.call('POST', '/api/v1/functions/fn1?bucket=travel&scope=inventory', {
        body: definition('fn1', { appcode: 'function OnUpdate(doc, meta) { log("scoped"); }' }),
      }),
    );
    const scoped = expectOk(
      await h.call('GET', '/api/v1/functions/fn1?bucket=travel&scope=inventory'),
    ) as { function_scope: unknown; appcode: string };
    expect(scoped.function_scope).toEqual({ bucket: 'travel', scope: 'inventory' });
    expect(scoped.appcode).toContain('scoped');
    expect(expectOk(await h.call('GET', '/api/v1/list/functions'))).toEqual({
      functions: ['fn1', 'travel/inventory/fn1'],
    });
    expectOk(await h.call('POST', '/api/v1/functions/fn1/deploy?bucket=travel&scope=inventory'));
    await h.waitFor('fn1', 'deployed', '?bucket=travel&scope=inventory');
    expect(
      (expectOk(await h.call('GET', '/api/v1/status/fn1')) as { app: { composite_status: string } })
        .app.composite_status,
    ).toBe('undeployed');
    expectError(await h.call('GET', '/api/v1/functions/fn1?bucket=travel&scope=other'), {
      http: 404,
      name: 'ERR_APP_NOT_FOUND_TS',
      code: 13,
      description: 'Function: travel/other/fn1 not found',
    });
  });

  it('takes the scope from the body function_scope when the query names none', async () => {
    const h = await serve();
    const body = definition('fn1', { function_scope: { bucket: 'b', scope: 's' } });
    expectOk(await h.call('POST', '/api/v1/functions/fn1', { body }));
    expectOk(await h.call('GET', '/api/v1/functions/fn1?bucket=b&scope=s'));
  });
});

describe('GET, POST and DELETE /api/v1/functions, import and export', () => {
  it('stores several functions with one result each, in order, errors included', async () => {
    const h = await serve();
    const results = expectOk(
      await h.call('POST', '/api/v1/functions', {
        body: [
          definition('a'),
          definition('b', { appcode: 'function OnUpdate( {' }),
          definition('c'),
        ],
      }),
    ) as Array<Record<string, unknown>>;
    expect(results[0]).toEqual({
      code: 0,
      warning_info: { status: "Stored function: 'a' in metakv", warnings: null },
    });
    expect(results[1]).toMatchObject({ code: 27, info: { compile_success: false } });
    expect(results[2]).toMatchObject({ code: 0 });
    const all = expectOk(await h.call('GET', '/api/v1/functions')) as Array<{ appname: string }>;
    expect(all.map((f) => f.appname)).toEqual(['a', 'c']);
  });

  it('refuses a request naming one function twice, storing nothing', async () => {
    const h = await serve();
    expectError(
      await h.call('POST', '/api/v1/import', { body: [definition('a'), definition('a')] }),
      {
        ...INVALID,
        description: 'Function names must be unique: a appears more than once; nothing was stored',
      },
    );
    expect(expectOk(await h.call('GET', '/api/v1/functions'))).toEqual([]);
  });

  it('exports what GET answers and imports it back, status flags honoured (8.x)', async () => {
    const transitions = heldTransitions();
    const h = await serve({ transitions });
    expectOk(await h.call('POST', '/api/v1/import', { body: definition('a') }));
    expectOk(await h.call('POST', '/api/v1/functions/a/deploy'));
    await transitions.release();
    const exported = expectOk(await h.call('GET', '/api/v1/export'));
    expect(exported).toEqual(expectOk(await h.call('GET', '/api/v1/functions')));
    const other = await serve();
    const results = expectOk(await other.call('POST', '/api/v1/import', { body: exported }));
    expect(results).toMatchObject([{ code: 0 }]);
    await other.waitFor('a', 'deployed');
  });

  it('DELETE of all functions removes the undeployed ones and answers {"code":0}', async () => {
    const transitions = heldTransitions();
    const h = await serve({ transitions });
    expectOk(
      await h.call('POST', '/api/v1/functions', { body: [definition('a'), definition('b')] }),
    );
    expectOk(await h.call('POST', '/api/v1/functions/b/deploy'));
    expect(expectOk(await h.call('DELETE', '/api/v1/functions'))).toEqual({ code: 0 });
    const left = expectOk(await h.call('GET', '/api/v1/functions')) as Array<{ appname: string }>;
    expect(left.map((f) => f.appname)).toEqual(['b']);
  });

  it('DELETE with handleruuid deletes only that incarnation', async () => {
    const h = await serve();
    expectOk(await h.call('POST', '/api/v1/functions/a', { body: definition('a') }));
    const { handleruuid } = expectOk(await h.call('GET', '/api/v1/functions/a')) as {
      handleruuid: number;
    };
    const other = (handleruuid + 1) % 2 ** 32;
    expectError(await h.call('DELETE', `/api/v1/functions/a?handleruuid=${other}`), {
      http: 404,
      name: 'ERR_APP_NOT_FOUND_TS',
      code: 13,
      description: `Function: a with handlerID ${other} not found`,
    });
    expectError(await h.call('DELETE', '/api/v1/functions/a?handleruuid=x'), {
      ...INVALID,
      description: null,
    });
    expectOk(await h.call('DELETE', `/api/v1/functions/a?handleruuid=${handleruuid}`));
  });
});
