import { describe, expect, it } from 'vitest';
import {
  definition,
  docPath,
  expectError,
  expectOk,
  expectStored,
  type Harness,
  serve,
} from './serve-harness.ts';

// Statistics (spec §2.16–2.18) and the service's own configuration (spec §2.15, 8.x).

const INVALID = { http: 400, name: 'ERR_INVALID_REQUEST', code: 63 };

async function deployedWithTraffic(): Promise<Harness> {
  const h = await serve();
  const body = definition('a', { settings: { deployment_status: true, processing_status: true } });
  expectOk(await h.call('POST', '/api/v1/functions/a', { body }));
  expectOk(await h.call('POST', '/api/v1/functions/idle', { body: definition('idle') }));
  await h.waitFor('a', 'deployed');
  for (const key of ['k1', 'k2']) {
    expectStored(await h.call('PUT', docPath('src', `${key}`), { body: { key } }));
  }
  return h;
}

describe('GET /api/v1/stats', () => {
  it('lists running functions with live counters in the 8.x shape', async () => {
    const h = await deployedWithTraffic();
    const stats = expectOk(await h.call('GET', '/api/v1/stats')) as Array<Record<string, unknown>>;
    expect(stats).toHaveLength(1);
    const [a] = stats as [Record<string, unknown>];
    expect(Object.keys(a)).toEqual([
      'execution_stats',
      'failure_stats',
      'event_processing_stats',
      'lcb_exception_stats',
      'function_scope',
      'function_name',
      'function_id',
      'dcp_feed_boundary',
      'events_remaining',
      'latency_percentile_stats',
      'internal_vb_distribution_stats',
      'worker_pids',
      'lcb_creds_request_counter',
      'gocb_creds_request_counter',
    ]);
    expect(a).toMatchObject({
      function_name: 'a',
      function_scope: { bucket_name: '*', scope_name: '*' },
      execution_stats: { on_update_success: 2, dcp_mutation_msg_counter: 2 },
      event_processing_stats: { dcp_mutation_sent_to_worker: 2 },
      events_remaining: { dcp_backlog: 0 },
    });
    const full = expectOk(await h.call('GET', '/api/v1/stats?type=full')) as Array<object>;
    expect(full[0]).toHaveProperty('latency_stats');
    expect(full[0]).toHaveProperty('curl_latency_stats');
  });

  it('answers one function, or [] for one that is unknown or not running', async () => {
    const h = await deployedWithTraffic();
    expect(expectOk(await h.call('GET', '/api/v1/stats/a'))).toMatchObject({ function_name: 'a' });
    expect(expectOk(await h.call('GET', '/api/v1/stats/idle'))).toEqual([]);
    expect(expectOk(await h.call('GET', '/api/v1/stats/nope'))).toEqual([]);
  });

  it('answers the 7.x getExecutionStats, getLatencyStats and getFailureStats', async () => {
    const h = await deployedWithTraffic();
    expect(expectOk(await h.call('GET', '/getExecutionStats?name=a'))).toMatchObject({
      on_update_success: 2,
    });
    expect(expectOk(await h.call('GET', '/getLatencyStats?name=a'))).toEqual({});
    expect(expectOk(await h.call('GET', '/getFailureStats?appName=a'))).toMatchObject({
      bucket_op_exception_count: 0,
    });
    expectError(await h.call('GET', '/getExecutionStats?name=idle'), {
      http: 406,
      name: 'ERR_APP_NOT_DEPLOYED',
      code: 12,
      description: 'Function: idle not deployed',
    });
    expectError(await h.call('GET', '/getFailureStats?name=nope'), {
      http: 404,
      name: 'ERR_APP_NOT_FOUND_TS',
      code: 13,
    });
  });

  it('resets the counters with /resetStatsCounters, by any method, known function or not', async () => {
    const h = await deployedWithTraffic();
    expect(expectOk(await h.call('GET', '/resetStatsCounters?appName=a'))).toEqual({
      code: 0,
      info: 'Done resetting counters',
    });
    expect(expectOk(await h.call('GET', '/api/v1/stats/a'))).toMatchObject({
      execution_stats: { on_update_success: 0 },
    });
    expectStored(await h.call('PUT', docPath('src', 'k3'), { body: 1 }));
    expect(expectOk(await h.call('GET', '/api/v1/stats/a'))).toMatchObject({
      execution_stats: { on_update_success: 1 },
    });
    expectOk(await h.call('POST', '/resetStatsCounters?name=nope'));
  });
});

