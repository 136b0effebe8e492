import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/definition/settings.ts';
import { definition, expectError, expectOk, heldTransitions, serve } from './serve-harness.ts';

// /settings, /config and /appcode of one function (spec §2.9–2.11, §2.19; 8.x behaviour).

const INVALID = { http: 400, name: 'ERR_INVALID_REQUEST', code: 63 };

async function withFunction() {
  const transitions = heldTransitions();
  const h = await serve({ transitions });
  expectOk(await h.call('POST', '/api/v1/functions/fn', { body: definition('fn') }));
  return { ...h, transitions };
}

describe('GET and POST /api/v1/functions/{name}/settings', () => {
  it('answers every setting except the two status flags', async () => {
    const h = await withFunction();
    const { deployment_status: _d, processing_status: _p, ...rest } = DEFAULT_SETTINGS;
    expect(expectOk(await h.call('GET', '/api/v1/functions/fn/settings'))).toEqual(rest);
  });

  it('merges the given keys, keeps the others and drops unknown keys', async () => {
    const h = await withFunction();
    expect(
      expectOk(
        await h.call('POST', '/api/v1/functions/fn/settings', {
          body: { worker_count: 3, app_log_max_files: 4, no_such_setting: 1 },
        }),
      ),
    ).toEqual({ code: 0, info: 'Function: fn stored settings' });
    expectOk(await h.call('POST', '/api/v1/functions/fn/settings', { body: { description: 'x' } }));
    const settings = expectOk(await h.call('GET', '/api/v1/functions/fn/settings'));
    expect(settings).toMatchObject({ worker_count: 3, app_log_max_files: 4, description: 'x' });
    expect(settings).not.toHaveProperty('no_such_setting');
  });

  it('validates each key with the 8.x message', async () => {
    const h = await withFunction();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ worker_count: 0 }, 'worker_count value should be greater than or equal to 1'],
      [{ worker_count: 'two' }, 'worker_count expected integer value'],
      [{ log_level: 'LOUD' }, 'log_level value should be one of [INFO ERROR WARNING DEBUG TRACE]'],
      [{ deployment_status: 'yes' }, 'expected boolean value'],
      [
        { deployment_status: false, processing_status: true },
        'Invalid deployment and processing status',
      ],
    ];
    for (const [body, description] of cases) {
      expectError(await h.call('POST', '/api/v1/functions/fn/settings', { body }), {
        ...INVALID,
        description,
      });
    }
  });

  it('answers malformed JSON with ERR_UNMARSHAL_PLD, as the server does', async () => {
    const h = await withFunction();
    const answer = await h.call('POST', '/api/v1/functions/fn/settings', { body: '{' });
    expectError(answer, { http: 400, name: 'ERR_UNMARSHAL_PLD', code: 16 });
    expect((answer.json() as { description: string }).description).toMatch(
      /^failed to unmarshal retry, err: /,
    );
  });

  it('deploys, pauses, resumes and undeploys through the status flags (deprecated lifecycle)', async () => {
    const h = await withFunction();
    const flags = (deployment_status: boolean, processing_status: boolean, extra = {}) =>
      h.call('POST', '/api/v1/functions/fn/settings', {
        body: { deployment_status, processing_status, ...extra },
      });
    expectOk(await flags(true, true, { worker_count: 2 }));
    expect(h.running.service.status(h.running.service.records[0]!)).toBe('deploying');
    await h.transitions.release();
    await h.waitFor('fn', 'deployed');
    expectOk(await flags(true, true));
    expectOk(await flags(true, false));
    await h.transitions.release();
    await h.waitFor('fn', 'paused');
    expectOk(await flags(true, true));
    await h.transitions.release();
    await h.waitFor('fn', 'deployed');
    expectOk(await flags(false, false, { worker_count: 5 }));
    await h.transitions.release();
    await h.waitFor('fn', 'undeployed');
    expect(expectOk(await h.call('GET', '/api/v1/functions/fn/settings'))).toMatchObject({
      worker_count: 5,
    });
  });
});

