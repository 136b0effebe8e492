import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { definition, expectError, expectOk, type Harness, serve } from './serve-harness.ts';

// eventing-dev's document API under /_dev/keyspaces: writes reach deployed functions as
// em.upsert does, and the functions run for real (real clock, real timers).

const INVALID = { http: 400, name: 'ERR_INVALID_REQUEST', code: 63 };

async function deployed(appcode = definition('a').appcode): Promise<Harness> {
  const h = await serve();
  const body = definition('a', {
    appcode,
    settings: { deployment_status: true, processing_status: true },
  });
  expectOk(await h.call('POST', '/api/v1/functions/a', { body }));
  await h.waitFor('a', 'deployed');
  return h;
}

describe('PUT, GET, DELETE and list of /_dev/keyspaces/{keyspace}/docs', () => {
  it('stores a document, runs the deployed handler before answering, and reads it back', async () => {
    const h = await deployed();
    const put = expectOk(
      await h.call('PUT', '/_dev/keyspaces/src/docs/k1', { body: { name: 'Ada' } }),
    ) as Record<string, unknown>;
    expect(put).toMatchObject({ id: 'k1', expiration: 0 });
    expect(put.cas).toMatch(/^\d+$/);
    const copied = await h.call('GET', '/_dev/keyspaces/dst._default._default/docs/k1');
    expect(copied.json()).toEqual({ name: 'Ada' });
    expect(copied.headers).toMatchObject({ datatype: 'json', expiration: '0', status: '0' });
  });

  it('lists the ids of a keyspace, sorted, with an optional limit', async () => {
    const h = await serve();
    for (const id of ['b', 'a', 'c/d']) {
      expectOk(
        await h.call('PUT', `/_dev/keyspaces/app.s.c/docs/${encodeURIComponent(id)}`, { body: 1 }),
      );
    }
    expect(expectOk(await h.call('GET', '/_dev/keyspaces/app.s.c/docs'))).toEqual({
      keyspace: 'app.s.c',
      count: 3,
      ids: ['a', 'b', 'c/d'],
    });
    expect(expectOk(await h.call('GET', '/_dev/keyspaces/app.s.c/docs/?limit=1'))).toMatchObject({
      count: 3,
      ids: ['a'],
    });
  });

  it('deletes a document (OnDelete runs) and answers 404 ERR_DOC_NOT_FOUND afterwards', async () => {
    const h = await deployed(
      'function OnUpdate(doc, meta) {}\nfunction OnDelete(meta, options) { log("gone", meta.id); }',
    );
    expectOk(await h.call('PUT', '/_dev/keyspaces/src/docs/k1', { body: {} }));
    expect(expectOk(await h.call('DELETE', '/_dev/keyspaces/src/docs/k1'))).toEqual({
      id: 'k1',
      deleted: true,
    });
    expect((await h.call('GET', '/getAppLog?name=a')).text).toContain('"gone" "k1"');
    const missing = {
      http: 404,
      name: 'ERR_DOC_NOT_FOUND',
      code: 1001,
      description: 'Document k1 not found in src._default._default',
    };
    expectError(await h.call('GET', '/_dev/keyspaces/src/docs/k1'), missing);
    expectError(await h.call('DELETE', '/_dev/keyspaces/src/docs/k1'), missing);
  });

  it('takes an expiry in seconds, or as a Unix time past 30 days', async () => {
    const h = await serve();
    const before = Math.floor(Date.now() / 1000);
    const relative = expectOk(
      await h.call('PUT', '/_dev/keyspaces/src/docs/k1?expiry=3600', { body: 1 }),
    ) as { expiration: number };
    expect(relative.expiration - before).toBeGreaterThanOrEqual(3600);
    expect(relative.expiration - before).toBeLessThanOrEqual(3601 + 60);
    const absolute = expectOk(
      await h.call('PUT', `/_dev/keyspaces/src/docs/k2?expiry=${before + 86_400 * 40}`, {
        body: 1,
      }),
    ) as { expiration: number };
    expect(absolute.expiration).toBe(before + 86_400 * 40);
    expectError(await h.call('PUT', '/_dev/keyspaces/src/docs/k3?expiry=-1', { body: 1 }), INVALID);
  });

  it('stores binary documents sent as application/octet-stream', async () => {
    const h = await serve();
    const bytes = Buffer.from([0xff, 0x00, 0x01]);
    expectOk(
      await h.call('PUT', '/_dev/keyspaces/bin/docs/b', {
        body: bytes,
        headers: { 'content-type': 'application/octet-stream' },
      }),
    );
    const answer = await h.call('GET', '/_dev/keyspaces/bin/docs/b');
    expect(answer.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      datatype: 'binary',
    });
  });

  it('refuses bodies that are not JSON, bad keyspaces and bad keys', async () => {
    const h = await serve();
    const notJson = await h.call('PUT', '/_dev/keyspaces/src/docs/k', { body: '{oops' });
    expectError(notJson, INVALID);
    expect((notJson.json() as { description: string }).description).toMatch(
      /^The document is not JSON/,
    );
    expectError(await h.call('PUT', '/_dev/keyspaces/a.b/docs/k', { body: 1 }), {
      ...INVALID,
      description: expect.stringContaining('expected 1 or 3 parts, got 2'),
    });
    expectError(await h.call('GET', '/_dev/keyspaces/a.*.c/docs'), INVALID);
    expectError(await h.call('GET', '/_dev/keyspaces/a%00b/docs'), INVALID);
    expectOk(await h.call('PUT', '/_dev/keyspaces/%60travel.sample%60.s.c/docs/k', { body: 1 }));
    expectOk(await h.call('GET', '/_dev/keyspaces/%60travel.sample%60.s.c/docs/k'));
    expectError(await h.call('PUT', `/_dev/keyspaces/src/docs/${'k'.repeat(251)}`, { body: 1 }), {
      ...INVALID,
      description: expect.stringContaining('Invalid document key'),
    });
  });
});

