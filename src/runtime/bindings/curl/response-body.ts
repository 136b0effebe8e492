// The response side of curl() (spec runtime §6.3): the raw header map handler code sees, content
// decoding (gzip/deflate, as libcurl does with automatic decompression on) and body decoding by
// media type.

import { promisify } from 'node:util';
import { gunzip, gunzipSync, inflate, inflateRaw, inflateRawSync, inflateSync } from 'node:zlib';
import { type Eventually, runSteps, type Steps, settled } from './steps.ts';
import { FAILURE_PREFIX } from './transport-error.ts';

/** Response headers in arrival order, names as the server wrote them. */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/**
 * A decoded body: `null` (empty), a parsed JSON value, a string (`text/*`), an object of strings
 * (form), or the raw bytes (anything else; the isolate turns them into an ArrayBuffer).
 */
export type DecodedBody = { ok: true; body: unknown } | ResponseFailure;

/** Why a response could not be handed to handler code. */
export interface ResponseFailure {
  ok: false;
  kind: 'invalid' | 'failure' | 'max_size';
  message: string;
}

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const inflateRawAsync = promisify(inflateRaw);
const utf8 = new TextDecoder();

/**
 * The `headers` object of a curl response: each value is the raw text after the colon, leading
 * space and trailing CRLF included (`{ 'Content-Type': ' application/json\r\n' }`), names kept as
 * sent. undici hands us values already trimmed, so the single leading space is put back.
 *
 * fidelity: how the server represents a repeated header is unknown (spec §13). We concatenate the
 * raw values in arrival order (`' a=1\r\n b=2\r\n'`): a single header looks exactly as on the
 * server, and two Set-Cookie lines stay apart by their CRLFs instead of one being lost.
 *
 * @example
 * rawHeaderMap([['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']]); // { 'Set-Cookie': ' a=1\r\n b=2\r\n' }
 */
export function rawHeaderMap(headers: HeaderList): Record<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of headers) map.set(name, `${map.get(name) ?? ''} ${value}\r\n`);
  // fromEntries defines own properties, so a header named __proto__ cannot touch the prototype.
  return Object.fromEntries(map);
}

/**
 * Every value of a header, matched case-insensitively, in arrival order.
 *
 * @example
 * headerValues([['set-cookie', 'a=1']], 'Set-Cookie'); // ['a=1']
 */
export function headerValues(headers: HeaderList, name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
}

/**
 * The message of a response over `curl_max_allowed_resp_size`. fidelity: the server's text is
 * unknown; ours names the setting so the user knows what to raise.
 */
export function maxSizeFailure(limitBytes: number): ResponseFailure {
  const mib = limitBytes / (1024 * 1024);
  return {
    ok: false,
    kind: 'max_size',
    message: `${FAILURE_PREFIX}Response body exceeds curl_max_allowed_resp_size (${mib} MiB)`,
  };
}

/**
 * Decompresses and decodes a response body. `limitBytes` (0 = unlimited) bounds the decompressed
 * size too, so a small gzip body cannot inflate past the setting. A body without a content coding
 * is decoded at once; decompressing waits for zlib, unless `atOnce` asks for it in this turn (for
 * a reply from memory, whose caller may not be able to wait).
 *
 * @example
 * await decodeResponse([['Content-Type', 'application/json']], bytesOf('{"a":1}'), 0);
 * // { ok: true, body: { a: 1 } }
 */
export function decodeResponse(
  headers: HeaderList,
  bytes: Uint8Array,
  limitBytes: number,
  atOnce = false,
): Eventually<DecodedBody> {
  return runSteps(decodeSteps(headers, bytes, limitBytes, atOnce ? decodeCodingNow : decodeCoding));
}

type Inflate = (bytes: Uint8Array, coding: string, limitBytes: number) => Eventually<Uint8Array>;

function* decodeSteps(
  headers: HeaderList,
  bytes: Uint8Array,
  limitBytes: number,
  inflate: Inflate,
): Steps<DecodedBody> {
  const encodings = headerValues(headers, 'Content-Encoding');
  const content = yield* decompress(bytes, encodings, limitBytes, inflate);
  if (!content.ok) return content;
  return decodeBody(content.bytes, headerValues(headers, 'Content-Type')[0]);
}

