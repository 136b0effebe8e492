import { describe, expect, it } from 'vitest';
import { alreadyInState } from '../../src/client/lifecycle.ts';
import { mockCluster as cluster, refusal } from './mock-cluster.ts';

// Shapes only older servers answer with (spec rest-api.md §1.3, §7), served by an undici
// MockAgent: the 6.6/7.0 envelope with runtime_info, empty 200 bodies, 7.x's 423/406
// refusals, `apps: null`, the 7.x import failure, and the routes 8.x lacks or serve does not
// emulate.

const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };

/** A 7.0 error body: a fixed sentence in description, the request's message in runtime_info. */
function envelope70(name: string, code: number, description: string, info: unknown) {
  return { name, code, description, attributes: null, runtime_info: { code, info } };
}

describe('7.0 envelopes', () => {
  it('reads the message from runtime_info.info, keeping name, code and status', async () => {
    const { pool, client } = cluster();
    pool
      .intercept({ path: '/api/v1/functions/fn1', method: 'GET' })
      .reply(
        404,
        envelope70(
          'ERR_APP_NOT_FOUND_TS',
          13,
          'Function not found in temporary store',
          'Function: fn1 not found',
        ),
        JSON_HEADERS,
      );
    const error = await refusal(client.getFunction('fn1'));
    expect({
      status: error.status,
      name: error.name,
      code: error.code,
      message: error.message,
      description: error.description,
      runtimeInfo: error.runtimeInfo,
    }).toEqual({
      status: 404,
      name: 'ERR_APP_NOT_FOUND_TS',
      code: 13,
      message: 'Function: fn1 not found',
      description: 'Function not found in temporary store',
      runtimeInfo: { code: 13, info: 'Function: fn1 not found' },
    });
  });

  it('reads empty 200 bodies of lifecycle and settings routes as {code: 0}', async () => {
    const { pool, client } = cluster();
    pool
      .intercept({ path: '/api/v1/functions/fn1/deploy', method: 'POST', body: '{}' })
      .reply(200, '');
    pool.intercept({ path: '/api/v1/functions/fn1/settings', method: 'POST' }).reply(200, '');
    expect(await client.deploy('fn1')).toEqual({ code: 0 });
    expect(
      await client.setSettings('fn1', { deployment_status: false, processing_status: false }),
    ).toEqual({ code: 0 });
  });

  it('counts 7.0’s "already in paused state" ERR_APP_NOT_DEPLOYED as already paused', async () => {
    const { pool, client } = cluster();
    const info = 'Invalid operation. Function: fn1 already in paused state.';
    pool
      .intercept({ path: '/api/v1/functions/fn1/pause', method: 'POST' })
      .reply(
        406,
        envelope70('ERR_APP_NOT_DEPLOYED', 12, 'Function not deployed', info),
        JSON_HEADERS,
      );
    const error = await refusal(client.pause('fn1'));
    expect(alreadyInState(error, 'pause')).toBe('paused');
    expect(alreadyInState(error, 'undeploy')).toBe('undeployed');
  });
});