describe('deployed functions run for real', () => {
  it('fires a timer at its due time and logs from it', async () => {
    const h = await deployed(
      `function OnUpdate(doc, meta) {
  createTimer(Later, new Date(Date.now() + 1000), meta.id, { id: meta.id });
}
function Later(context) { log('fired', context.id); }`,
    );
    expectOk(await h.call('PUT', '/_dev/keyspaces/src/docs/t1', { body: {} }));
    let log = '';
    for (let poll = 0; poll < 100_000 && !log.includes('fired'); poll++) {
      log = (await h.call('GET', '/getAppLog?name=a')).text;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(log).toContain('"fired" "t1"');
    // The handler runs off serve's thread: its invocation is counted once it has returned,
    // which may be after the log line is visible.
    let stats: unknown;
    for (let poll = 0; poll < 100_000; poll++) {
      stats = expectOk(await h.call('GET', '/getExecutionStats?name=a'));
      if ((stats as { timer_callback_success: number }).timer_callback_success === 1) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(stats).toMatchObject({ timer_callback_success: 1 });
  });

  it.each([
    [false, '"got" {"path":"/v1/k1"}'],
    [true, "Couldn't connect to server"],
  ])(
    'sends curl() requests to the network unless offline (offline: %s)',
    async (offline, logged) => {
      let requests = 0;
      const api = createServer((req, res) => {
        requests++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ path: req.url }));
      });
      await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
      const { port } = api.address() as AddressInfo;
      try {
        const h = await serve({ offline });
        const body = definition('a', {
          appcode:
            "function OnUpdate(doc, meta) { try { log('got', curl('GET', api, { path: '/' + meta.id }).body); } catch (e) { log('failed', String(e)); } }",
          depcfg: {
            source_bucket: 'src',
            metadata_bucket: 'meta',
            curl: [
              {
                hostname: `http://127.0.0.1:${port}/v1`,
                value: 'api',
                auth_type: 'no-auth',
                allow_cookies: false,
                validate_ssl_certificate: true,
              },
            ],
          },
          settings: { deployment_status: true, processing_status: true },
        });
        expectOk(await h.call('POST', '/api/v1/functions/a', { body }));
        await h.waitFor('a', 'deployed');
        expectOk(await h.call('PUT', '/_dev/keyspaces/src/docs/k1', { body: {} }));
        expect((await h.call('GET', '/getAppLog?name=a')).text).toContain(logged);
        expect(requests).toBe(offline ? 0 : 1);
      } finally {
        api.close();
      }
    },
  );
});
