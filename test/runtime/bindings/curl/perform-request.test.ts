import { deflateRawSync, gzipSync } from 'node:zlib';
import { Agent, MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UrlBinding } from '../../../../src/definition/types.ts';
import {
  type CurlOptions,
  type CurlRequest,
  performCurl,
} from '../../../../src/runtime/bindings/curl/perform-request.ts';
import { urlBinding } from '../../../helpers/url-binding.ts';
import { type Echo, type LoopbackServer, startLoopbackServer } from './loopback-server.ts';

let server: LoopbackServer;
const agent = new Agent();

beforeAll(async () => {
  server = await startLoopbackServer();
});

afterAll(async () => {
  await agent.close();
  await server.close();
});

const binding = (patch: Partial<UrlBinding> = {}) => urlBinding(server.origin, patch);

const options = (patch: Partial<CurlOptions> = {}): CurlOptions => ({
  dispatcher: agent,
  binding: binding(),
  languageCompatibility: '7.2.0',
  maxResponseMiB: 100,
  ...patch,
});

const get = (path: string, patch: Partial<CurlRequest> = {}, with_: Partial<CurlOptions> = {}) =>
  performCurl({ method: 'GET', path, ...patch }, options(with_));

const echoed = (result: { ok: boolean; body?: unknown }) =>
  (result.ok ? result.body : undefined) as Echo;

describe('curl over a loopback server', () => {
  it('returns status, raw headers and decoded body, and counts a success', async () => {
    const result = await get('/echo');
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.ok && result.headers['Content-Type']).toBe(
      ' application/json; charset=utf-8\r\n',
    );
    expect(echoed(result).headers).toMatchObject({
      accept: '*/*',
      'accept-encoding': 'deflate, gzip',
    });
    expect(result.stats).toEqual({
      method: 'get',
      execution_stats: ['curl_success_count'],
      failure_stats: [],
    });
  });

  it('reaches exactly the §6.5 URLs on the server', async () => {
    const params = { key1: 'value@1', key2: 'value=2', 1: 2 };
    const text = '1=2&key1=value@1&key2=value=2';
    const cases: Array<[Partial<CurlRequest>, string]> = [
      [{ params, url_encode_version: '6.6.2' }, '/X/p@thA/p@thB?1=2&key1=value%401&key2=value%3D2'],
      [
        { params: text, url_encode_version: '6.6.2' },
        '/X/p@thA/p@thB?1%3D2%26key1%3Dvalue%401%26key2%3Dvalue%3D2',
      ],
      [
        { params, url_encode_version: '7.1.0' },
        '/X/p%40thA/p%40thB?1=2&key1=value%401&key2=value%3D2',
      ],
      [{ params }, '/X/p@thA/p@thB?1=2&key1=value@1&key2=value=2'],
    ];
    for (const [request, url] of cases) {
      const result = await get('/p@thA/p@thB', request, {
        binding: binding({ hostname: `${server.origin}/X` }),
      });
      expect(echoed(result).url).toBe(url);
    }
  });

  it('answers a digest challenge once, re-sending the body', async () => {
    server.digestHits.length = 0;
    const digest = binding({ auth_type: 'digest', username: 'Administrator', password: 'asdasd' });
    const request: CurlRequest = {
      method: 'POST',
      path: '/auth/digest',
      params: { a: 1 },
      body: { json: { k: 'v' } },
    };
    const result = await performCurl(request, options({ binding: digest }));
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(echoed(result).body).toBe('{"k":"v"}');
    expect(server.digestHits).toEqual(['POST without {"k":"v"}', 'POST with {"k":"v"}']);
  });

  it('hands back the 401 when the digest answer is refused', async () => {
    const digest = binding({ auth_type: 'digest', username: 'Administrator', password: 'wrong' });
    const result = await get('/auth/digest', {}, { binding: digest });
    expect(result).toMatchObject({ ok: true, status: 401, body: null });
    expect(result.stats.failure_stats).toEqual(['curl_non_200_response']);
  });

  it('sends basic and bearer credentials up front, unless the user set Authorization', async () => {
    const basic = { binding: binding({ auth_type: 'basic', username: 'u', password: 'p' }) };
    expect(echoed(await get('/', {}, basic)).headers.authorization).toBe('Basic dTpw');
    const bearer = { binding: binding({ auth_type: 'bearer', bearer_key: 'k' }) };
    expect(echoed(await get('/', {}, bearer)).headers.authorization).toBe('Bearer k');
    const own = await get('/', { headers: { authorization: 'Token t' } }, basic);
    expect(echoed(own).headers.authorization).toBe('Token t');
  });

  it('keeps cookies across two calls sharing a jar when the binding allows them', async () => {
    const invocation = {
      binding: binding({ allow_cookies: true }),
      cookieJar: new Map<string, string>(),
    };
    const set = await get('/cookies/set', {}, invocation);
    expect(set.ok && set.headers['Set-Cookie']).toBe(' cookie-key=cookie-value; Path=/\r\n');
    const replay = await get('/echo', { headers: { Cookie: 'mine=1' } }, invocation);
    expect(echoed(replay).headers.cookie).toBe('mine=1; cookie-key=cookie-value');
    const next = await get('/echo', {}, { ...invocation, cookieJar: new Map() });
    expect(echoed(next).headers.cookie).toBeUndefined();
  });

  it('neither stores nor sends cookies without allow_cookies', async () => {
    const cookieJar = new Map<string, string>();
    await get('/cookies/set', {}, { cookieJar });
    expect(cookieJar.size).toBe(0);
  });

  it('follows up to 10 redirects, turning POST into GET on 303', async () => {
    const result = await get('/redirect', { params: { n: 10 } });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(echoed(result).url).toBe('/redirect?n=0');
    const seeOther = await performCurl(
      { method: 'POST', path: '/see-other', body: { text: 'hi' } },
      options(),
    );
    expect(echoed(seeOther)).toMatchObject({ method: 'GET', url: '/echo', body: '' });
  });

  it('fails past the redirect limit with libcurl message, counted as a failure', async () => {
    for (const path of ['/loop', '/redirect?n=11']) {
      expect(await get(path)).toEqual({
        ok: false,
        kind: 'failure',
        message: 'Unable to perform the request: Number of redirects hit maximum amount',
        stats: { method: 'get', execution_stats: [], failure_stats: ['curl_failure_count'] },
      });
    }
  });

  it('returns the 3xx itself with redirect: false', async () => {
    const result = await get('/redirect?n=3', { redirect: false });
    expect(result).toMatchObject({ ok: true, status: 302, body: null });
    expect(result.ok && result.headers.Location).toBe(' /redirect?n=2\r\n');
  });

  it('times out against a server that never answers', async () => {
    expect(await get('/hang', { timeout: 0.05 })).toEqual({
      ok: false,
      kind: 'timeout',
      message: 'Unable to perform the request: Timeout was reached',
      stats: { method: 'get', execution_stats: [], failure_stats: ['curl_timeout_count'] },
    });
  });
});