describe('7.1–7.6 refusals', () => {
  const envelope = (name: string, code: number, description: unknown) => ({
    name,
    code,
    description,
  });

  it('423 ERR_APP_NOT_BOOTSTRAPPED is no "already" case; 406 undeploy and 422 resume are', async () => {
    const { pool, client } = cluster();
    pool
      .intercept({ path: '/api/v1/functions/fn1/pause', method: 'POST' })
      .reply(
        423,
        envelope(
          'ERR_APP_NOT_BOOTSTRAPPED',
          21,
          'Function: fn1 not processing mutations. Operation is not permitted. Edit function instead',
        ),
      );
    pool
      .intercept({ path: '/api/v1/functions/fn1/undeploy', method: 'POST' })
      .reply(
        406,
        envelope(
          'ERR_APP_NOT_DEPLOYED',
          12,
          'Invalid operation. Function: fn1 already in undeployed state.',
        ),
      );
    pool
      .intercept({ path: '/api/v1/functions/fn1/resume', method: 'POST' })
      .reply(
        422,
        envelope(
          'ERR_APP_ALREADY_DEPLOYED',
          20,
          'Invalid operation. Function: fn1 already in Deployed state.',
        ),
      );
    pool
      .intercept({ path: '/api/v1/functions/fn1/resume', method: 'POST' })
      .reply(
        406,
        envelope(
          'ERR_APP_NOT_DEPLOYED',
          12,
          'Invalid operation. Function: fn1 already in undeployed state.',
        ),
      );
    const bootstrapping = await refusal(client.pause('fn1'));
    expect([bootstrapping.status, alreadyInState(bootstrapping, 'pause')]).toEqual([
      423,
      undefined,
    ]);
    expect(alreadyInState(await refusal(client.undeploy('fn1')), 'undeploy')).toBe('undeployed');
    expect(alreadyInState(await refusal(client.resume('fn1')), 'resume')).toBe('deployed');
    // Resuming an undeployed function is refused on 7.x, and is not "already deployed".
    expect(alreadyInState(await refusal(client.resume('fn1')), 'resume')).toBeUndefined();
  });

  it('describes a compile error with its position, and 8.x’s {} descriptions by name', async () => {
    const { pool, client } = cluster();
    const compile = {
      area: 'body',
      column_number: 7,
      compile_success: false,
      description: 'SyntaxError: Unexpected identifier',
      index: 40,
      language: 'JavaScript',
      line_number: 3,
    };
    pool
      .intercept({ path: '/api/v1/functions/fn1', method: 'POST' })
      .reply(422, envelope('ERR_HANDLER_COMPILATION', 27, compile));
    pool
      .intercept({ path: '/api/v1/functions/fn1/deploy', method: 'POST' })
      .reply(400, envelope('ERR_BUCKET_MISSING', 41, {}));
    const error = await refusal(
      client.saveFunction({
        appname: 'fn1',
        appcode: 'x',
        depcfg: { source_bucket: 's', metadata_bucket: 'm' },
        settings: {},
      }),
    );
    expect(error.message).toBe('SyntaxError: Unexpected identifier (line 3, column 7)');
    expect((await refusal(client.deploy('fn1'))).message).toBe(
      'ERR_BUCKET_MISSING (the server gave no details)',
    );
  });

  it('reads apps: null as no functions, and waits through a resume shown as deploying', async () => {
    const { pool, client } = cluster();
    pool
      .intercept({ path: '/api/v1/status', method: 'GET' })
      .reply(200, { apps: null, num_eventing_nodes: 2 });
    expect(await client.getStatuses()).toEqual({ apps: [], num_eventing_nodes: 2 });
    const app = (composite_status: string, processing_status: boolean) => ({
      app: {
        composite_status,
        name: 'fn1',
        function_scope: { bucket: '*', scope: '*' },
        num_bootstrapping_nodes: 0,
        num_deployed_nodes: 2,
        deployment_status: true,
        processing_status,
        redeploy_required: false,
      },
      num_eventing_nodes: 2,
    });
    const status = () => pool.intercept({ path: '/api/v1/status/fn1', method: 'GET' });
    status().reply(200, app('paused', true));
    status().reply(200, app('deploying', true)).times(2);
    status().reply(200, app('deployed', true));
    const seen: string[] = [];
    await client.waitForStatus('fn1', 'deployed', { onProgress: (p) => seen.push(p.status) });
    expect(seen).toEqual(['paused', 'deploying', 'deploying', 'deployed']);
  });

  it('returns the per-function results of an import that stored nothing (400 + list)', async () => {
    const { pool, client } = cluster();
    const results = [
      {
        code: 20,
        info: 'Function: fn1 another function with same name is already present, skipping import request',
      },
    ];
    pool
      .intercept({ path: '/api/v1/import', method: 'POST' })
      .reply(400, { name: 'ERR_INVALID_REQUEST', code: 63, description: results });
    const definition = {
      appname: 'fn1',
      appcode: 'x',
      depcfg: { source_bucket: 's', metadata_bucket: 'm' },
      settings: {},
    };
    expect(await client.importFunctions([definition])).toEqual(results);
  });

  it('keeps 7.x’s {"restart": false} answer to a global config change', async () => {
    const { pool, client } = cluster();
    pool
      .intercept({ path: '/api/v1/config', method: 'POST', body: '{"ram_quota":512}' })
      .reply(200, { restart: false });
    expect(await client.setGlobalConfig({ ram_quota: 512 })).toEqual({
      code: 0,
      info: { restart: false },
    });
  });
});

