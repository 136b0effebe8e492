import type { IncomingHttpHeaders } from 'node:http';
import { parseGoDuration } from '../go-duration.ts';
import { invalidArgument } from './data-api-error.ts';

// The Data API's document headers: ETag (the CAS in hexadecimal), If-Match, Expires (an HTTP
// date or a Go duration), X-CB-Flags (the SDKs' common flags), and the content types that
// stand for JSON, text and binary documents.

/** Common flags of the SDKs: the format in the top byte. */
export const COMMON_FLAGS = {
  json: 0x02000000,
  binary: 0x03000000,
  text: 0x04000000,
} as const;

export type DocumentFormat = keyof typeof COMMON_FLAGS;

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  json: 'application/json',
  binary: 'application/octet-stream',
  text: 'text/plain',
};

/** The format a request's Content-Type declares, if it is one of the three. */
export function declaredFormat(headers: IncomingHttpHeaders): DocumentFormat | undefined {
  const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const found = Object.entries(CONTENT_TYPES).find(([, name]) => name === type);
  return found?.[0] as DocumentFormat | undefined;
}

/** The format stored flags give, or undefined for flags that name none (legacy 0). */
export function formatOfFlags(flags: number): DocumentFormat | undefined {
  const found = Object.entries(COMMON_FLAGS).find(([, value]) => (flags & 0xff000000) === value);
  return found?.[0] as DocumentFormat | undefined;
}

export function contentTypeOf(format: DocumentFormat): string {
  return CONTENT_TYPES[format];
}

/** ETag: the CAS in lower-case hexadecimal, at least 8 digits. */
export function etagOf(cas: string): string {
  return BigInt(cas).toString(16).padStart(8, '0');
}

/**
 * If-Match as a CAS (decimal text), `*` for "must exist", or undefined when absent.
 * @throws DataApiError 400 for a value that is not hexadecimal, or zero.
 */
export function ifMatchOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers['if-match'];
  if (value === undefined || value === '*') return value;
  if (!/^[0-9a-fA-F]{1,16}$/.test(value)) throw invalidArgument(`Invalid etag format '${value}'.`);
  const cas = BigInt(`0x${value}`);
  if (cas === 0n) throw invalidArgument('CAS value cannot be zero.');
  return cas.toString();
}

/**
 * X-CB-Flags as a number, or undefined when absent.
 * @throws DataApiError 400 for anything but a uint32.
 */
export function flagsOf(headers: IncomingHttpHeaders): number | undefined {
  const value = headers['x-cb-flags'];
  if (value === undefined) return undefined;
  const flags = Number(value);
  if (!/^\d+$/.test(String(value)) || flags > 0xffffffff) {
    throw invalidArgument(`Invalid format for parameter X-CB-Flags: ${String(value)}`);
  }
  return flags;
}

/** Expires for a stored expiration (epoch seconds), as Go writes RFC 1123 in UTC. */
export function expiresHeader(expiration: number): string | undefined {
  if (expiration === 0) return undefined;
  return new Date(expiration * 1000).toUTCString().replace(/GMT$/, 'UTC');
}

const EXPIRY_FORMATS = 'Invalid time format - expected ISO8601 format, 0, or a Go style duration.';

/**
 * An Expires value as an absolute time: an HTTP date, or a Go duration from `now`. `0` and an
 * empty value mean no expiry (undefined).
 * @throws DataApiError 400 with the gateway's message for anything else.
 */
export function parseExpires(value: string, now: number): Date | undefined {
  if (value === '' || value === '0') return undefined;
  if (/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} [A-Za-z]+$/.test(value)) {
    const when = Date.parse(value.replace(/ UTC$/, ' GMT'));
    if (Number.isFinite(when)) return new Date(when);
  }
  const ms = parseGoDuration(value);
  if (ms === undefined) throw invalidArgument(EXPIRY_FORMATS);
  return new Date(now + ms);
}

/** The time the Expires header asks for, or undefined when the request has none. */
export function requestedExpiry(headers: IncomingHttpHeaders, now: number) {
  const value = headers.expires;
  return value === undefined
    ? { given: false as const }
    : { given: true as const, at: parseExpires(value, now) };
}