// Through request(), and through dispatch() with the reply taken in the same turn when the mock
// has it: both give the same outcomes.
describe.each([false, true])(
  'curl offline, over an undici MockAgent (in process: %s)',
  (inProcess) => {
    const API = 'http://api.test';
    const mocks: MockAgent[] = [];
    afterAll(() => Promise.all(mocks.map((mock) => mock.close())));
    function mockAgent(): MockAgent {
      const mock = new MockAgent();
      mock.disableNetConnect();
      mocks.push(mock);
      return mock;
    }
    const on = (mock: MockAgent, path: string, method = 'GET', origin = API) =>
      mock.get(origin).intercept({ path, method });
    const offline = (dispatcher: MockAgent, patch: Partial<CurlOptions> = {}) =>
      options({ dispatcher, binding: binding({ hostname: API }), inProcess, ...patch });

    it('fails a request no interceptor answers, saying how to add one', async () => {
      const request: CurlRequest = { method: 'POST', path: '/users', params: { id: 1 } };
      const result = await performCurl(request, offline(mockAgent()));
      expect(result).toEqual({
        ok: false,
        kind: 'failure',
        message:
          "Unable to perform the request: Couldn't connect to server (offline: no HTTP interceptor " +
          "matches POST http://api.test/users?id=1; add one with em.http.get('http://api.test')" +
          ".intercept({ path: '/users?id=1', method: 'POST' }).reply(200, body))",
        stats: { method: 'post', execution_stats: [], failure_stats: ['curl_failure_count'] },
      });
    });

    it('marshals the body and adds its Content-Type', async () => {
      const mock = mockAgent();
      let sent: { body?: unknown; headers?: unknown } = {};
      on(mock, '/form', 'PUT').reply((opts) => {
        sent = opts;
        return { statusCode: 201, data: '' };
      });
      const request: CurlRequest = {
        method: 'PUT',
        path: '/form',
        body: { json: { b: 'x y', 1: [2] } },
        encoding: 'FORM',
      };
      const result = await performCurl(request, offline(mock));
      expect(result).toMatchObject({
        ok: true,
        status: 201,
        stats: { failure_stats: ['curl_non_200_response'] },
      });
      // Text bodies go out as strings, so MockAgent body matchers can compare them.
      expect(sent.body).toBe('1=%5B2%5D&b=x%20y');
      expect(sent.headers).toMatchObject({ 'Content-Type': 'application/x-www-form-urlencoded' });
    });

    it('refuses a disallowed body/encoding pair before sending, counting nothing', async () => {
      const request: CurlRequest = {
        method: 'POST',
        body: { bytes: new Uint8Array([1]) },
        encoding: 'JSON',
      };
      expect(await performCurl(request, offline(mockAgent()))).toEqual({
        ok: false,
        kind: 'invalid',
        message: "'body' of type ArrayBuffer can not be sent with encoding 'JSON'",
        stats: { execution_stats: [], failure_stats: [] },
      });
    });

    it('decompresses gzip and deflate replies and parses them', async () => {
      const mock = mockAgent();
      const json = '{"key":"value"}';
      for (const [coding, data] of [
        ['gzip', gzipSync(json)],
        ['deflate', deflateRawSync(json)],
      ] as const) {
        const headers = { 'Content-Type': 'application/json', 'Content-Encoding': coding };
        on(mock, `/${coding}`).reply(200, data, { headers });
        expect(
          await performCurl({ method: 'GET', path: `/${coding}` }, offline(mock)),
        ).toMatchObject({
          ok: true,
          body: { key: 'value' },
        });
      }
    });

    it('fails a reply over curl_max_allowed_resp_size, still counting the transfer', async () => {
      const mock = mockAgent();
      on(mock, '/exact').reply(200, Buffer.alloc(1024 * 1024));
      on(mock, '/over').reply(200, Buffer.alloc(1024 * 1024 + 1));
      const oneMiB = offline(mock, { maxResponseMiB: 1 });
      expect(await performCurl({ method: 'GET', path: '/exact' }, oneMiB)).toMatchObject({
        ok: true,
      });
      expect(await performCurl({ method: 'GET', path: '/over' }, oneMiB)).toMatchObject({
        ok: false,
        kind: 'max_size',
        stats: {
          execution_stats: ['curl_success_count'],
          failure_stats: ['curl_max_resp_size_exceeded'],
        },
      });
    });

    it('throws on malformed JSON after a successful transfer', async () => {
      const mock = mockAgent();
      on(mock, '/bad').reply(200, '{"key":', { headers: { 'Content-Type': 'application/json' } });
      expect(await performCurl({ method: 'GET', path: '/bad' }, offline(mock))).toMatchObject({
        ok: false,
        kind: 'invalid',
        stats: { execution_stats: ['curl_success_count'] },
      });
    });

    it("keeps the binding's credentials and the jar's cookies to their own origin on redirect", async () => {
      const mock = mockAgent();
      let seen: Record<string, string> = {};
      const setCookie = { 'Set-Cookie': 'c=1; Path=/', Location: 'http://other.test/land' };
      on(mock, '/go').reply(302, '', { headers: setCookie });
      on(mock, '/land', 'GET', 'http://other.test').reply((opts) => {
        seen = opts.headers as Record<string, string>;
        return { statusCode: 200, data: '' };
      });
      const bearer = binding({
        hostname: API,
        auth_type: 'bearer',
        bearer_key: 'k',
        allow_cookies: true,
      });
      await performCurl({ method: 'GET', path: '/go' }, offline(mock, { binding: bearer }));
      expect(Object.keys(seen).map((name) => name.toLowerCase())).not.toContain('authorization');
      expect(Object.keys(seen).map((name) => name.toLowerCase())).not.toContain('cookie');
    });

    it('uses the insecure dispatcher only for bindings that skip certificate checks', async () => {
      const [secure, insecure] = [mockAgent(), mockAgent()];
      const text = { headers: { 'Content-Type': 'text/plain' } };
      on(secure, '/').reply(200, 'secure', text);
      on(insecure, '/').reply(200, 'insecure', text);
      const validating = (validate_ssl_certificate: boolean) =>
        offline(secure, {
          insecureDispatcher: insecure,
          binding: binding({ hostname: API, validate_ssl_certificate }),
        });
      expect(await performCurl({ method: 'GET' }, validating(false))).toMatchObject({
        body: 'insecure',
      });
      expect(await performCurl({ method: 'GET' }, validating(true))).toMatchObject({
        body: 'secure',
      });
    });

    it('fails a binding URL it cannot request', async () => {
      const bad = offline(mockAgent(), { binding: binding({ hostname: 'http://bad host/' }) });
      expect(await performCurl({ method: 'HEAD' }, bad)).toMatchObject({
        ok: false,
        message: 'Unable to perform the request: URL using bad/illegal format or missing URL',
        stats: { method: 'head', failure_stats: ['curl_failure_count'] },
      });
    });
  },
);