describe('routes older or newer servers lack', () => {
  it('falls back to the status list where /api/v1/status/{name} is missing (6.6)', async () => {
    const { pool, client } = cluster();
    pool
      .intercept({ path: '/api/v1/status/fn1', method: 'GET' })
      .reply(404, '404 page not found\n');
    pool.intercept({ path: '/api/v1/status', method: 'GET' }).reply(200, {
      apps: [
        {
          name: 'fn1',
          composite_status: 'deployed',
          num_bootstrapping_nodes: 0,
          num_deployed_nodes: 1,
          deployment_status: true,
          processing_status: true,
        },
      ],
      num_eventing_nodes: 1,
    });
    expect((await client.getStatus('fn1')).composite_status).toBe('deployed');
  });

  it('reads single-function statistics from 7.6’s route, its 422 for idle functions, and the list on 7.2', async () => {
    const { pool, client } = cluster();
    pool.intercept({ path: '/api/v1/stats/fn1?bucket=*&scope=*', method: 'GET' }).reply(422, {
      name: 'ERR_APP_ALREADY_DEPLOYED',
      code: 20,
      description: 'fn1 is not deployed',
    });
    expect(await client.getFunctionStats('fn1')).toBeUndefined();
    pool
      .intercept({ path: '/api/v1/stats/fn2?bucket=b&scope=s&type=full', method: 'GET' })
      .reply(404, '404 page not found\n');
    pool
      .intercept({ path: '/api/v1/stats?type=full', method: 'GET' })
      .reply(200, [
        { function_name: 'fn2' },
        { function_name: 'b/s/fn2', execution_stats: { on_update_success: 3 } },
      ]);
    expect(await client.getFunctionStats('b/s/fn2', { full: true })).toEqual({
      function_name: 'b/s/fn2',
      execution_stats: { on_update_success: 3 },
    });
  });

  it('reads /version, /uuid, /getErrorCodes, backups and restores with remapped keyspaces', async () => {
    const { pool, client } = cluster();
    pool.intercept({ path: '/version', method: 'GET' }).reply(200, 'evt-7.6.2-3721-ee');
    pool.intercept({ path: '/uuid', method: 'GET' }).reply(200, 'f00d\n');
    pool
      .intercept({ path: '/getErrorCodes', method: 'GET' })
      .reply(200, { header_key: 'status', version: 1, revision: 1, errors: [] });
    pool
      .intercept({ path: '/api/v1/backup?include=travel.inventory', method: 'GET' })
      .reply(200, []);
    pool
      .intercept({ path: '/api/v1/backup?remap=travel%3Atravel2', method: 'POST' })
      .reply(200, [{ code: 0, info: 'ok' }]);
    expect(await client.getVersion()).toBe('evt-7.6.2-3721-ee');
    expect(await client.getUuid()).toBe('f00d');
    expect(await client.getErrorCodes()).toMatchObject({ header_key: 'status' });
    expect(await client.backup({ include: ['travel.inventory'] })).toEqual([]);
    expect(await client.restore([], { remap: { travel: 'travel2' } })).toEqual([
      { code: 0, info: 'ok' },
    ]);
  });
});
