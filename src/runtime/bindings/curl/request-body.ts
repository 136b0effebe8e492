// Request marshalling (spec runtime §6.2): the body's JavaScript type and the optional `encoding`
// hint decide the bytes on the wire and the Content-Type added when the user gave none.

import { curlEscape } from './request-url.ts';

/** `request.encoding`: a hint that also restricts which body types are accepted. */
export type CurlEncoding = 'FORM' | 'JSON' | 'TEXT' | 'BINARY';

/**
 * `request.body` as the isolate sends it: a JS string as `text`, an ArrayBuffer as `bytes`, and
 * any other object as `json` — the value after a JSON round trip, so its keys keep the isolate's
 * own-property order (integer-like keys ascending first, then strings in creation order; V8 on
 * both sides applies the same rule when the object is rebuilt).
 */
export type CurlBody = { text: string } | { json: unknown } | { bytes: Uint8Array };

/** The wire form of a body, or why the body/encoding pair is refused. */
export type MarshalledBody =
  | { ok: true; bytes: Uint8Array; contentType: string }
  | { ok: false; message: string };

const TEXT_PLAIN = 'text/plain';
const JSON_TYPE = 'application/json';
const OCTET_STREAM = 'application/octet-stream';
const FORM_TYPE = 'application/x-www-form-urlencoded';

const utf8 = new TextEncoder();

/**
 * Marshals a request body per the table of spec §6.2.
 *
 * Refused pairs (object with TEXT or BINARY, ArrayBuffer with TEXT, FORM or JSON, a string that
 * is not JSON with JSON, FORM with a non-object `json` value) give `ok: false`. fidelity: the
 * server's messages for these are unknown (spec §13); ours name the body type and the encoding:
 * `'body' of type object can not be sent with encoding 'TEXT'` and
 * `'body' is not valid JSON, but encoding is 'JSON'`.
 *
 * @example
 * marshalRequestBody({ json: { a: 1 } }); // { ok: true, bytes: '{"a":1}', contentType: 'application/json' }
 * marshalRequestBody({ text: 'a=1' }, 'FORM'); // sent as given, form Content-Type
 */
export function marshalRequestBody(body: CurlBody, encoding?: CurlEncoding): MarshalledBody {
  if ('text' in body) return marshalText(body.text, encoding);
  if ('bytes' in body) {
    if (encoding === undefined || encoding === 'BINARY') {
      return { ok: true, bytes: body.bytes, contentType: OCTET_STREAM };
    }
    return refused('ArrayBuffer', encoding);
  }
  return marshalObject(body.json, encoding);
}

/**
 * The request headers with `Content-Type` added, unless one is already there under any casing
 * (the user's choice always wins, as on the server).
 *
 * @example
 * withContentType({ 'content-type': 'text/csv' }, 'text/plain'); // unchanged
 */
export function withContentType(
  headers: Record<string, string>,
  contentType: string,
): Record<string, string> {
  const present = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  return present ? headers : { ...headers, 'Content-Type': contentType };
}

function marshalText(text: string, encoding: CurlEncoding | undefined): MarshalledBody {
  switch (encoding) {
    case undefined:
    case 'TEXT':
      return { ok: true, bytes: utf8.encode(text), contentType: TEXT_PLAIN };
    case 'BINARY':
      return { ok: true, bytes: utf8.encode(text), contentType: OCTET_STREAM };
    case 'JSON':
      if (!isJsonText(text)) {
        return { ok: false, message: `'body' is not valid JSON, but encoding is 'JSON'` };
      }
      return { ok: true, bytes: utf8.encode(text), contentType: JSON_TYPE };
    case 'FORM':
      // fidelity: whether the server re-encodes a string body for FORM is unknown; a string is
      // taken to be form data already (`k=v&…`) and sent as given, like a string with TEXT.
      return { ok: true, bytes: utf8.encode(text), contentType: FORM_TYPE };
  }
}

function marshalObject(value: unknown, encoding: CurlEncoding | undefined): MarshalledBody {
  if (encoding === undefined || encoding === 'JSON') {
    return {
      ok: true,
      bytes: utf8.encode(JSON.stringify(value) ?? 'null'),
      contentType: JSON_TYPE,
    };
  }
  if (encoding !== 'FORM') return refused('object', encoding);
  if (typeof value !== 'object' || value === null) {
    return { ok: false, message: `'body' must be an object or a string for encoding 'FORM'` };
  }
  return { ok: true, bytes: utf8.encode(formEncode(value)), contentType: FORM_TYPE };
}

// curl_post_form.js: keys in own-property order, key and value each escaped, non-strings
// JSON-stringified first (a nested object becomes its JSON text).
function formEncode(value: object): string {
  return Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .map(([key, item]) => {
      const text = typeof item === 'string' ? item : JSON.stringify(item);
      return `${curlEscape(key)}=${curlEscape(text)}`;
    })
    .join('&');
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function refused(type: string, encoding: CurlEncoding): MarshalledBody {
  return {
    ok: false,
    message: `'body' of type ${type} can not be sent with encoding '${encoding}'`,
  };
}
