import { describe, expect, it } from 'vitest';
import { EventingApiError } from '../../src/client/eventing-api-error.ts';
import { alreadyInState } from '../../src/client/lifecycle.ts';
import { EventingDevError } from '../../src/errors.ts';
import { heldTransitions } from '../server/serve-harness.ts';
import { fn, servedClient } from './client-harness.ts';

// The client against `eventing-dev serve` over real loopback HTTP: the 8.x behaviour of every
// per-function route.

const SCOPED = { function_scope: { bucket: 'travel', scope: 'inventory' } };

async function refusal(promise: Promise<unknown>): Promise<EventingApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EventingApiError);
  return error as EventingApiError;
}

describe('definitions', () => {
  it('saves, reads, lists and exports functions', async () => {
    const { client } = await servedClient();
    expect(await client.saveFunction(fn('a'))).toEqual({ code: 0, info: 'Successfully stored' });
    const a = await client.getFunction('a');
    expect(a).toMatchObject({
      appname: 'a',
      depcfg: { source_bucket: 'src', metadata_bucket: 'meta' },
      function_scope: { bucket: '*', scope: '*' },
      settings: { deployment_status: false, processing_status: false },
    });
    await client.saveFunction(fn('b', SCOPED));
    expect((await client.getFunctions()).map((d) => d.appname).sort()).toEqual(['a', 'b']);
    expect((await client.exportFunctions()).map((d) => d.appname).sort()).toEqual(['a', 'b']);
  });

  it('addresses a scoped function as bucket/scope/name or with { scope }', async () => {
    const { client } = await servedClient();
    await client.saveFunction(fn('enrich', SCOPED));
    expect((await client.getFunction('travel/inventory/enrich')).appname).toBe('enrich');
    const scope = { bucket: 'travel', scope: 'inventory' };
    expect((await client.getStatus('enrich', { scope })).function_scope).toEqual(scope);
    const missing = await refusal(client.getFunction('enrich'));
    expect([missing.status, missing.name]).toEqual([404, 'ERR_APP_NOT_FOUND_TS']);
  });

  it('imports and bulk-saves with one result per function, failures included', async () => {
    const { client } = await servedClient();
    const results = await client.importFunctions([fn('a'), fn('bad name')]);
    expect(results[0]).toEqual({
      code: 0,
      warning_info: { status: "Stored function: 'a' in metakv", warnings: null },
    });
    expect(results[1]).toMatchObject({ code: 63 });
    expect(await client.saveFunctions([fn('c')])).toEqual([
      { code: 0, warning_info: { status: "Stored function: 'c' in metakv", warnings: null } },
    ]);
    expect((await client.listFunctions()).sort()).toEqual(['a', 'c']);
  });

  it('deletes one function, guarded by handleruuid, and waits until it is gone', async () => {
    const { client } = await servedClient();
    await client.saveFunction(fn('a'));
    const { handleruuid } = await client.getFunction('a');
    const wrong = await refusal(client.deleteFunction('a', { handleruuid: 1 }));
    expect(wrong.name).toBe('ERR_APP_NOT_FOUND_TS');
    expect(await client.deleteFunction('a', { handleruuid: handleruuid as number })).toEqual({
      code: 0,
      info: 'Succesfully deleted',
    });
    expect(await client.waitForDeletion('a')).toBe(true);
    expect(await client.getFunctions()).toEqual([]);
  });

  it('deletes every undeployed function at once and keeps the deployed ones', async () => {
    const { client } = await servedClient();
    await client.saveFunction(fn('a'));
    await client.saveFunction(
      fn('b', { settings: { deployment_status: true, processing_status: true } }),
    );
    await client.waitForStatus('b', 'deployed');
    await client.deleteFunctions();
    expect(await client.listFunctions()).toEqual(['b']);
  });
});

