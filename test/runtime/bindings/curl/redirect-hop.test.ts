import { describe, expect, it } from 'vitest';
import {
  type Hop,
  isFollowedStatus,
  MAX_REDIRECTS,
  nextHop,
} from '../../../../src/runtime/bindings/curl/redirect-hop.ts';

const body = new Uint8Array([1, 2]);
const post: Hop = {
  method: 'POST',
  target: { origin: 'http://api.test', path: '/a/b?x=1' },
  headers: { 'Content-Type': 'text/plain', Authorization: 'Token t', Cookie: 'c=1', 'X-Keep': 'k' },
  body,
};

describe('curl redirects', () => {
  it('follows 301, 302, 303, 307 and 308 only', () => {
    expect([300, 301, 302, 303, 304, 305, 306, 307, 308].filter(isFollowedStatus)).toEqual([
      301, 302, 303, 307, 308,
    ]);
    expect(MAX_REDIRECTS).toBe(10);
  });

  it('resolves Location against the current request', () => {
    expect(nextHop(post, 307, 'c')?.target).toEqual({ origin: 'http://api.test', path: '/a/c' });
    expect(nextHop(post, 307, '/d e')?.target).toEqual({
      origin: 'http://api.test',
      path: '/d%20e',
    });
    expect(nextHop(post, 307, 'https://other.test:8443/x')?.target).toEqual({
      origin: 'https://other.test:8443',
      path: '/x',
    });
  });

  it('turns POST into GET without body or Content-Type on 301, 302 and 303', () => {
    for (const status of [301, 302, 303]) {
      const hop = nextHop(post, status, '/next');
      expect(hop).toMatchObject({ method: 'GET', body: undefined });
      expect(hop?.headers).toEqual({ Authorization: 'Token t', Cookie: 'c=1', 'X-Keep': 'k' });
    }
  });

  it('keeps method and body on 307 and 308', () => {
    for (const status of [307, 308]) {
      expect(nextHop(post, status, '/next')).toMatchObject({
        method: 'POST',
        body,
        headers: post.headers,
      });
    }
  });

  it('turns PUT and DELETE into GET only on 303, and never HEAD', () => {
    expect(nextHop({ ...post, method: 'PUT' }, 302, '/n')?.method).toBe('PUT');
    expect(nextHop({ ...post, method: 'DELETE' }, 303, '/n')?.method).toBe('GET');
    expect(nextHop({ ...post, method: 'HEAD' }, 303, '/n')?.method).toBe('HEAD');
  });

  it("leaves the user's Authorization and Cookie behind on another origin", () => {
    expect(nextHop(post, 307, 'http://other.test/x')?.headers).toEqual({
      'Content-Type': 'text/plain',
      'X-Keep': 'k',
    });
    expect(nextHop(post, 307, 'http://api.test:8080/x')?.headers).not.toHaveProperty(
      'Authorization',
    );
  });

  it('refuses a Location that is not http(s)', () => {
    expect(nextHop(post, 302, 'ftp://api.test/file')).toBeUndefined();
    expect(nextHop(post, 302, 'http://bad host/')).toBeUndefined();
  });
});
