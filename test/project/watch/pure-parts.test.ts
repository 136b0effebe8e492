import { describe, expect, it } from 'vitest';
import type { FunctionStats } from '../../../src/client/types.ts';
import { parseDefinition } from '../../../src/definition/parse-definition.ts';
import { definitionDrift } from '../../../src/project/watch/definition-drift.ts';
import { watchedFileOf } from '../../../src/project/watch/folder-watcher.ts';
import { activityDelta, newLogLines } from '../../../src/project/watch/push-activity.ts';

// The pure parts of watch: which files count, how function.json is compared with the cluster,
// and what happened between two pushes.

describe('watchedFileOf', () => {
  it('takes handler.js and function.json, and no editor temporary file', () => {
    expect(watchedFileOf('/p/functions/enrich/handler.js')).toBe('handler.js');
    expect(watchedFileOf('/p/functions/enrich/function.json')).toBe('function.json');
    for (const junk of [
      '.handler.js.swp',
      '.handler.js.swx',
      'handler.js~',
      '.#handler.js',
      '#handler.js#',
      '4913',
      'handler.js.tmp-123',
      'handler.js___jb_tmp___',
      'function.json.bak',
      'enrich.test.js',
    ]) {
      expect(watchedFileOf(`/p/functions/enrich/${junk}`), junk).toBeUndefined();
    }
  });
});

const local = (overrides: Record<string, unknown> = {}) =>
  parseDefinition({
    appname: 'fn1',
    appcode: 'function OnUpdate(doc, meta) {}',
    depcfg: {
      source_bucket: 'shop',
      metadata_bucket: 'meta',
      buckets: [
        { alias: 'dst', bucket_name: 'shop', scope_name: 'x', collection_name: 'y', access: 'rw' },
      ],
      curl: [
        {
          hostname: 'https://rates.test/v1',
          value: 'rates',
          auth_type: 'basic',
          username: 'me',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: how function.json names a secret
          password: '${RATES_PASSWORD}',
        },
      ],
    },
    settings: { worker_count: 2 },
    ...overrides,
  }).definition;

/** What the cluster answers for the same function in production: renamed, secrets masked. */
const remote = (settings: Record<string, unknown> = {}) => ({
  ...local(),
  appcode: 'something else entirely',
  depcfg: {
    ...local().depcfg,
    source_bucket: 'shop_prod',
    buckets: [
      {
        alias: 'dst',
        bucket_name: 'shop_prod',
        scope_name: 'x',
        collection_name: 'y',
        access: 'rw',
      },
    ],
    curl: [{ ...local().depcfg.curl[0], hostname: 'https://rates.internal/v1', password: '*****' }],
  },
  settings: { ...local().settings, deployment_status: true, processing_status: true, ...settings },
  handleruuid: 42,
});

const production = {
  keyspaces: { shop: 'shop_prod' },
  urls: { 'https://rates.test': 'https://rates.internal' },
};

describe('definitionDrift', () => {
  it('finds nothing when function.json is what the cluster has after the renames (appcode aside)', () => {
    expect(definitionDrift(local(), remote(), production)).toEqual([]);
  });

  it('names each setting, binding and keyspace that differs', () => {
    const drift = definitionDrift(local(), remote({ worker_count: 4, log_level: 'DEBUG' }), {
      urls: production.urls,
    });
    expect(drift?.map((change) => change.path)).toEqual([
      'source keyspace',
      'depcfg.buckets',
      'settings.log_level',
      'settings.worker_count',
    ]);
    expect(drift?.at(-1)).toEqual({ path: 'settings.worker_count', cluster: 4, local: 2 });
  });

  it("ignores the boundary of a running function and 8.x's checkpoint_interval unless set", () => {
    const running = remote({ dcp_stream_boundary: 'from_now', checkpoint_interval: 1 });
    expect(definitionDrift(local(), running, production)).toEqual([]);
    const set = local({ settings: { worker_count: 2, checkpoint_interval: 30 } });
    expect(definitionDrift(set, running, production)).toEqual([
      { path: 'settings.checkpoint_interval', cluster: 1, local: 30 },
    ]);
  });

  it('gives up (undefined) on an answer that is not a definition', () => {
    expect(definitionDrift(local(), { appname: 'fn1' })).toBeUndefined();
  });
});

const stats = (execution: Record<string, number>, failure: Record<string, number> = {}) =>
  ({
    function_name: 'fn1',
    execution_stats: { on_update_success: 0, on_update_failure: 0, ...execution, curl: { get: 0 } },
    failure_stats: { timeout_count: 0, curl_failure_count: 0, ...failure },
  }) as FunctionStats;

describe('activityDelta', () => {
  it('counts what was handled, failed and timed out since the previous snapshot', () => {
    const before = {
      stats: stats({ on_update_success: 3, on_update_failure: 1 }),
      log: ['b', 'a'],
    };
    const after = {
      stats: stats(
        { on_update_success: 10, on_update_failure: 3, timer_create_failure: 1 },
        { timeout_count: 2, curl_failure_count: 1 },
      ),
      log: ['d', 'c', 'b', 'a'],
    };
    expect(activityDelta(before, after)).toEqual({
      running: true,
      handled: 7,
      failed: 2,
      timeouts: 2,
      counters: {
        'execution_stats.timer_create_failure': 1,
        'failure_stats.curl_failure_count': 1,
      },
      logLines: ['c', 'd'],
    });
  });

  it('counts everything after a reset, and nothing for a function that is not running', () => {
    const before = { stats: stats({ on_update_success: 30 }), log: [] };
    const after = { stats: stats({ on_update_success: 2, on_update_failure: 1 }), log: [] };
    expect(activityDelta(before, after)).toMatchObject({ handled: 2, failed: 1 });
    expect(activityDelta(before, { stats: undefined, log: [] })).toMatchObject({
      running: false,
      handled: 0,
    });
  });

  it('keeps the newest lines only', () => {
    const after = { stats: stats({}), log: ['7', '6', '5', '4', '3', '2', '1'] };
    expect(activityDelta(undefined, after, 3).logLines).toEqual(['5', '6', '7']);
  });
});

describe('newLogLines', () => {
  it('takes the lines above the newest one seen, oldest first; all of them once it slid away', () => {
    expect(newLogLines(['b', 'a'], ['d', 'c', 'b', 'a'])).toEqual(['c', 'd']);
    expect(newLogLines(['b', 'a'], ['b', 'a'])).toEqual([]);
    expect(newLogLines(['z'], ['d', 'c'])).toEqual(['c', 'd']);
    expect(newLogLines([], ['b', 'a'])).toEqual(['a', 'b']);
  });
});
