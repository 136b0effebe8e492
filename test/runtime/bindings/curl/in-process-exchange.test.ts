import { gzipSync } from 'node:zlib';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CurlOptions,
  performCurl,
} from '../../../../src/runtime/bindings/curl/perform-request.ts';
import { urlBinding } from '../../../helpers/url-binding.ts';

// curl() over a dispatcher that answers from memory (the emulator's MockAgent): a reply ready at
// once comes back in the same turn, one that comes later is waited for. perform-request.test.ts
// runs its offline cases both ways and expects the same outcomes.

const API = 'http://api.test';
const binding = urlBinding(API);

describe('curl through an in-process dispatcher', () => {
  const text = { headers: { 'Content-Type': 'text/plain' } };
  let mock: MockAgent;
  beforeAll(() => {
    mock = new MockAgent();
    mock.disableNetConnect();
  });
  afterAll(() => mock.close());
  const inProcess = (patch: Partial<CurlOptions> = {}) =>
    ({
      dispatcher: mock,
      binding,
      languageCompatibility: '7.2.0',
      maxResponseMiB: 100,
      inProcess: true,
      ...patch,
    }) satisfies CurlOptions;

  it('returns the result itself when the interceptor replies at once', () => {
    mock.get(API).intercept({ path: '/now' }).reply(200, 'now', text);
    const result = performCurl({ method: 'GET', path: '/now' }, inProcess());
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toMatchObject({ ok: true, status: 200, body: 'now' });
  });

  it('waits for a reply the interceptor produces later', async () => {
    mock
      .get(API)
      .intercept({ path: '/later' })
      .reply(async () => ({ statusCode: 200, data: 'later', responseOptions: text }));
    const result = performCurl({ method: 'GET', path: '/later' }, inProcess());
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toMatchObject({ ok: true, status: 200, body: 'later' });
  });

  it('inflates a gzip body in the same turn', () => {
    const headers = { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' };
    mock.get(API).intercept({ path: '/zipped' }).reply(200, gzipSync('unzipped'), { headers });
    const result = performCurl({ method: 'GET', path: '/zipped' }, inProcess());
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toMatchObject({ ok: true, body: 'unzipped' });
  });

  it('keeps the size limit on a body inflated in the same turn', () => {
    const headers = { 'Content-Encoding': 'gzip' };
    const bomb = gzipSync(new Uint8Array(2 * 1024 * 1024));
    mock.get(API).intercept({ path: '/bomb' }).reply(200, bomb, { headers });
    const result = performCurl({ method: 'GET', path: '/bomb' }, inProcess({ maxResponseMiB: 1 }));
    expect(result).toMatchObject({ ok: false, kind: 'max_size' });
  });

  it('ends a delayed reply at the deadline, as a timeout', async () => {
    mock.get(API).intercept({ path: '/slow' }).reply(200, 'slow', text).delay(60_000);
    const result = await performCurl({ method: 'GET', path: '/slow', timeout: 0.01 }, inProcess());
    expect(result).toEqual({
      ok: false,
      kind: 'timeout',
      message: 'Unable to perform the request: Timeout was reached',
      stats: { method: 'get', execution_stats: [], failure_stats: ['curl_timeout_count'] },
    });
  });

  it('fails a reply the interceptor makes an error of, as request() does', async () => {
    const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    mock.get(API).intercept({ path: '/error' }).replyWithError(refused);
    const [now, viaRequest] = [inProcess(), inProcess({ inProcess: false })];
    expect(performCurl({ method: 'GET', path: '/error' }, now)).toMatchObject({
      ok: false,
      message: "Unable to perform the request: Couldn't connect to server",
    });
    mock.get(API).intercept({ path: '/error' }).replyWithError(refused);
    expect(await performCurl({ method: 'GET', path: '/error' }, viaRequest)).toMatchObject({
      ok: false,
      message: "Unable to perform the request: Couldn't connect to server",
    });
  });
});
