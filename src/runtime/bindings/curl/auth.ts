// URL-binding authentication (spec runtime §6.1): basic and bearer go out with the first
// request, as libcurl sends them; digest answers a 401 challenge (RFC 7616, and RFC 2617 which
// it keeps compatible) and the request is sent once more.

import { createHash } from 'node:crypto';
import type { UrlBinding } from '../../../definition/types.ts';

/** The hash algorithms of RFC 7616 we answer; `-sess` variants hash the client nonce into HA1. */
export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

/** What a `WWW-Authenticate: Digest ...` challenge asks for. */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  /** The protection we answer with: `auth` when offered, else `auth-int`; absent for RFC 2069. */
  qop?: 'auth' | 'auth-int';
  opaque?: string;
  algorithm: DigestAlgorithm;
  /** Whether the challenge named the algorithm, so the answer names it back. */
  algorithmGiven: boolean;
}

/** Everything the digest answer depends on; cnonce and nc come from the caller. */
export interface DigestAnswerInput {
  challenge: DigestChallenge;
  username: string;
  password: string;
  method: string;
  /** The request target as sent: path and query. */
  uri: string;
  cnonce: string;
  /** The nonce count, 1 for the first use of a nonce. */
  nc: number;
  /** The request body, hashed into HA2 for `auth-int`. */
  body?: Uint8Array;
}

const ALGORITHMS: Record<string, DigestAlgorithm> = {
  md5: 'MD5',
  'md5-sess': 'MD5-sess',
  'sha-256': 'SHA-256',
  'sha-256-sess': 'SHA-256-sess',
};

/**
 * The `Authorization` value a binding sends up front: `Basic base64(user:pass)` or
 * `Bearer <bearer_key>`. Undefined for `no-auth`, and for `digest`, which waits for a challenge.
 *
 * @example
 * upfrontAuthorization({ ...binding, auth_type: 'basic', username: 'u', password: 'p' }); // 'Basic dTpw'
 */
export function upfrontAuthorization(binding: UrlBinding): string | undefined {
  if (binding.auth_type === 'basic') {
    return `Basic ${Buffer.from(`${binding.username}:${binding.password}`, 'utf8').toString('base64')}`;
  }
  if (binding.auth_type === 'bearer') return `Bearer ${binding.bearer_key}`;
  return undefined;
}

/**
 * Reads the Digest challenge out of a `WWW-Authenticate` value (which may list other schemes
 * too). Undefined when there is none, or it lacks a nonce, or asks for an algorithm or qop we
 * cannot answer — the 401 is then handed to handler code as it is, as libcurl does.
 *
 * @example
 * parseDigestChallenge('Digest realm="r", nonce="n", qop="auth,auth-int"');
 * // { realm: 'r', nonce: 'n', qop: 'auth', algorithm: 'MD5', algorithmGiven: false }
 */
export function parseDigestChallenge(header: string): DigestChallenge | undefined {
  const start = /(?:^|[\s,])digest\s+/i.exec(header);
  if (!start) return undefined;
  const params = parseAuthParams(header.slice(start.index + start[0].length));
  const nonce = params.get('nonce');
  if (nonce === undefined) return undefined;
  const algorithmName = params.get('algorithm');
  const algorithm = ALGORITHMS[(algorithmName ?? 'MD5').toLowerCase()];
  if (!algorithm) return undefined;
  const qop = chooseQop(params.get('qop'));
  if (qop === null) return undefined;
  return {
    realm: params.get('realm') ?? '',
    nonce,
    ...(qop ? { qop } : {}),
    ...(params.has('opaque') ? { opaque: params.get('opaque')! } : {}),
    algorithm,
    algorithmGiven: algorithmName !== undefined,
  };
}

/**
 * The `Authorization: Digest ...` value answering a challenge (RFC 7616 §3.4), fields in the
 * order libcurl writes them, comma-and-space separated.
 *
 * @example
 * digestAuthorization({ challenge, username: 'Mufasa', password: 'Circle Of Life', method: 'GET',
 *   uri: '/dir/index.html', cnonce: '0a4f113b', nc: 1 });
 * // 'Digest username="Mufasa", realm="testrealm@host.com", ..., response="6629fae4..."'
 */
export function digestAuthorization(input: DigestAnswerInput): string {
  const { challenge } = input;
  const hash = hasher(challenge.algorithm);
  const nc = input.nc.toString(16).padStart(8, '0');
  let ha1 = hash(`${input.username}:${challenge.realm}:${input.password}`);
  if (challenge.algorithm.endsWith('-sess')) {
    ha1 = hash(`${ha1}:${challenge.nonce}:${input.cnonce}`);
  }
  const ha2 =
    challenge.qop === 'auth-int'
      ? hash(`${input.method}:${input.uri}:${hash(input.body ?? new Uint8Array())}`)
      : hash(`${input.method}:${input.uri}`);
  const response = challenge.qop
    ? hash(`${ha1}:${challenge.nonce}:${nc}:${input.cnonce}:${challenge.qop}:${ha2}`)
    : hash(`${ha1}:${challenge.nonce}:${ha2}`);
  const fields = [
    `username=${quote(input.username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(input.uri)}`,
    ...(challenge.qop ? [`cnonce=${quote(input.cnonce)}`, `nc=${nc}`, `qop=${challenge.qop}`] : []),
    `response=${quote(response)}`,
    ...(challenge.opaque !== undefined ? [`opaque=${quote(challenge.opaque)}`] : []),
    ...(challenge.algorithmGiven ? [`algorithm=${challenge.algorithm}`] : []),
  ];
  return `Digest ${fields.join(', ')}`;
}

function hasher(algorithm: DigestAlgorithm): (data: string | Uint8Array) => string {
  const name = algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
  return (data) => createHash(name).update(data).digest('hex');
}

// undefined: no qop (RFC 2069 style); null: only qop values we do not know.
function chooseQop(offered: string | undefined): 'auth' | 'auth-int' | undefined | null {
  if (offered === undefined) return undefined;
  const options = offered.split(',').map((item) => item.trim().toLowerCase());
  if (options.includes('auth')) return 'auth';
  return options.includes('auth-int') ? 'auth-int' : null;
}

// `key=token` or `key="quoted \" text"` pairs separated by commas; stops at the next scheme
// (a bare token not followed by `=`).
function parseAuthParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  const pair =
    /\s*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/y;
  let match = pair.exec(text);
  while (match) {
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
    params.set(match[1]!.toLowerCase(), value);
    match = pair.exec(text);
  }
  return params;
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}