type Decompressed = { ok: true; bytes: Uint8Array } | ResponseFailure;

function* decompress(
  bytes: Uint8Array,
  contentEncodings: string[],
  limitBytes: number,
  inflate: Inflate,
): Steps<Decompressed> {
  // Codings apply in the order listed, so they are undone last first.
  const codings = contentEncodings
    .flatMap((value) => value.split(','))
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  let current = bytes;
  for (const coding of codings) {
    if (current.byteLength === 0) break;
    try {
      current = yield* settled(inflate(current, coding, limitBytes));
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
        return maxSizeFailure(limitBytes);
      }
      // libcurl's CURLE_BAD_CONTENT_ENCODING, for an unknown coding as for a corrupt body.
      const text = 'Unrecognized or bad HTTP Content or Transfer-Encoding';
      return { ok: false, kind: 'failure', message: FAILURE_PREFIX + text };
    }
  }
  return { ok: true, bytes: current };
}

async function decodeCoding(
  bytes: Uint8Array,
  coding: string,
  limitBytes: number,
): Promise<Uint8Array> {
  const options = limitBytes > 0 ? { maxOutputLength: limitBytes } : {};
  if (coding === 'gzip' || coding === 'x-gzip') return await gunzipAsync(bytes, options);
  if (coding !== 'deflate') throw new Error(`unsupported content coding ${coding}`);
  try {
    return await inflateAsync(bytes, options);
  } catch (error) {
    // Many servers (Go's compress/flate among them) send raw deflate without the zlib wrapper;
    // libcurl accepts both, so we do too.
    if ((error as { code?: unknown }).code !== 'Z_DATA_ERROR') throw error;
    return await inflateRawAsync(bytes, options);
  }
}

/** decodeCoding in this turn, blocking the thread while zlib works. */
function decodeCodingNow(bytes: Uint8Array, coding: string, limitBytes: number): Uint8Array {
  const options = limitBytes > 0 ? { maxOutputLength: limitBytes } : {};
  if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(bytes, options);
  if (coding !== 'deflate') throw new Error(`unsupported content coding ${coding}`);
  try {
    return inflateSync(bytes, options);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'Z_DATA_ERROR') throw error;
    return inflateRawSync(bytes, options);
  }
}

function decodeBody(bytes: Uint8Array, contentType: string | undefined): DecodedBody {
  if (bytes.byteLength === 0) return { ok: true, body: null };
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media === 'application/json') return parseJson(utf8.decode(bytes));
  if (media.startsWith('text/')) return { ok: true, body: utf8.decode(bytes) };
  if (media === 'application/x-www-form-urlencoded') {
    return { ok: true, body: parseForm(utf8.decode(bytes)) };
  }
  // A copy that owns its whole ArrayBuffer: zlib and Buffer.concat may hand out views into a
  // shared pool, which must not reach the isolate.
  return { ok: true, body: new Uint8Array(bytes) };
}

function parseJson(text: string): DecodedBody {
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch (error) {
    // fidelity: the server's message is unknown; V8's own parse message is what handler code
    // would see from JSON.parse on the same text.
    return {
      ok: false,
      kind: 'invalid',
      message: `Unable to parse the response body as JSON: ${(error as Error).message}`,
    };
  }
}

// Form bodies decode like a query string: `+` is a space, a repeated key keeps its last value.
function parseForm(text: string): Record<string, string> {
  const pairs = new Map<string, string>();
  for (const piece of text.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const key = eq === -1 ? piece : piece.slice(0, eq);
    const value = eq === -1 ? '' : piece.slice(eq + 1);
    pairs.set(formDecode(key), formDecode(value));
  }
  return Object.fromEntries(pairs);
}

function formDecode(text: string): string {
  const spaced = text.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A stray `%` is kept as written rather than failing the whole body.
    return spaced;
  }
}