describe('GET and POST /api/v1/functions/{name}/config', () => {
  it('answers the 8.x deployment config: the two keyspaces', async () => {
    const h = await withFunction();
    expect(expectOk(await h.call('GET', '/api/v1/functions/fn/config'))).toEqual({
      source_keyspace: { bucket_name: 'src', scope_name: '_default', collection_name: '_default' },
      meta_keyspace: { bucket_name: 'meta', scope_name: '_default', collection_name: '_default' },
    });
  });

  it('replaces the whole depcfg, bindings included', async () => {
    const h = await withFunction();
    expect(
      expectOk(
        await h.call('POST', '/api/v1/functions/fn/config', {
          body: {
            source_bucket: 'orders',
            source_scope: 'sales',
            source_collection: 'items',
            metadata_bucket: 'meta',
            constants: [{ value: 'LIMIT', literal: '10' }],
          },
        }),
      ),
    ).toEqual({ code: 0, info: 'Function: fn stored deployment config' });
    const got = expectOk(await h.call('GET', '/api/v1/functions/fn')) as { depcfg: unknown };
    expect(got.depcfg).toEqual({
      source_bucket: 'orders',
      source_scope: 'sales',
      source_collection: 'items',
      metadata_bucket: 'meta',
      metadata_scope: '_default',
      metadata_collection: '_default',
      constants: [{ value: 'LIMIT', literal: '10' }],
    });
  });

  it('validates the body before looking the function up, as 8.x does', async () => {
    const h = await serve();
    expectError(
      await h.call('POST', '/api/v1/functions/nope/config', { body: { metadata_bucket: 'm' } }),
      { ...INVALID, description: 'depcfg.source_bucket: is required' },
    );
    expectError(await h.call('POST', '/api/v1/functions/nope/config', { body: '[' }), INVALID);
  });
});

describe('/api/v1/functions/{name}/appcode', () => {
  it('answers the code as it is, and its SHA-256 at /appcode/checksum', async () => {
    const h = await withFunction();
    const answer = await h.call('GET', '/api/v1/functions/fn/appcode');
    expect(answer.text).toBe(definition('fn').appcode);
    expect(answer.headers['content-type']).toBe('application/json');
    const checksum = await h.call('GET', '/api/v1/functions/fn/appcode/checksum');
    expect(checksum.text).toBe(createHash('sha256').update(definition('fn').appcode).digest('hex'));
  });

  it('stores raw JavaScript, quotes and newlines untouched', async () => {
    const h = await withFunction();
    const code = 'function OnUpdate(doc, meta) {\n  log("it\'s \\"raw\\"");\n}\n';
    expect(expectOk(await h.call('POST', '/api/v1/functions/fn/appcode', { body: code }))).toEqual({
      code: 0,
      info: 'Function: fn appcode stored in the metakv',
    });
    expect((await h.call('GET', '/api/v1/functions/fn/appcode')).text).toBe(code);
  });

  it('answers a compile error with 422 and keeps the old code', async () => {
    const h = await withFunction();
    const answer = await h.call('POST', '/api/v1/functions/fn/appcode', {
      body: 'function OnUpdate(doc, meta) {',
    });
    expectError(answer, { http: 422, name: 'ERR_HANDLER_COMPILATION', code: 27 });
    expect((await h.call('GET', '/api/v1/functions/fn/appcode')).text).toBe(
      definition('fn').appcode,
    );
  });

  it('refuses POST on /appcode/checksum with 405', async () => {
    const h = await withFunction();
    expectError(await h.call('POST', '/api/v1/functions/fn/appcode/checksum', { body: 'x' }), {
      http: 405,
      name: 'ERR_METHOD_NOT_ALLOWED',
      code: 62,
      description: "'/checksum' option is not allowed on a POST request",
    });
  });
});
