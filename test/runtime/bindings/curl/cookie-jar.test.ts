import { describe, expect, it } from 'vitest';
import {
  type CookieJar,
  cookieHeader,
  storeCookies,
} from '../../../../src/runtime/bindings/curl/cookie-jar.ts';

const NOW = Date.UTC(2026, 0, 1);
const url = (href: string) => new URL(href);

function jarWith(from: string, ...setCookies: string[]): CookieJar {
  const jar: CookieJar = new Map();
  storeCookies(jar, url(from), setCookies, NOW);
  return jar;
}

describe('curl cookie jar', () => {
  it('replays a stored cookie, as the Eventing cookie tests expect', () => {
    const jar = jarWith('http://localhost:9090/get', 'cookie-key=cookie-value; Path=/');
    expect(cookieHeader(jar, url('http://localhost:9090/post'), NOW)).toBe(
      'cookie-key=cookie-value',
    );
  });

  it('keeps entries as Netscape cookie-file lines keyed by domain, path and name', () => {
    const jar = jarWith(
      'http://h.test/a/b',
      'sid=1',
      'wide=2; Domain=.H.test; Path=/; Secure; Max-Age=60',
    );
    expect([...jar]).toEqual([
      ['h.test\t/a\tsid', 'h.test\tFALSE\t/a\tFALSE\t0\tsid\t1'],
      ['h.test\t/\twide', `.h.test\tTRUE\t/\tTRUE\t${NOW / 1000 + 60}\twide\t2`],
    ]);
  });

  it('matches the host exactly unless a Domain attribute widened the cookie', () => {
    const jar = jarWith('http://api.h.test/', 'host=1; Path=/', 'dom=2; Path=/; Domain=h.test');
    expect(cookieHeader(jar, url('http://api.h.test/'), NOW)).toBe('host=1; dom=2');
    expect(cookieHeader(jar, url('http://other.h.test/'), NOW)).toBe('dom=2');
    expect(cookieHeader(jar, url('http://h.test/'), NOW)).toBe('dom=2');
    expect(cookieHeader(jar, url('http://evilh.test/'), NOW)).toBeUndefined();
  });

  it('refuses a Domain the server is not part of', () => {
    expect(jarWith('http://h.test/', 'x=1; Domain=other.test').size).toBe(0);
  });

  it('defaults the path to the request directory and matches on / boundaries, longest first', () => {
    const jar = jarWith('http://h/docs/page', 'a=1', 'b=2; Path=/');
    expect(cookieHeader(jar, url('http://h/docs/x'), NOW)).toBe('a=1; b=2');
    expect(cookieHeader(jar, url('http://h/docs'), NOW)).toBe('a=1; b=2');
    expect(cookieHeader(jar, url('http://h/docsx'), NOW)).toBe('b=2');
  });

  it('sends Secure cookies only over https', () => {
    const jar = jarWith('https://h/', 's=1; Secure; Path=/');
    expect(cookieHeader(jar, url('http://h/'), NOW)).toBeUndefined();
    expect(cookieHeader(jar, url('https://h/'), NOW)).toBe('s=1');
  });

  it('replaces a cookie with the same domain, path and name', () => {
    const jar = jarWith('http://h/', 'a=1; Path=/');
    storeCookies(jar, url('http://h/'), ['a=2; Path=/'], NOW);
    expect(cookieHeader(jar, url('http://h/'), NOW)).toBe('a=2');
  });

  it('deletes on Max-Age=0 and on an Expires date in the past', () => {
    const jar = jarWith('http://h/', 'a=1; Path=/', 'b=2; Path=/');
    storeCookies(
      jar,
      url('http://h/'),
      ['a=; Path=/; Max-Age=0', 'b=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT'],
      NOW,
    );
    expect(jar.size).toBe(0);
  });

  it('stops sending a cookie once it expires', () => {
    const jar = jarWith('http://h/', 'a=1; Path=/; Max-Age=10');
    expect(cookieHeader(jar, url('http://h/'), NOW + 9_000)).toBe('a=1');
    expect(cookieHeader(jar, url('http://h/'), NOW + 10_000)).toBeUndefined();
  });

  it('without a clock keeps Expires cookies for the jar lifetime but honours Max-Age=0', () => {
    const jar: CookieJar = new Map();
    storeCookies(
      jar,
      url('http://h/'),
      ['a=1; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT'],
      undefined,
    );
    expect(cookieHeader(jar, url('http://h/'))).toBe('a=1');
    storeCookies(jar, url('http://h/'), ['a=1; Path=/; Max-Age=0'], undefined);
    expect(jar.size).toBe(0);
  });

  it('ignores Set-Cookie values without a name', () => {
    expect(jarWith('http://h/', 'novalue', '=x', '').size).toBe(0);
  });
});
