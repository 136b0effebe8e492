import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { UrlBinding } from '../../../../src/definition/types.ts';
import {
  type DigestChallenge,
  digestAuthorization,
  parseDigestChallenge,
  upfrontAuthorization,
} from '../../../../src/runtime/bindings/curl/auth.ts';
import { urlBinding } from '../../../helpers/url-binding.ts';

const binding = (patch: Partial<UrlBinding>) =>
  urlBinding('http://h', { validate_ssl_certificate: false, ...patch });

function challengeOf(header: string): DigestChallenge {
  const challenge = parseDigestChallenge(header);
  if (!challenge) throw new Error(`no digest challenge in ${header}`);
  return challenge;
}

describe('URL binding auth sent up front', () => {
  it('no-auth and digest send nothing before a challenge', () => {
    expect(upfrontAuthorization(binding({ auth_type: 'no-auth', username: 'u' }))).toBeUndefined();
    expect(upfrontAuthorization(binding({ auth_type: 'digest', username: 'u' }))).toBeUndefined();
  });

  it('basic sends base64(user:pass) of the UTF-8 text', () => {
    expect(
      upfrontAuthorization(
        binding({ auth_type: 'basic', username: 'Administrator', password: 'asdasd' }),
      ),
    ).toBe(`Basic ${Buffer.from('Administrator:asdasd').toString('base64')}`);
    expect(
      upfrontAuthorization(binding({ auth_type: 'basic', username: 'é', password: ':' })),
    ).toBe('Basic w6k6Og==');
  });

  it('bearer sends the bearer_key', () => {
    expect(upfrontAuthorization(binding({ auth_type: 'bearer', bearer_key: 'tok.en' }))).toBe(
      'Bearer tok.en',
    );
  });
});

describe('digest auth against the RFC examples', () => {
  it('RFC 2617 §3.5: MD5, qop=auth, with opaque', () => {
    const challenge = challengeOf(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", ' +
        'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    );
    expect(challenge.qop).toBe('auth');
    expect(
      digestAuthorization({
        challenge,
        username: 'Mufasa',
        password: 'Circle Of Life',
        method: 'GET',
        uri: '/dir/index.html',
        cnonce: '0a4f113b',
        nc: 1,
      }),
    ).toBe(
      'Digest username="Mufasa", realm="testrealm@host.com", ' +
        'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", cnonce="0a4f113b", ' +
        'nc=00000001, qop=auth, response="6629fae49393a05397450978507c4ef1", ' +
        'opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    );
  });

  const rfc7616 = (algorithm: string) =>
    challengeOf(
      `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, ` +
        'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", ' +
        'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    );
  const answer7616 = (challenge: DigestChallenge) =>
    digestAuthorization({
      challenge,
      username: 'Mufasa',
      password: 'Circle of Life',
      method: 'GET',
      uri: '/dir/index.html',
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      nc: 1,
    });

  it('RFC 7616 §3.9.1: MD5', () => {
    const header = answer7616(rfc7616('MD5'));
    expect(header).toContain('response="8ca523f5e9506fed4657c9700eebdbec"');
    expect(header).toMatch(/, algorithm=MD5$/);
  });

  it('RFC 7616 §3.9.1: SHA-256', () => {
    const header = answer7616(rfc7616('SHA-256'));
    expect(header).toBe(
      'Digest username="Mufasa", realm="http-auth@example.org", ' +
        'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", uri="/dir/index.html", ' +
        'cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", nc=00000001, qop=auth, ' +
        'response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", ' +
        'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", algorithm=SHA-256',
    );
  });
});

describe('digest auth variants (expected values computed step by step from RFC 7616 §3.4)', () => {
  const md5 = (text: string | Uint8Array) => createHash('md5').update(text).digest('hex');
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const base = { username: 'u', password: 'p', uri: '/x?y=1', cnonce: 'c', nc: 2 };

  it('-sess hashes nonce and cnonce into HA1', () => {
    const challenge = challengeOf(
      'Digest realm="r", nonce="n", qop="auth", algorithm="SHA-256-sess"',
    );
    const ha1 = sha256(`${sha256('u:r:p')}:n:c`);
    const expected = sha256(`${ha1}:n:00000002:c:auth:${sha256('POST:/x?y=1')}`);
    const header = digestAuthorization({ ...base, challenge, method: 'POST' });
    expect(header).toContain(`response="${expected}"`);
    expect(header).toContain('algorithm=SHA-256-sess');
  });

  it('MD5-sess', () => {
    const challenge = challengeOf('Digest realm="r", nonce="n", qop="auth", algorithm=md5-sess');
    const ha1 = md5(`${md5('u:r:p')}:n:c`);
    const expected = md5(`${ha1}:n:00000002:c:auth:${md5('GET:/x?y=1')}`);
    expect(digestAuthorization({ ...base, challenge, method: 'GET' })).toContain(
      `response="${expected}"`,
    );
  });

  it('auth-int hashes the body into HA2 when only it is offered', () => {
    const challenge = challengeOf('Digest realm="r", nonce="n", qop="auth-int"');
    const body = new TextEncoder().encode('{"a":1}');
    const ha2 = md5(`PUT:/x?y=1:${md5(body)}`);
    const expected = md5(`${md5('u:r:p')}:n:00000002:c:auth-int:${ha2}`);
    const header = digestAuthorization({ ...base, challenge, method: 'PUT', body });
    expect(header).toContain(`response="${expected}"`);
    expect(header).toContain('qop=auth-int');
  });

  it('no qop (RFC 2069) sends neither cnonce nor nc', () => {
    const challenge = challengeOf('Digest realm="r", nonce="n"');
    const expected = md5(`${md5('u:r:p')}:n:${md5('GET:/x?y=1')}`);
    expect(digestAuthorization({ ...base, challenge, method: 'GET' })).toBe(
      `Digest username="u", realm="r", nonce="n", uri="/x?y=1", response="${expected}"`,
    );
  });

  it('quotes a username with " or \\ inside', () => {
    const challenge = challengeOf('Digest realm="r", nonce="n"');
    expect(
      digestAuthorization({ ...base, username: 'a"b\\c', challenge, method: 'GET' }),
    ).toContain('username="a\\"b\\\\c"');
  });
});

describe('digest challenge parsing', () => {
  it('finds Digest among other schemes and unescapes quoted values', () => {
    expect(
      parseDigestChallenge('Basic realm="b", DIGEST realm="say \\"hi\\"", nonce=abc, stale=FALSE'),
    ).toEqual({ realm: 'say "hi"', nonce: 'abc', algorithm: 'MD5', algorithmGiven: false });
  });

  it('reads the Eventing test server challenge', () => {
    expect(
      parseDigestChallenge(
        'Digest realm="eventing", qop="auth", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
      ),
    ).toEqual({
      realm: 'eventing',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      qop: 'auth',
      opaque: '5ccc069c403ebaf9f0171e9517f40e41',
      algorithm: 'MD5',
      algorithmGiven: false,
    });
  });

  it('gives up on what it cannot answer', () => {
    expect(parseDigestChallenge('Basic realm="x"')).toBeUndefined();
    expect(parseDigestChallenge('Digest realm="x"')).toBeUndefined();
    expect(
      parseDigestChallenge('Digest realm="x", nonce="n", algorithm=SHA-512-256'),
    ).toBeUndefined();
    expect(parseDigestChallenge('Digest realm="x", nonce="n", qop="auth-conf"')).toBeUndefined();
  });
});
