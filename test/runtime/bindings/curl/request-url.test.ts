import { describe, expect, it } from 'vitest';
import {
  buildRequestUrl,
  curlEscape,
  toDispatchTarget,
} from '../../../../src/runtime/bindings/curl/request-url.ts';

// The URL encoding tests of spec §6.5: binding `…/X`, path `/p@thA/p@thB`, and the params either
// as an object, as a string, or inline in the path.
const BINDING = 'http://localhost:9090/X';
const PATH = '/p@thA/p@thB';
const OBJECT_PARAMS = { key1: 'value@1', key2: 'value=2', 1: 2 };
const STRING_PARAMS = '1=2&key1=value@1&key2=value=2';
const INLINE_PATH = `${PATH}?${STRING_PARAMS}`;

/** The request target the test server sees (`r.URL.String()` in the Go handlers). */
function served(url: string): string | undefined {
  return toDispatchTarget(url)?.path;
}

describe('curl URL encoding by version (spec §6.5)', () => {
  it('6.6.2 encodes each key and value of a params object', () => {
    const url = buildRequestUrl(BINDING, { path: PATH, params: OBJECT_PARAMS }, '6.6.2');
    expect(served(url)).toBe('/X/p@thA/p@thB?1=2&key1=value%401&key2=value%3D2');
  });

  it('6.6.2 encodes a params string whole, = and & included', () => {
    const url = buildRequestUrl(BINDING, { path: PATH, params: STRING_PARAMS }, '6.6.2');
    expect(served(url)).toBe('/X/p@thA/p@thB?1%3D2%26key1%3Dvalue%401%26key2%3Dvalue%3D2');
  });

  it('6.6.2 sends a path with an inline query as given', () => {
    const url = buildRequestUrl(BINDING, { path: INLINE_PATH }, '6.6.2');
    expect(served(url)).toBe('/X/p@thA/p@thB?1=2&key1=value@1&key2=value=2');
  });

  it('7.1.0 gives the same URL for the object, string and inline forms', () => {
    const expected = '/X/p%40thA/p%40thB?1=2&key1=value%401&key2=value%3D2';
    const override = { url_encode_version: '7.1.0' } as const;
    for (const request of [
      { path: PATH, params: OBJECT_PARAMS, ...override },
      { path: PATH, params: STRING_PARAMS, ...override },
      { path: INLINE_PATH, ...override },
    ]) {
      expect(served(buildRequestUrl(BINDING, request, '6.6.2'))).toBe(expected);
    }
  });

  it('7.2.0 sends path and params verbatim in every form', () => {
    const expected = '/X/p@thA/p@thB?1=2&key1=value@1&key2=value=2';
    for (const request of [
      { path: PATH, params: OBJECT_PARAMS },
      { path: PATH, params: STRING_PARAMS },
      { path: INLINE_PATH },
    ]) {
      expect(served(buildRequestUrl(BINDING, request, '7.2.0'))).toBe(expected);
    }
  });

  it('6.5.0 JSON-stringifies an array param, then encodes it', () => {
    const params = { key: 'value', 1: 2, array: ['yes', 'this', 'is', 'an', 'array'] };
    const url = buildRequestUrl(
      'http://localhost:9090/get',
      { path: '/url-params', params },
      '6.5.0',
    );
    expect(url).toBe(
      'http://localhost:9090/get/url-params?1=2&key=value&array=%5B%22yes%22%2C%22this%22%2C%22is%22%2C%22an%22%2C%22array%22%5D',
    );
  });

  it('takes url_encode_version over language_compatibility, both ways', () => {
    const params = { a: 'b@c' };
    expect(buildRequestUrl(BINDING, { params }, '7.2.0')).toBe(`${BINDING}?a=b@c`);
    expect(buildRequestUrl(BINDING, { params, url_encode_version: '6.6.2' }, '7.2.0')).toBe(
      `${BINDING}?a=b%40c`,
    );
    expect(buildRequestUrl(BINDING, { params, url_encode_version: '7.2.0' }, '6.0.0')).toBe(
      `${BINDING}?a=b@c`,
    );
  });

  it('appends params with & when the path already has a query', () => {
    const url = buildRequestUrl(BINDING, { path: '/s?x=1', params: { y: 2 } }, '7.2.0');
    expect(url).toBe(`${BINDING}/s?x=1&y=2`);
  });

  it('adds no ? for empty params', () => {
    expect(buildRequestUrl(BINDING, { params: {} }, '6.6.2')).toBe(BINDING);
    expect(buildRequestUrl(BINDING, { params: '' }, '6.6.2')).toBe(BINDING);
  });
});

