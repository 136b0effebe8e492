// One HTTP request and its response over an injected undici dispatcher, nothing more: no
// redirects, auth or cookies (perform-request.ts layers those on). The body is read with the
// response-size limit enforced while it streams, so an oversized body is never held whole.

import type { Dispatcher } from 'undici';
import { type HeaderList, maxSizeFailure, type ResponseFailure } from './response-body.ts';
import { describeTransportError, type TransportFailure } from './transport-error.ts';

/** The HTTP methods curl() accepts. */
export type CurlMethod = 'GET' | 'POST' | 'PUT' | 'HEAD' | 'DELETE';

/** One request as it goes on the wire. */
export interface ExchangeRequest {
  method: CurlMethod;
  origin: string;
  /** The request target: path and query, already encoded. */
  path: string;
  headers: Record<string, string>;
  /** Text bodies as strings, binary ones as bytes. */
  body?: Uint8Array | string;
  /** Aborts the exchange when the curl() deadline passes. */
  signal?: AbortSignal;
  /** Largest body accepted, in bytes; 0 for no limit. */
  limitBytes: number;
}

/** A complete response (body still content-encoded), or why there is none. */
export type ExchangeResult =
  | { ok: true; status: number; headers: HeaderList; bytes: Uint8Array }
  | TransportFailure
  | ResponseFailure;

/**
 * Sends one request and reads the whole response.
 *
 * @example
 * const res = await exchange(agent, { method: 'GET', origin: 'http://h', path: '/', headers: {}, limitBytes: 0 });
 * if (res.ok) console.log(res.status, res.headers);
 */
export async function exchange(
  dispatcher: Dispatcher,
  request: ExchangeRequest,
): Promise<ExchangeResult> {
  const context = { method: request.method, origin: request.origin, path: request.path };
  let response: Dispatcher.ResponseData;
  try {
    response = await dispatcher.request({
      origin: request.origin,
      path: request.path,
      method: request.method,
      headers: request.headers,
      body: request.method === 'HEAD' ? null : (request.body ?? null),
      signal: request.signal ?? null,
      // Raw headers keep the names' case, which handler code indexes by ('Content-Type').
      responseHeaders: 'raw',
    });
  } catch (error) {
    return describeTransportError(error, {
      ...context,
      phase: 'request',
      timedOut: timedOut(request),
    });
  }
  const headers = pairUp(response.headers as unknown);
  try {
    const bytes = await readLimited(response.body, request.limitBytes);
    if (!bytes) return maxSizeFailure(request.limitBytes);
    return { ok: true, status: response.statusCode, headers, bytes };
  } catch (error) {
    return describeTransportError(error, {
      ...context,
      phase: 'response',
      timedOut: timedOut(request),
    });
  }
}

// With `responseHeaders: 'raw'` undici gives a flat [name, value, name, value, ...] list (typed
// as the parsed object, hence the unknown). An object is accepted too, for dispatchers that
// ignore the option.
function pairUp(raw: unknown): HeaderList {
  const pairs: Array<readonly [string, string]> = [];
  if (Array.isArray(raw)) {
    for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([String(raw[i]), String(raw[i + 1])]);
    return pairs;
  }
  for (const [name, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) pairs.push([name, String(item)]);
  }
  return pairs;
}

// Undefined once the body passes the limit; the rest of the stream is discarded.
async function readLimited(
  body: AsyncIterable<Uint8Array> & { destroy(): unknown },
  limitBytes: number,
): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (limitBytes > 0 && total > limitBytes) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function timedOut(request: ExchangeRequest): boolean {
  return request.signal?.aborted === true;
}
