import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { definition, expectError, expectOk, serve } from './serve-harness.ts';

// What every route shares: Basic authentication, the `status` header, Go's plain 404 for
// unknown paths, 405 envelopes for wrong methods, 413 for oversize bodies, odd paths (spec §1,
// §6), and HTTPS.

const UNAUTHENTICATED = {
  http: 401,
  name: 'ERR_UNAUTHENTICATED',
  code: 61,
  description: 'unauthenticated User',
};

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('authentication', () => {
  it('answers 401 ERR_UNAUTHENTICATED without credentials, with wrong ones, or a bad header', async () => {
    const h = await serve();
    for (const authorization of [
      null,
      basic('Administrator', 'wrong'),
      basic('admin', 'password'),
      'Bearer abc',
      'Basic !!!',
      'Basic QWRtaW5pc3RyYXRvcg==', // no colon
    ]) {
      const answer = await h.call('GET', '/api/v1/status', { authorization });
      expectError(answer, UNAUTHENTICATED);
      expect(answer.headers['www-authenticate']).toBe('Basic realm="eventing-dev"');
    }
    expectError(
      await h.call('POST', '/api/v1/functions/x/deploy', { authorization: null }),
      UNAUTHENTICATED,
    );
  });

  it('accepts the configured credentials, with the scheme in any case', async () => {
    const h = await serve({ credentials: { username: 'dev', password: 'p:w é' } });
    expectOk(await h.call('GET', '/api/v1/status', { authorization: basic('dev', 'p:w é') }));
    const lower = basic('dev', 'p:w é').replace('Basic', 'basic');
    expectOk(await h.call('GET', '/api/v1/status', { authorization: lower }));
    expectError(await h.call('GET', '/api/v1/status'), UNAUTHENTICATED);
  });
});

describe('paths and methods', () => {
  it('answers unknown paths with Go’s plain-text 404 and no status header', async () => {
    const h = await serve();
    for (const path of [
      '/',
      '/api/v2/functions',
      '/api/v1/functionsx',
      '/_dev/keyspaces/src/docs',
      '/getAppLogs',
    ]) {
      const answer = await h.call('GET', path);
      expect(answer).toMatchObject({ status: 404, text: '404 page not found\n' });
      expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(answer.headers.status).toBeUndefined();
    }
  });

  it('answers a wrong method with 405 ERR_METHOD_NOT_ALLOWED and an Allow header', async () => {
    const h = await serve();
    const answer = await h.call('GET', '/api/v1/functions/fn/deploy');
    expectError(answer, {
      http: 405,
      name: 'ERR_METHOD_NOT_ALLOWED',
      code: 62,
      description: 'Method not allowed. Only POST is allowed',
    });
    expect(answer.headers.allow).toBe('POST');
    expectError(await h.call('PUT', '/api/v1/functions/fn'), {
      http: 405,
      name: 'ERR_METHOD_NOT_ALLOWED',
      code: 62,
      description: 'Method not allowed. Only GET, POST and DELETE are allowed',
    });
    expectError(await h.call('PATCH', '/api/v1/export'), {
      http: 405,
      name: 'ERR_METHOD_NOT_ALLOWED',
      code: 62,
    });
  });

  it('tolerates a trailing slash and sends headers only for HEAD', async () => {
    const h = await serve();
    expectOk(await h.call('GET', '/api/v1/functions/'));
    expectOk(await h.call('GET', '/api/v1/status/'));
    const head = await h.call('HEAD', '/resetStatsCounters?name=x');
    expect({ status: head.status, text: head.text, header: head.headers.status }).toEqual({
      status: 200,
      text: '',
      header: '0',
    });
  });

  it('treats path tricks as names, which are never found or are refused', async () => {
    const h = await serve();
    expectOk(await h.call('POST', '/api/v1/functions/fn', { body: definition('fn') }));
    for (const path of [
      '/api/v1/functions/../functions/fn',
      '/api/v1/functions/%2e%2e%2Ffn',
      '/api/v1/functions/fn%00',
      '/api/v1/functions/a/b',
    ]) {
      expectError(await h.call('GET', path), { http: 404, name: 'ERR_APP_NOT_FOUND_TS', code: 13 });
    }
    expectError(await h.call('GET', '/api/v1/functions/%E0%A4%A'), {
      http: 400,
      name: 'ERR_INVALID_REQUEST',
      code: 63,
    });
    expectError(await h.call('POST', '/api/v1/functions/..%2F..%2Fetc/deploy'), {
      http: 400,
      name: 'ERR_APP_NOT_FOUND',
      code: 53,
      description: 'Function: ../../etc not found',
    });
  });
});

describe('request bodies', () => {
  it('refuses a body over the limit with 413, declared or streamed, and stays up', async () => {
    const h = await serve({ maxBodyBytes: 1000 });
    const big = 'x'.repeat(5000);
    const declared = await h.call('POST', '/api/v1/functions/fn/appcode', { body: big });
    expectError(declared, {
      http: 413,
      name: 'ERR_PAYLOAD_TOO_LARGE',
      code: 1002,
      description: 'Request body is larger than the limit of 1000 bytes',
    });
    const streamed = await request(`${h.running.url}/api/v1/import`, {
      method: 'POST',
      headers: { authorization: basic('Administrator', 'password') },
      // No content-length: the size is only known while reading.
      body: Readable.from(
        (async function* () {
          for (let i = 0; i < 10; i++) yield Buffer.from(big.slice(0, 500));
        })(),
      ),
    });
    expect(streamed.statusCode).toBe(413);
    expect(await streamed.body.json()).toMatchObject({ name: 'ERR_PAYLOAD_TOO_LARGE' });
    expectOk(await h.call('GET', '/api/v1/status'));
  });

  it('answers wrong JSON types with an envelope', async () => {
    const h = await serve();
    for (const body of ['null', '42', '"text"', '[]', '{"appname": 1}', '[null]']) {
      const answer = await h.call('POST', '/api/v1/functions/fn', { body });
      expectError(answer, { http: 400, name: 'ERR_INVALID_REQUEST', code: 63 });
    }
    expectError(await h.call('POST', '/api/v1/functions/fn/settings', { body: '[]' }), {
      http: 400,
      name: 'ERR_UNMARSHAL_PLD',
      code: 16,
    });
  });
});

describe('HTTPS', () => {
  it('serves the same API over TLS with --tls-cert and --tls-key', async () => {
    const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));
    const cert = fixture('localhost-cert.pem');
    const h = await serve({ tls: { cert, key: fixture('localhost-key.pem') } });
    expect(h.running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const agent = new Agent({ connect: { ca: cert } });
    const answer = await request(`${h.running.url}/api/v1/status`, {
      headers: { authorization: basic('Administrator', 'password') },
      dispatcher: agent,
    });
    expect(answer.statusCode).toBe(200);
    expect(await answer.body.json()).toEqual({ apps: [], num_eventing_nodes: 1 });
    await agent.close();
  });
});
