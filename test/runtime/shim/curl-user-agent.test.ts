import type { MockInterceptor } from 'undici/types/mock-interceptor.js';
import { describe, expect, it } from 'vitest';
import { CURL_USER_AGENT } from '../../../src/runtime/bindings/curl/user-agent.ts';
import { defineFunction, eventingMatchers } from '../../../src/testing/index.ts';
import * as curlPost from '../../fixtures/documented-examples/curl-post.ts';
import { emulator } from '../../helpers/emulator.ts';

expect.extend(eventingMatchers);

/** `libcurl/<version> couchbase/evt-<version>-<build>-<edition> (eventing)` */
const SERVER_FORM = /^libcurl\/\S+ couchbase\/evt-\d+\.\d+\.\d+-\d{4}-(ee|ce) \(eventing\)$/;

/** Lower-cased request headers, as an echo service shows them. */
function headerObject(headers: MockInterceptor.MockResponseCallbackOptions['headers']) {
  const entries = Array.isArray(headers)
    ? Array.from({ length: headers.length / 2 }, (_, i) => [headers[2 * i], headers[2 * i + 1]])
    : Object.entries(headers ?? {});
  return Object.fromEntries(entries.map(([name, value]) => [String(name).toLowerCase(), value]));
}

describe("curl()'s User-Agent", () => {
  it('has the form the server sends, unless the request sets one', async () => {
    expect(CURL_USER_AGENT).toMatch(SERVER_FORM);
    expect(curlPost.output.body.headers['user-agent']).toMatch(SERVER_FORM);
    const em = await emulator();
    const seen: string[] = [];
    em.http
      .get('https://echo.example.com')
      .intercept({ path: /.*/ })
      .reply((request) => {
        seen.push(String(headerObject(request.headers)['user-agent']));
        return { statusCode: 204, data: '' };
      })
      .times(2);
    await em.deploy(
      defineFunction({
        name: 'fn',
        source: 'src',
        urls: { echo: 'https://echo.example.com' },
        code: `function OnUpdate(doc, meta) {
          curl('GET', echo, { path: '/a' });
          curl('GET', echo, { path: '/b', headers: { 'user-agent': 'mine/1.0' } });
        }`,
      }),
    );
    await em.upsert('src', 'k', {});
    expect(seen).toEqual([CURL_USER_AGENT, 'mine/1.0']);
  });

  it(`replays the documented example ${curlPost.page}`, async () => {
    const em = await emulator();
    em.http
      .get('https://postman-echo.com')
      .intercept({ path: '/post', method: 'POST' })
      .reply((request) => {
        const text = String(request.body);
        const json = JSON.parse(text);
        // What the wire adds: the Host and Content-Length headers.
        const headers = {
          host: 'postman-echo.com',
          'content-length': String(Buffer.byteLength(text)),
          ...headerObject(request.headers),
        };
        const body = { args: {}, data: json, files: {}, form: {}, headers, json };
        return {
          statusCode: 200,
          data: { ...body, url: `https://postman-echo.com${request.path}` },
          responseOptions: { headers: { 'content-type': 'application/json; charset=utf-8' } },
        };
      });
    const fn = await em.deploy(
      defineFunction({
        name: 'basicCurlPost',
        source: 'bulk.data.source',
        urls: curlPost.urls,
        code: curlPost.handler,
      }),
    );
    await em.upsert('bulk.data.source', curlPost.input.key, curlPost.input.value);
    const { 'user-agent': documentedAgent, ...documentedHeaders } = curlPost.output.body.headers;
    expect(fn).toHaveLogged(curlPost.output.message, {
      ...curlPost.output.body,
      headers: { ...documentedHeaders, 'user-agent': expect.stringMatching(SERVER_FORM) },
    });
    expect(documentedAgent).toMatch(SERVER_FORM);
  });
});
