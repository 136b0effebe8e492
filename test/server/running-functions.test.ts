import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  definition,
  docPath,
  expectOk,
  expectStored,
  type Harness,
  serve,
} from './serve-harness.ts';

// Functions deployed on serve run for real: the real clock, real timers, curl() to the network.

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

describe('deployed functions run for real', () => {
  it('fires a timer at its due time and logs from it', async () => {
    const h = await deployed(
      `function OnUpdate(doc, meta) {
  createTimer(Later, new Date(Date.now() + 1000), meta.id, { id: meta.id });
}
function Later(context) { log('fired', context.id); }`,
    );
    expectStored(await h.call('PUT', docPath('src', 't1'), { body: {} }));
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
        expectStored(await h.call('PUT', docPath('src', 'k1'), { body: {} }));
        expect((await h.call('GET', '/getAppLog?name=a')).text).toContain(logged);
        expect(requests).toBe(offline ? 0 : 1);
      } finally {
        api.close();
      }
    },
  );
});
