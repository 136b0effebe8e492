// Following a 3xx as libcurl does with CURLOPT_FOLLOWLOCATION (spec runtime §6.2 `redirect`):
// which statuses are followed, where to, with which method and body, and which of the user's
// headers may go along.

import type { CurlMethod } from './http-exchange.ts';
import { type DispatchTarget, toDispatchTarget } from './request-url.ts';

/** One request of a call: the first one, or one made to follow a redirect. */
export interface Hop {
  method: CurlMethod;
  target: DispatchTarget;
  /** The user's headers plus defaults; auth and cookies are added per request, not kept here. */
  headers: Record<string, string>;
  body: Uint8Array | undefined;
}

/**
 * Redirects followed before the call fails with `Number of redirects hit maximum amount`.
 * fidelity: the server's limit is unknown (spec §13); libcurl's own default is 30.
 */
export const MAX_REDIRECTS = 10;

const FOLLOWED = new Set([301, 302, 303, 307, 308]);

/**
 * Whether a response status is one libcurl follows (300, 304, 305 and 306 are not).
 *
 * @example
 * isFollowedStatus(302); // true
 */
export function isFollowedStatus(status: number): boolean {
  return FOLLOWED.has(status);
}

/**
 * The request that follows a redirect, or undefined when `Location` is not an http(s) URL.
 * 303 turns every method but HEAD into GET; 301 and 302 turn POST into GET (libcurl without
 * CURLOPT_POSTREDIR); 307 and 308 keep method and body. A GET drops the body and its
 * Content-Type. The user's Authorization and Cookie headers stay behind when the origin changes
 * (what libcurl does since 7.58).
 *
 * @example
 * nextHop(hop, 303, '/done'); // { method: 'GET', target: { origin, path: '/done' }, body: undefined, ... }
 */
export function nextHop(hop: Hop, status: number, location: string): Hop | undefined {
  let url: URL;
  try {
    url = new URL(location, hop.target.origin + hop.target.path);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const target = toDispatchTarget(url.href);
  if (!target) return undefined;
  const toGet =
    (status === 303 && hop.method !== 'HEAD') || (status <= 302 && hop.method === 'POST');
  const dropped = new Set<string>(toGet ? ['content-type', 'content-length'] : []);
  if (target.origin !== hop.target.origin) dropped.add('authorization').add('cookie');
  const headers = Object.fromEntries(
    Object.entries(hop.headers).filter(([name]) => !dropped.has(name.toLowerCase())),
  );
  return {
    method: toGet ? 'GET' : hop.method,
    target,
    headers,
    body: toGet ? undefined : hop.body,
  };
}
