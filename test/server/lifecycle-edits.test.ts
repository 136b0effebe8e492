import { describe, expect, it } from 'vitest';
import { composite, inState } from './function-states.ts';
import { definition, expectError, expectOk, type Harness, serve } from './serve-harness.ts';

// Edits (POST of the function, its appcode, config or settings) and DELETE in every state of
// Couchbase Server 8.0.1+'s matrix (spec §3.2), over HTTP.

const INVALID = { http: 400, name: 'ERR_INVALID_REQUEST', code: 63 };

describe('edits and deletes in every state (8.0.1+)', () => {
  const appcode = 'function OnUpdate(doc, meta) { log("v2"); }';
  const edits = (h: Harness) => ({
    function: () =>
      h.call('POST', '/api/v1/functions/fn', {
        body: definition('fn', {
          appcode,
          settings: { deployment_status: true, processing_status: true },
        }),
      }),
    appcode: () => h.call('POST', '/api/v1/functions/fn/appcode', { body: appcode }),
    config: () =>
      h.call('POST', '/api/v1/functions/fn/config', {
        body: { source_bucket: 'src', metadata_bucket: 'meta' },
      }),
    settings: () => h.call('POST', '/api/v1/functions/fn/settings', { body: { worker_count: 4 } }),
    delete: () => h.call('DELETE', '/api/v1/functions/fn'),
  });

  it.each(['deploying', 'pausing', 'resuming', 'undeploying'] as const)(
    '%s: edits are 400 "Try again later", DELETE is 422',
    async (state) => {
      const h = await inState(state);
      const later = `Function fn is in ${state} state. Try again later.`;
      const edit = edits(h);
      expectError(await edit.function(), { ...INVALID, description: later });
      expectError(await edit.config(), { ...INVALID, description: later });
      expectError(await edit.settings(), { ...INVALID, description: later });
      expectError(await edit.appcode(), {
        ...INVALID,
        description: state === 'deploying' ? 'Function fn is already deployed' : later,
      });
      expectError(await edit.delete(), {
        http: 422,
        name: 'ERR_APP_NOT_UNDEPLOYED',
        code: 22,
        description: "Function: fn skipping delete request as it hasn't been undeployed",
      });
    },
  );

  it('deployed: code, bindings and non-dynamic settings are frozen; DELETE is 422', async () => {
    const h = await inState('deployed');
    const edit = edits(h);
    expectError(await edit.function(), {
      ...INVALID,
      description: 'Function: fn app_code is not allowed to be changed',
    });
    expectError(await edit.appcode(), {
      ...INVALID,
      description: 'Function fn is already deployed',
    });
    expectError(await edit.config(), {
      ...INVALID,
      description: 'Function: fn Cannot change bindings',
    });
    expectError(await edit.settings(), {
      ...INVALID,
      description: 'not allowed to change the setting: worker_count',
    });
    expectError(await edit.delete(), { http: 422, name: 'ERR_APP_NOT_UNDEPLOYED', code: 22 });
  });

  it('deployed: dynamic settings, identical code and identical config are accepted', async () => {
    const h = await inState('deployed');
    expectOk(
      await h.call('POST', '/api/v1/functions/fn/settings', {
        body: { description: 'live', log_level: 'DEBUG', timer_context_size: 2048 },
      }),
    );
    const current = (await h.call('GET', '/api/v1/functions/fn/appcode')).text;
    expectOk(await h.call('POST', '/api/v1/functions/fn/appcode', { body: current }));
    expectOk(
      await h.call('POST', '/api/v1/functions/fn/config', {
        body: definition('fn').depcfg,
      }),
    );
    const settings = expectOk(await h.call('GET', '/api/v1/functions/fn/settings'));
    expect(settings).toMatchObject({ description: 'live', log_level: 'DEBUG' });
    expect(await composite(h)).toBe('deployed');
  });

  it('paused: code, bindings and settings may change, except the frozen ones', async () => {
    const h = await inState('paused');
    const edit = edits(h);
    expectOk(await edit.appcode());
    expectOk(await edit.settings());
    expectOk(
      await h.call('POST', '/api/v1/functions/fn/config', {
        body: { source_bucket: 'src', metadata_bucket: 'meta', buckets: [] },
      }),
    );
    expectError(
      await h.call('POST', '/api/v1/functions/fn/settings', {
        body: { num_timer_partitions: 8 },
      }),
      { ...INVALID, description: 'not allowed to change the setting: num_timer_partitions' },
    );
    expectError(
      await h.call('POST', '/api/v1/functions/fn/config', {
        body: { source_bucket: 'other', metadata_bucket: 'meta' },
      }),
      { ...INVALID, description: 'Function: fn Cannot change source keyspace' },
    );
    expectError(await edit.delete(), { http: 422, name: 'ERR_APP_NOT_UNDEPLOYED', code: 22 });
    expect(await composite(h)).toBe('paused');
  });

  it('undeployed: every edit is accepted and DELETE removes the function', async () => {
    const h = await inState('undeployed');
    const edit = edits(h);
    expectOk(await edit.appcode());
    expectOk(await edit.config());
    expectOk(await edit.settings());
    expect(expectOk(await edit.delete())).toEqual({ code: 0, info: 'Succesfully deleted' });
    expectError(await h.call('GET', '/api/v1/functions/fn'), {
      http: 404,
      name: 'ERR_APP_NOT_FOUND_TS',
      code: 13,
      description: 'Function: fn not found',
    });
  });

  it('unknown function: appcode, config, settings and DELETE are 404 ERR_APP_NOT_FOUND_TS', async () => {
    const h = await serve();
    const notFound = {
      http: 404,
      name: 'ERR_APP_NOT_FOUND_TS',
      code: 13,
      description: 'Function: fn not found',
    };
    const edit = edits(h);
    expectError(await edit.appcode(), notFound);
    expectError(await edit.config(), notFound);
    expectError(await edit.settings(), notFound);
    expectError(await edit.delete(), notFound);
    for (const path of ['', '/settings', '/config', '/appcode', '/appcode/checksum']) {
      expectError(await h.call('GET', `/api/v1/functions/fn${path}`), notFound);
    }
  });

  it('deployed: a definition whose status flags say undeploy undeploys and replaces it', async () => {
    const h = await inState('deployed');
    expectOk(await h.call('POST', '/api/v1/functions/fn', { body: definition('fn', { appcode }) }));
    expect(await composite(h)).toBe('undeploying');
    await h.transitions.release();
    expect(await composite(h)).toBe('undeployed');
    expect((await h.call('GET', '/api/v1/functions/fn/appcode')).text).toBe(appcode);
  });
});