describe('lifecycle and waitForStatus', () => {
  it('deploys, pauses, resumes and undeploys, passing through the transitional states', async () => {
    // Each transition is held until the wait has seen it under way: no timing involved.
    const transitions = heldTransitions();
    const { client } = await servedClient({ transitions });
    await client.saveFunction(fn('a'));
    const seen: string[] = [];
    const onProgress = (p: { status: string }) => {
      if (seen.at(-1) !== p.status) seen.push(p.status);
      if (p.status.endsWith('ing')) void transitions.release();
    };
    expect(await client.deploy('a')).toEqual({ code: 0, info: 'Function: a is deploying' });
    expect((await client.waitForStatus('a', 'deployed', { onProgress })).composite_status).toBe(
      'deployed',
    );
    await client.pause('a');
    await client.waitForStatus('a', 'paused', { onProgress });
    await client.resume('a');
    await client.waitForStatus('a', 'deployed', { onProgress });
    await client.undeploy('a');
    await client.waitForStatus('a', 'undeployed', { onProgress });
    expect(seen).toEqual([
      'deploying',
      'deployed',
      'pausing',
      'paused',
      'resuming',
      'deployed',
      'undeploying',
      'undeployed',
    ]);
  });

  it('tells "already in that state" refusals from others, by error name', async () => {
    const { client } = await servedClient();
    await client.saveFunction(fn('a'));
    const undeployAgain = await refusal(client.undeploy('a'));
    expect([undeployAgain.status, undeployAgain.name]).toEqual([406, 'ERR_APP_NOT_DEPLOYED']);
    expect(alreadyInState(undeployAgain, 'undeploy')).toBe('undeployed');
    const pauseUndeployed = await refusal(client.pause('a'));
    expect(pauseUndeployed.name).toBe('ERR_INVALID_REQUEST');
    expect(alreadyInState(pauseUndeployed, 'pause')).toBeUndefined();
    await client.deploy('a');
    await client.waitForStatus('a', 'deployed');
    const deployAgain = await refusal(client.deploy('a'));
    expect(alreadyInState(deployAgain, 'deploy')).toBe('deployed');
    expect(alreadyInState(deployAgain, 'undeploy')).toBeUndefined();
    const polls: number[] = [];
    await client.waitForStatus('a', 'deployed', { onProgress: (p) => polls.push(p.polls) });
    expect(polls).toEqual([1]);
  });

  it('lifecycle on an unknown function is 8.0.1+’s 400 ERR_APP_NOT_FOUND', async () => {
    const { client } = await servedClient();
    const error = await refusal(client.deploy('nope'));
    expect([error.status, error.name, error.code, error.message]).toEqual([
      400,
      'ERR_APP_NOT_FOUND',
      53,
      'Function: nope not found',
    ]);
  });

  it('gives up after timeoutMs with API_TIMEOUT, reading time from the injected clock', async () => {
    let now = 0;
    const { client } = await servedClient(
      { transitions: heldTransitions() },
      {
        now: () => now,
        sleep: async (ms) => {
          now += ms;
        },
      },
    );
    await client.saveFunction(fn('a'));
    await client.deploy('a');
    const error = await client.waitForStatus('a', 'deployed', { timeoutMs: 5000 }).catch((e) => e);
    expect(error).toBeInstanceOf(EventingDevError);
    expect([error.code, error.message]).toEqual([
      'API_TIMEOUT',
      'a is still deploying, not deployed, after 5.0 s',
    ]);
  });

  it('stops waiting when the function rests elsewhere and no longer asks for the target', async () => {
    const { client } = await servedClient();
    await client.saveFunction(fn('a'));
    const error = await client.waitForStatus('a', 'deployed').catch((e) => e);
    expect([error.code, error.message]).toEqual([
      'FUNCTION_STATE',
      'a is undeployed and no longer on its way to deployed',
    ]);
  });
});

describe('parts of a definition', () => {
  it('reads and merges settings, sending both status flags', async () => {
    const { client } = await servedClient();
    await client.saveFunction(fn('a'));
    expect(await client.getSettings('a')).toMatchObject({ worker_count: 1, log_level: 'INFO' });
    const answer = await client.setSettings('a', {
      worker_count: 4,
      deployment_status: false,
      processing_status: false,
    });
    expect(answer).toEqual({ code: 0, info: 'Function: a stored settings' });
    expect(await client.getSettings('a')).toMatchObject({ worker_count: 4, log_level: 'INFO' });
  });

  it('reads the keyspaces (8.x shape) and replaces the whole depcfg', async () => {
    const { client } = await servedClient();
    await client.saveFunction(fn('a'));
    expect(await client.getDeploymentConfig('a')).toEqual({
      source_keyspace: { bucket_name: 'src', scope_name: '_default', collection_name: '_default' },
      meta_keyspace: { bucket_name: 'meta', scope_name: '_default', collection_name: '_default' },
    });
    const { depcfg } = await client.getFunction('a');
    await client.setDeploymentConfig('a', { ...depcfg, source_bucket: 'orders' });
    expect((await client.getFunction('a')).depcfg).toMatchObject({
      source_bucket: 'orders',
      buckets: [expect.objectContaining({ alias: 'dst' })],
    });
  });

  it('reads and writes the appcode raw, with its checksum', async () => {
    const { client } = await servedClient();
    await client.saveFunction(fn('a'));
    const code = 'function OnUpdate(doc, meta) {\n  log("x \\"quoted\\"", meta.id);\n}\n';
    expect(await client.setAppcode('a', code)).toEqual({
      code: 0,
      info: 'Function: a appcode stored in the metakv',
    });
    expect(await client.getAppcode('a')).toBe(code);
    const { createHash } = await import('node:crypto');
    expect(await client.getAppcodeChecksum('a')).toBe(
      createHash('sha256').update(code).digest('hex'),
    );
  });
});

describe('refusals and credentials', () => {
  it('turns 8.x error envelopes into EventingApiError with name, code, status and message', async () => {
    const { client } = await servedClient();
    const error = await refusal(client.getStatus('zz'));
    expect({
      status: error.status,
      name: error.name,
      code: error.code,
      message: error.message,
      attributes: error.attributes,
      path: error.path,
    }).toEqual({
      status: 404,
      name: 'ERR_APP_NOT_FOUND_TS',
      code: 13,
      message: 'Function: zz not found',
      attributes: [],
      path: '/api/v1/status/zz',
    });
  });

  it('sends HTTP Basic credentials; wrong ones are a 401 ERR_UNAUTHENTICATED', async () => {
    const { h } = await servedClient();
    const { newClient } = await import('./client-harness.ts');
    const intruder = newClient({ url: h.running.url, password: 'wrong' });
    const error = await refusal(intruder.getStatuses());
    expect([error.status, error.name]).toEqual([401, 'ERR_UNAUTHENTICATED']);
  });
});
