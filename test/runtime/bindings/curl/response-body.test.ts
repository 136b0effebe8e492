import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeResponse,
  type HeaderList,
  headerValues,
  maxSizeFailure,
  rawHeaderMap,
} from '../../../../src/runtime/bindings/curl/response-body.ts';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const typed = (contentType: string): HeaderList => [['Content-Type', contentType]];

describe('curl response headers (spec §6.3)', () => {
  it('keep the raw value: leading space and trailing CRLF, names as sent', () => {
    expect(
      rawHeaderMap([
        ['Content-Type', 'application/json; charset=utf-8'],
        ['Content-Length', '51'],
      ]),
    ).toEqual({
      'Content-Type': ' application/json; charset=utf-8\r\n',
      'Content-Length': ' 51\r\n',
    });
  });

  it('concatenate the raw values of a repeated header in arrival order', () => {
    expect(
      rawHeaderMap([
        ['Set-Cookie', 'a=1; Path=/'],
        ['Set-Cookie', 'b=2'],
      ]),
    ).toEqual({ 'Set-Cookie': ' a=1; Path=/\r\n b=2\r\n' });
  });

  it('make a header named __proto__ an own property', () => {
    const map = rawHeaderMap([['__proto__', 'x']]);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.keys(map)).toEqual(['__proto__']);
  });

  it('are looked up case-insensitively by the host', () => {
    expect(
      headerValues(
        [
          ['location', '/a'],
          ['X', 'y'],
          ['LOCATION', '/b'],
        ],
        'Location',
      ),
    ).toEqual(['/a', '/b']);
  });
});

describe('curl response body decoding (spec §6.3)', () => {
  it('application/json → the parsed value, parameters ignored', async () => {
    expect(
      await decodeResponse(typed('Application/JSON; charset=utf-8'), bytesOf('{"key":[1,"é"]}'), 0),
    ).toEqual({
      ok: true,
      body: { key: [1, 'é'] },
    });
  });

  it('malformed JSON → an invalid result with the parse message', async () => {
    const result = await decodeResponse(
      typed('application/json'),
      bytesOf('{"key":"here comes'),
      0,
    );
    expect(result).toMatchObject({ ok: false, kind: 'invalid' });
    expect(!result.ok && result.message).toMatch(/^Unable to parse the response body as JSON: /);
  });

  it('text/* → a UTF-8 string', async () => {
    for (const type of ['text/plain; charset=utf-8', 'text/html', 'TEXT/csv']) {
      expect(await decodeResponse(typed(type), bytesOf('here comes é'), 0)).toEqual({
        ok: true,
        body: 'here comes é',
      });
    }
  });

  it('application/x-www-form-urlencoded → an object of decoded strings, + as space', async () => {
    const body = bytesOf('some-key=some-value&another-key=another+value%21&flag&a=%ZZ&&a=last');
    expect(
      await decodeResponse(typed('application/x-www-form-urlencoded; charset=utf-8'), body, 0),
    ).toEqual({
      ok: true,
      body: { 'some-key': 'some-value', 'another-key': 'another value!', flag: '', a: 'last' },
    });
  });

  it('application/octet-stream, other types and no Content-Type → bytes', async () => {
    const png = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 42, 0, 0, 0]);
    for (const headers of [
      typed('application/octet-stream'),
      typed('image/png'),
      typed('unknown content type'),
      [],
    ]) {
      const result = await decodeResponse(headers, png, 0);
      expect(result).toEqual({ ok: true, body: png });
      // A copy owning its whole buffer, so handing `.buffer` to the isolate shares nothing else.
      expect(result.ok && (result.body as Uint8Array).buffer.byteLength).toBe(16);
    }
  });

  it('an empty body → null, whatever the type', async () => {
    for (const type of [
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'image/png',
    ]) {
      expect(await decodeResponse(typed(type), new Uint8Array(), 0)).toEqual({
        ok: true,
        body: null,
      });
    }
    expect(await decodeResponse([['Content-Encoding', 'gzip']], new Uint8Array(), 0)).toEqual({
      ok: true,
      body: null,
    });
  });
});

describe('curl response content decoding', () => {
  const json = '{"key": "here comes some value as application/json"}';
  const headers = (coding: string): HeaderList => [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Content-Encoding', coding],
  ];

  it('gunzips a gzip body', async () => {
    expect(await decodeResponse(headers('gzip'), gzipSync(json), 0)).toEqual({
      ok: true,
      body: JSON.parse(json),
    });
  });

  it('inflates a deflate body, zlib-wrapped or raw', async () => {
    for (const compressed of [deflateSync(json), deflateRawSync(json)]) {
      expect(await decodeResponse(headers('deflate'), compressed, 0)).toEqual({
        ok: true,
        body: JSON.parse(json),
      });
    }
  });

  it('undoes stacked codings last first', async () => {
    const twice = deflateSync(gzipSync(json));
    expect(await decodeResponse(headers('gzip, deflate'), twice, 0)).toMatchObject({ ok: true });
  });

  it('fails an unknown coding or a corrupt body like libcurl', async () => {
    const expected = {
      ok: false,
      kind: 'failure',
      message:
        'Unable to perform the request: Unrecognized or bad HTTP Content or Transfer-Encoding',
    };
    expect(await decodeResponse(headers('br'), bytesOf(json), 0)).toEqual(expected);
    expect(await decodeResponse(headers('gzip'), bytesOf(json), 0)).toEqual(expected);
  });
});

describe('curl_max_allowed_resp_size', () => {
  it('fails a body that inflates past the limit', async () => {
    const bomb = gzipSync(new Uint8Array(64 * 1024));
    expect(bomb.byteLength).toBeLessThan(1024);
    const result = await decodeResponse([['Content-Encoding', 'gzip']], bomb, 1024);
    expect(result).toEqual(maxSizeFailure(1024));
    expect(result).toMatchObject({ kind: 'max_size' });
  });

  it('accepts a body exactly at the limit and treats 0 as unlimited', async () => {
    const exact = gzipSync(new Uint8Array(1024));
    expect(await decodeResponse([['Content-Encoding', 'gzip']], exact, 1024)).toMatchObject({
      ok: true,
    });
    expect(await decodeResponse([['Content-Encoding', 'gzip']], exact, 0)).toMatchObject({
      ok: true,
    });
  });

  it('names the setting and the limit in MiB', () => {
    expect(maxSizeFailure(100 * 1024 * 1024).message).toBe(
      'Unable to perform the request: Response body exceeds curl_max_allowed_resp_size (100 MiB)',
    );
  });
});
