import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventingDevError } from '../../src/errors.ts';
import { docPath } from '../server/serve-harness.ts';
import { fn, newClient, servedClient } from './client-harness.ts';

// The client's service-wide routes against `eventing-dev serve`: application logs, lists,
// the global config, statistics, and TLS.

const DEPLOYED = { settings: { deployment_status: true, processing_status: true } };

async function deployedWithLog(lines: number) {
  const served = await servedClient();
  await served.client.saveFunction(fn('a', DEPLOYED));
  await served.client.waitForStatus('a', 'deployed');
  for (let i = 0; i < lines; i++) {
    const answer = await served.h.call('PUT', docPath('src', `k${i}`), { body: { i } });
    expect(answer.status).toBe(200);
  }
  return served;
}

describe('getAppLog', () => {
  it('answers the lines newest first, whole lines within about size bytes', async () => {
    const { client } = await deployedWithLog(3);
    const lines = await client.getAppLog('a');
    expect(lines.map((line) => line.replace(/^\S+ /, ''))).toEqual([
      '[INFO] "saw" "k2" ',
      '[INFO] "saw" "k1" ',
      '[INFO] "saw" "k0" ',
    ]);
    const newest = lines[0] as string;
    expect(await client.getAppLog('a', { size: newest.length + 1, aggregate: true })).toEqual([
      newest,
    ]);
  });
});

describe('listFunctions', () => {
  it('filters by deployment, source bucket and function type', async () => {
    const { client } = await servedClient();
    await client.saveFunction(fn('idle'));
    await client.saveFunction(
      fn('sbm', {
        depcfg: {
          source_bucket: 'orders',
          metadata_bucket: 'meta',
          buckets: [{ alias: 'self', bucket_name: 'orders', access: 'rw' }],
        },
        ...DEPLOYED,
      }),
    );
    await client.waitForStatus('sbm', 'deployed');
    expect((await client.listFunctions()).sort()).toEqual(['idle', 'sbm']);
    expect(await client.listFunctions({ deployed: true })).toEqual(['sbm']);
    expect(await client.listFunctions({ deployed: false })).toEqual(['idle']);
    expect(await client.listFunctions({ sourceBucket: 'orders' })).toEqual(['sbm']);
    expect(await client.listFunctions({ functionType: 'notsbm' })).toEqual(['idle']);
  });
});

describe('global config', () => {
  it('reads, merges and deletes the service settings, globally and per bucket', async () => {
    const { client } = await servedClient();
    expect(await client.getGlobalConfig()).toMatchObject({ enable_debugger: false });
    expect(await client.setGlobalConfig({ enable_debugger: true })).toEqual({
      code: 0,
      info: 'Config saved for *',
    });
    expect(await client.getGlobalConfig()).toMatchObject({ enable_debugger: true });
    const scope = { bucket: 'travel' };
    await client.setGlobalConfig({ enable_curl: false }, { scope });
    expect(await client.getGlobalConfig({ scope })).toMatchObject({ enable_curl: false });
    expect(await client.deleteGlobalConfig({ scope })).toMatchObject({ code: 0 });
    expect(await client.getGlobalConfig({ scope })).toMatchObject({ enable_curl: true });
  });
});

describe('statistics', () => {
  it('reports running functions only, one by name, and resets counters', async () => {
    const { client } = await deployedWithLog(2);
    await client.saveFunction(fn('idle'));
    const all = await client.getStats();
    expect(all.map((s) => s.function_name)).toEqual(['a']);
    expect(all[0]?.execution_stats).toMatchObject({ on_update_success: 2 });
    const one = await client.getFunctionStats('a', { full: true });
    expect(one).toMatchObject({ function_name: 'a', latency_stats: {} });
    expect(await client.getFunctionStats('idle')).toBeUndefined();
    expect(await client.getExecutionStats('a')).toMatchObject({ on_update_success: 2 });
    expect(await client.getFailureStats('a')).toMatchObject({ timeout_count: 0 });
    expect(await client.resetStats('a')).toEqual({ code: 0, info: 'Done resetting counters' });
    expect((await client.getExecutionStats('a')).on_update_success).toBe(0);
  });
});

describe('TLS', () => {
  const fixture = (name: string) =>
    readFileSync(new URL(`../server/fixtures/${name}`, import.meta.url));

  it('verifies the certificate against --cacert, refuses it without, and skips the check with insecure', async () => {
    const tls = { cert: fixture('localhost-cert.pem'), key: fixture('localhost-key.pem') };
    const { h } = await servedClient({ tls });
    const url = h.running.url;
    expect(url).toMatch(/^https:/);
    const trusted = newClient({ url, ca: fixture('localhost-cert.pem') });
    expect(await trusted.getStatuses()).toEqual({ apps: [], num_eventing_nodes: 1 });
    const strict = newClient({ url });
    const error = await strict.getStatuses().catch((e) => e);
    expect(error).toBeInstanceOf(EventingDevError);
    expect([error.code, error.message]).toEqual([
      'CLUSTER_UNREACHABLE',
      expect.stringMatching(/^TLS with https:\/\/127\.0\.0\.1:\d+ failed/),
    ]);
    const insecure = newClient({ url, insecure: true });
    expect((await insecure.getStatuses()).apps).toEqual([]);
  });
});