describe('curl path joining (spec §6.2)', () => {
  it('keeps exactly one slash between binding and path', () => {
    expect(buildRequestUrl('http://h/a/', { path: '/b' }, '7.2.0')).toBe('http://h/a/b');
    expect(buildRequestUrl('http://h/a', { path: 'b' }, '7.2.0')).toBe('http://h/a/b');
    expect(buildRequestUrl('http://h/a/', { path: 'b' }, '7.2.0')).toBe('http://h/a/b');
    expect(buildRequestUrl('http://h/a', { path: '/b' }, '7.2.0')).toBe('http://h/a/b');
  });

  it('uses the binding URL itself when there is no path', () => {
    expect(buildRequestUrl('http://h/a', {}, '7.2.0')).toBe('http://h/a');
    expect(buildRequestUrl('http://h/a', { path: '' }, '7.2.0')).toBe('http://h/a');
  });

  it('goes to the binding URL itself when the path climbs above it', () => {
    expect(buildRequestUrl('http://localhost:9090/get', { path: '../..' }, '6.5.0')).toBe(
      'http://localhost:9090/get',
    );
    expect(buildRequestUrl('http://h/get/', { path: 'a/../../secret' }, '7.2.0')).toBe(
      'http://h/get/',
    );
    expect(buildRequestUrl('http://h/get', { path: '/%2E%2E/x' }, '7.2.0')).toBe('http://h/get');
  });

  it('keeps a path whose dot segments stay inside the binding, resolved on the wire', () => {
    const url = buildRequestUrl('http://h/get', { path: 'a/./b/../c' }, '7.2.0');
    expect(url).toBe('http://h/get/a/./b/../c');
    expect(served(url)).toBe('/get/a/c');
  });
});

describe('curlEscape', () => {
  it('keeps only A-Za-z0-9-._~ and uses upper-case hex', () => {
    expect(curlEscape("AZaz09-._~ !'()*@=&/?+")).toBe(
      'AZaz09-._~%20%21%27%28%29%2A%40%3D%26%2F%3F%2B',
    );
  });

  it('escapes the UTF-8 bytes of non-ASCII text, lone surrogates as U+FFFD', () => {
    expect(curlEscape('é€')).toBe('%C3%A9%E2%82%AC');
    expect(curlEscape('\uD800')).toBe('%EF%BF%BD');
  });
});

describe('toDispatchTarget', () => {
  it('splits origin and request target', () => {
    expect(toDispatchTarget('HTTP://Example.COM:80/a?b=1')).toEqual({
      origin: 'http://example.com',
      path: '/a?b=1',
    });
    expect(toDispatchTarget('https://h:8443')).toEqual({ origin: 'https://h:8443', path: '/' });
    expect(toDispatchTarget('http://h?x=1')).toEqual({ origin: 'http://h', path: '/?x=1' });
  });

  it('drops the fragment and escapes what may not go raw on the request line', () => {
    expect(toDispatchTarget('http://h/a b/é?q=x y#frag')?.path).toBe('/a%20b/%C3%A9?q=x%20y');
  });

  it('refuses URLs that are not http(s) or have no valid host', () => {
    expect(toDispatchTarget('ftp://h/x')).toBeUndefined();
    expect(toDispatchTarget('http://exa mple.com/')).toBeUndefined();
  });
});
