import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../../../src/index.ts';
import { defineFunction, type FunctionSpec } from '../../../src/testing/index.ts';
import { emulator, logged } from '../../helpers/emulator.ts';

const API = 'https://api.example.com';

function withApi(code: string, spec: Partial<FunctionSpec> = {}) {
  return defineFunction({ name: 'fn', source: 'src', urls: { api: `${API}/v1` }, code, ...spec });
}

describe('curl() against offline answers (em.http)', () => {
  it('returns status, raw header values and a JSON body decoded by Content-Type', async () => {
    const em = await emulator();
    em.http
      .get(API)
      .intercept({ path: '/v1/rates?currency=EUR' })
      .reply(
        200,
        { rate: 1.1 },
        {
          headers: { 'content-type': 'application/json; charset=utf-8' },
        },
      );
    const fn = await em.deploy(
      withApi(`function OnUpdate(doc, meta) {
        var response = curl('GET', api, { path: '/rates', params: { currency: 'EUR' } });
        log(response.status, response.body, response.headers['content-type'], Object.keys(response));
      }`),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      `200 {"rate":1.1} ${JSON.stringify(' application/json; charset=utf-8\r\n')} ["status","headers","body"] `,
    ]);
    expect(fn.stats.execution_stats).toMatchObject({
      curl: { get: 1, post: 0, put: 0, head: 0, delete: 0 },
      curl_success_count: 1,
    });
  });

  it('sends an object body as JSON and a string body as text, with Content-Type set', async () => {
    const em = await emulator();
    const pool = em.http.get(API);
    pool
      .intercept({
        path: '/v1/orders',
        method: 'POST',
        body: '{"id":"k"}',
        headers: { 'content-type': 'application/json' },
      })
      .reply(201, 'created', { headers: { 'content-type': 'text/plain' } });
    pool
      .intercept({
        path: '/v1/notes',
        method: 'PUT',
        body: 'hello',
        headers: { 'content-type': 'text/plain' },
      })
      .reply(204, '');
    const fn = await em.deploy(
      withApi(`function OnUpdate(doc, meta) {
        var created = curl('POST', api, { path: '/orders', body: { id: meta.id } });
        var noted = curl('PUT', api, { path: 'notes', body: 'hello' });
        log(created.status, created.body, noted.status, noted.body);
      }`),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['201 "created" 204 null ']);
    expect(fn.stats.failure_stats.curl_non_200_response).toBe(2);
  });

  it('returns other content as an ArrayBuffer', async () => {
    const em = await emulator();
    em.http
      .get(API)
      .intercept({ path: '/v1/logo' })
      .reply(200, Buffer.from([137, 80, 78, 71]), {
        headers: { 'content-type': 'image/png' },
      });
    const fn = await em.deploy(
      withApi(
        "function OnUpdate(doc, meta) { var body = curl('GET', api, { path: '/logo' }).body; log(body instanceof ArrayBuffer, Array.from(new Uint8Array(body))); }",
      ),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['true [137,80,78,71] ']);
  });

  it('fails a request nobody answers as an unreachable host would, saying how to answer it', async () => {
    const em = await emulator();
    const fn = await em.deploy(
      withApi(`function OnUpdate(doc, meta) {
        try { curl('GET', api, { path: '/missing' }); } catch (e) { log(e instanceof CurlError, e.message); }
      }`),
    );
    await em.upsert('src', 'k', {});
    const [line] = logged(fn);
    expect(line).toMatch(
      /^true "Unable to perform the request: .*em\.http\.get\('https:\/\/api\.example\.com'\)\.intercept/,
    );
    expect(fn.stats.failure_stats.curl_failure_count).toBe(1);
  });

  it('adds the binding’s basic or bearer credentials', async () => {
    const em = await emulator();
    const pool = em.http.get(API);
    pool
      .intercept({
        path: '/v1/basic',
        headers: { authorization: `Basic ${Buffer.from('ada:secret').toString('base64')}` },
      })
      .reply(200, 'ok');
    pool
      .intercept({ path: '/v1/bearer', headers: { authorization: 'Bearer tok3n' } })
      .reply(200, 'ok');
    const fn = await em.deploy(
      defineFunction({
        name: 'fn',
        source: 'src',
        urls: {
          basic: { url: `${API}/v1`, auth: 'basic', username: 'ada', password: 'secret' },
          bearer: { url: `${API}/v1`, auth: 'bearer', bearer_key: 'tok3n' },
        },
        code: "function OnUpdate(doc, meta) { log(curl('GET', basic, { path: 'basic' }).status, curl('GET', bearer, { path: 'bearer' }).status); }",
      }),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['200 200 ']);
  });

  it('sends number and boolean header values in their string form', async () => {
    const em = await emulator();
    em.http
      .get(API)
      .intercept({
        path: '/v1/upload',
        method: 'POST',
        headers: { 'body-size': '5242890', 'x-dry-run': 'false', 'x-ratio': '0.5' },
      })
      .reply(204, '');
    const fn = await em.deploy(
      withApi(`function OnUpdate(doc, meta) {
        var headers = { 'Body-Size': 5242890, 'X-Dry-Run': false, 'X-Ratio': 0.5 };
        log(curl('POST', api, { path: '/upload', body: 'x', headers: headers }).status);
      }`),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['204 ']);
  });

  it.each([
    [
      'an unknown method',
      "curl('PATCH', api)",
      'Invalid HTTP method "PATCH": use one of GET, POST, PUT, HEAD, DELETE',
    ],
    [
      'a binding that is not a URL binding',
      "curl('GET', {})",
      "Second argument to curl must be one of the function's URL bindings",
    ],
    [
      'a timeout that is not a positive integer',
      "curl('GET', api, { timeout: 'abc' })",
      "'timeout' should be a positive integer",
    ],
    [
      'a negative timeout',
      "curl('GET', api, { timeout: -1 })",
      "'timeout' should be a positive integer",
    ],
    [
      'a header value that is an object',
      "curl('GET', api, { headers: { 'X-Tags': ['a'] } })",
      "'headers' should be an object of strings, numbers or booleans ('X-Tags' is not)",
    ],
    [
      'an unknown encoding',
      "curl('POST', api, { body: 'x', encoding: 'XML' })",
      "'encoding' should be one of FORM, JSON, TEXT, BINARY",
    ],
  ])('rejects %s with a CurlError', async (_case, call, message) => {
    const em = await emulator();
    const fn = await em.deploy(
      withApi(
        `function OnUpdate(doc, meta) { try { ${call}; } catch (e) { log(e instanceof CurlError, e.message); } }`,
      ),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([`true ${JSON.stringify(message)} `]);
  });
});

