import type { IncomingHttpHeaders } from 'node:http';
import type { DocumentSnapshot } from '../../emulator/document-input.ts';
import type { Reply } from '../reply.ts';
import { type DocumentAddress, notJson } from './document-address.ts';
import {
  COMMON_FLAGS,
  contentTypeOf,
  type DocumentFormat,
  declaredFormat,
  etagOf,
  expiresHeader,
  flagsOf,
  formatOfFlags,
} from './document-headers.ts';

// A document's body both ways: what a write's Content-Type and X-CB-Flags make of the request
// body, and how a stored document goes back with its content type, ETag, Expires and flags.

/** A body ready for the emulator: a JSON value or bytes, and the flags to store. */
export interface DocumentValue {
  value: unknown;
  flags: number;
}

/**
 * The document a write sends. JSON is parsed (and refused when it is not JSON); text and
 * binary are kept as bytes; a body of another content type is JSON when it parses, as the
 * Data service sets the JSON datatype by looking at the bytes.
 * @throws DataApiError 400 DocumentNotJson for a body declared JSON that is not.
 */
export function documentValue(
  body: Buffer,
  headers: IncomingHttpHeaders,
  address: DocumentAddress,
): DocumentValue {
  const given = flagsOf(headers);
  const declared = declaredFormat(headers);
  const format = (given === undefined ? undefined : formatOfFlags(given)) ?? declared;
  const flags = given ?? (declared ? COMMON_FLAGS[declared] : 0);
  if (format === 'binary' || format === 'text') return { value: new Uint8Array(body), flags };
  const parsed = parseJson(body);
  if (parsed.ok) return { value: parsed.value, flags };
  if (format === 'json') throw notJson(address);
  return { value: new Uint8Array(body), flags };
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

/** The answer to a read: the stored bytes with their content type and the document headers. */
export function documentReply(document: DocumentSnapshot): Reply {
  const body =
    document.datatype === 'json' ? JSON.stringify(document.value) : (document.value as Uint8Array);
  return {
    kind: 'text',
    httpStatus: 200,
    statusCode: -1,
    body,
    contentType: contentTypeOf(formatOf(document)),
    headers: {
      etag: etagOf(document.cas),
      'x-cb-flags': String(document.flags),
      ...optional('expires', expiresHeader(document.expiration)),
    },
  };
}

/** The format the flags name; for legacy flags (0), what the bytes look like. */
function formatOf(document: DocumentSnapshot): DocumentFormat {
  const named = document.flags === 0 ? undefined : formatOfFlags(document.flags);
  if (named) return named;
  if (document.datatype === 'json') return 'json';
  const bytes = document.value as Uint8Array;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'text';
  } catch {
    return 'binary';
  }
}

/** A write's answer: 200, no body, the new CAS as ETag. */
export function writtenReply(cas: string | undefined, httpStatus = 200): Reply {
  return {
    kind: 'text',
    httpStatus,
    statusCode: -1,
    body: '',
    contentType: 'text/plain; charset=utf-8',
    headers: cas === undefined ? {} : { etag: etagOf(cas) },
  };
}

function optional(name: string, value: string | undefined): Record<string, string> {
  return value === undefined ? {} : { [name]: value };
}