describe('GET, POST and DELETE /api/v1/config', () => {
  it('answers the effective 8.x config, the request timeout in nanoseconds', async () => {
    const h = await serve();
    expect(expectOk(await h.call('GET', '/api/v1/config'))).toEqual({
      enable_curl: true,
      enable_debugger: false,
      ram_quota: 256,
      function_size: 131072,
      metakv_max_doc_size: 131072,
      http_request_timeout: 10_000_000_000,
      enable_lifecycle_ops_during_rebalance: false,
      force_compress: true,
      allow_interbucket_recursion: false,
      deployment_mode: 'hybrid_mode',
      cursor_limit: 5,
      num_nodes_running: -1,
    });
  });

  it('merges known keys, ignores unknown ones and answers "Config saved for *"', async () => {
    const h = await serve();
    expect(
      expectOk(
        await h.call('POST', '/api/v1/config', {
          body: { ram_quota: 512, http_request_timeout: 5, whatever: 1 },
        }),
      ),
    ).toEqual({ code: 0, info: 'Config saved for *' });
    expectOk(await h.call('POST', '/api/v1/config', { body: { enable_debugger: true } }));
    const config = expectOk(await h.call('GET', '/api/v1/config'));
    expect(config).toMatchObject({
      ram_quota: 512,
      enable_debugger: true,
      http_request_timeout: 5_000_000_000,
    });
    expect(config).not.toHaveProperty('whatever');
  });

  it('keeps per-scope configs that fall back to the bucket, then to the global one', async () => {
    const h = await serve();
    expectOk(await h.call('POST', '/api/v1/config', { body: { enable_curl: false } }));
    expect(
      expectOk(
        await h.call('POST', '/api/v1/config?bucket=b&scope=s', { body: { function_size: 1000 } }),
      ),
    ).toEqual({ code: 0, info: 'Config saved for b/s' });
    expect(expectOk(await h.call('GET', '/api/v1/config?bucket=b&scope=s'))).toMatchObject({
      enable_curl: false,
      function_size: 1000,
    });
    expect(expectOk(await h.call('GET', '/api/v1/config?bucket=b&scope=t'))).toMatchObject({
      function_size: 131072,
    });
    expect(expectOk(await h.call('DELETE', '/api/v1/config?bucket=b&scope=s'))).toEqual({
      code: 0,
      info: 'Config deleted for b/s',
    });
    expectError(await h.call('DELETE', '/api/v1/config'), {
      ...INVALID,
      description: 'Deleting of global config not allowed',
    });
  });

  it('validates values, global-only keys and keys deployed functions depend on', async () => {
    const h = await deployedWithTraffic();
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['', { ram_quota: 10 }, 'ram_quota value should be greater than or equal to 256'],
      ['', { enable_curl: 'yes' }, 'enable_curl expected boolean value'],
      ['', { cursor_limit: 21 }, 'cursor_limit value should be less than or equal to 20'],
      ['?bucket=b&scope=s', { cursor_limit: 2 }, 'cursor_limit allowed only at global scope'],
      [
        '',
        { deployment_mode: 'isolate_function' },
        'Some application already using the old config. Undeploy/pause these functions to save config',
      ],
    ];
    for (const [query, body, description] of cases) {
      expectError(await h.call('POST', `/api/v1/config${query}`, { body }), {
        ...INVALID,
        description,
      });
    }
    expectError(await h.call('POST', '/api/v1/config', { body: '[1' }), {
      http: 400,
      name: 'ERR_UNMARSHAL_PLD',
      code: 16,
    });
    expectError(await h.call('PUT', '/api/v1/config', { body: {} }), {
      http: 405,
      name: 'ERR_METHOD_NOT_ALLOWED',
      code: 62,
      description: 'Only GET, POST and DELETE are allowed',
    });
  });
});