describe('curl() answers that are not ready at once', () => {
  const LOG_RATE = `function OnUpdate(doc, meta) {
    try { var r = curl('GET', api, { path: '/rate' }); log(r.status, r.body); }
    catch (e) { log(e instanceof CurlError, e.message); }
  }`;
  const TEXT = { headers: { 'content-type': 'text/plain' } };
  const later = async () => ({ statusCode: 200, data: 'later', responseOptions: TEXT });

  it('are waited for when the isolate is entered asynchronously', async () => {
    const em = await emulator();
    em.http.get(API).intercept({ path: '/v1/rate' }).reply(later);
    const fn = await em.deploy(withApi(LOG_RATE));
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['200 "later" ']);
  });

  it('fail with a CurlError saying why when the isolate is entered synchronously', async () => {
    const em = await emulator({ entryMode: 'sync' });
    em.http.get(API).intercept({ path: '/v1/rate' }).reply(later);
    const fn = await em.deploy(withApi(LOG_RATE));
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      expect.stringMatching(/^true "curl had to wait .*entryMode 'async'/),
    ]);
  });

  it('while answers ready at once reach a synchronously entered isolate', async () => {
    const em = await emulator({ entryMode: 'sync' });
    em.http.get(API).intercept({ path: '/v1/rate' }).reply(200, 'now', TEXT);
    const fn = await em.deploy(withApi(LOG_RATE));
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['200 "now" ']);
  });
});

describe('curl() over real HTTP', () => {
  let server: Server;
  let origin = '';
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.cookie ?? '-'}`);
      if (request.url === '/login') response.setHeader('set-cookie', 'session=abc; Path=/');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ path: request.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reaches a loopback server through a real undici Agent, keeping cookies within one invocation', async () => {
    const agent = new Agent();
    const em = await createEmulator({ dispatcher: agent });
    const fn = await em.deploy(
      defineFunction({
        name: 'fn',
        source: 'src',
        urls: { site: { url: origin, allow_cookies: true } },
        code: "function OnUpdate(doc, meta) { curl('GET', site, { path: '/login' }); log(curl('GET', site, { path: '/data' }).body); }",
      }),
    );
    await em.upsert('src', 'a', {});
    await em.upsert('src', 'b', {});
    expect(logged(fn)).toEqual(['{"path":"/data"} ', '{"path":"/data"} ']);
    // The cookie went with the second call of each invocation, never into the next invocation.
    expect(seen).toEqual([
      'GET /login -',
      'GET /data session=abc',
      'GET /login -',
      'GET /data session=abc',
    ]);
    expect(() => em.http).toThrow(expect.objectContaining({ code: 'ARGUMENT_INVALID' }));
    await em.dispose();
    await agent.close();
  });
});
