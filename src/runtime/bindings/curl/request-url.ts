// The URL a `curl()` call reaches (spec runtime §6.2 path joining, §6.5 encoding by version).
// The real server builds one string and hands it to libcurl; we build the same string, then split
// it into the origin and request target undici wants, doing the little clean-up libcurl does on
// its way to the wire (dot segments, fragment, spaces).

import type { LanguageCompatibility } from '../../../definition/types.ts';

/** The `url_encode_version` values a request may name to override the function's level. */
export type UrlEncodeVersion = '6.6.2' | '7.1.0' | '7.2.0';

/** `request.params`: an object of pairs or a ready-made query string. */
export type CurlParams = Record<string, unknown> | string;

/** The parts of a curl request that shape its URL. */
export interface UrlRequestParts {
  path?: string;
  params?: CurlParams;
  url_encode_version?: UrlEncodeVersion;
}

/** Where undici sends a request: `origin` is `scheme://host[:port]`, `path` the request target. */
export interface DispatchTarget {
  origin: string;
  path: string;
}

// The three behaviours of §6.5. Every level before 7.1.0 behaves like 6.6.2.
type EncodingScheme = 'legacy' | 'pieces' | 'verbatim';

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const utf8 = new TextEncoder();

/**
 * libcurl's `curl_easy_escape`: every byte of the UTF-8 form except `A-Za-z0-9-._~` becomes
 * `%XX` with upper-case hex. Unlike `encodeURIComponent` it escapes `!'()*` too, and it never
 * throws on lone surrogates (they become U+FFFD first, as V8's UTF-8 conversion does).
 * Characters in `keep` stay as they are (7.1.0 keeps `/ = & ?` in a path).
 *
 * @example
 * curlEscape('value=2@x'); // 'value%3D2%40x'
 */
export function curlEscape(text: string, keep = ''): string {
  let out = '';
  for (const char of text) {
    if (UNRESERVED.test(char) || keep.includes(char)) {
      out += char;
      continue;
    }
    for (const byte of utf8.encode(char))
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The full URL string for a request against a binding, as the server builds it before libcurl
 * sees it: binding URL, single-slash-joined path, then `?` (or `&` when the path already carries
 * a query) and the params, each encoded as the effective version says.
 *
 * @example
 * buildRequestUrl('http://h/X', { path: '/p@thA', params: { a: 'b@c' } }, '6.6.2');
 * // 'http://h/X/p@thA?a=b%40c'
 */
export function buildRequestUrl(
  bindingUrl: string,
  request: UrlRequestParts,
  languageCompatibility: LanguageCompatibility,
): string {
  const scheme = encodingScheme(request.url_encode_version ?? languageCompatibility);
  const path = request.path ?? '';
  // A path climbing above the binding is dropped, not refused (curl_get_beyond_binding.js).
  const joined = climbsAboveRoot(path)
    ? bindingUrl
    : joinPath(bindingUrl, encodePath(path, scheme));
  const query = request.params === undefined ? '' : encodeParams(request.params, scheme);
  if (query === '') return joined;
  // fidelity: how the server joins params to a path that already has a query is unknown; `&`
  // keeps both usable.
  return `${joined}${joined.includes('?') ? '&' : '?'}${query}`;
}

/**
 * Splits a built URL into undici's origin and request target, with libcurl's normalisation: the
 * fragment is not sent, `.`/`..` segments are resolved, and bytes that may not appear raw on the
 * request line (space, controls, non-ASCII) are percent-encoded. Undefined for a URL that is not
 * `http(s)://host...` or whose host does not parse.
 *
 * @example
 * toDispatchTarget('http://h:8080/a/./b c?x=1'); // { origin: 'http://h:8080', path: '/a/b%20c?x=1' }
 */
export function toDispatchTarget(url: string): DispatchTarget | undefined {
  const match = /^(https?:\/\/[^/?#]*)(.*)$/i.exec(url);
  if (!match) return undefined;
  const origin = originOf(match[1]!);
  if (origin === undefined) return undefined;
  const rest = (match[2] ?? '').split('#')[0] ?? '';
  const queryAt = rest.indexOf('?');
  const rawPath = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rest.slice(queryAt);
  const path = removeDotSegments(rawPath.startsWith('/') ? rawPath : `/${rawPath}`);
  return { origin, path: wireSafe(path + query) };
}

/** Origins of the scheme-and-authority texts seen, as a handler calls the same few hosts. */
const origins = new Map<string, string | undefined>();
const MAX_ORIGINS = 256;

function originOf(authority: string): string | undefined {
  if (origins.has(authority)) return origins.get(authority);
  let origin: string | undefined;
  try {
    origin = new URL(authority).origin;
  } catch {
    origin = undefined;
  }
  if (origins.size >= MAX_ORIGINS) origins.clear();
  origins.set(authority, origin);
  return origin;
}

function encodingScheme(version: UrlEncodeVersion | LanguageCompatibility): EncodingScheme {
  if (version === '7.2.0') return 'verbatim';
  if (version === '7.1.0') return 'pieces';
  return 'legacy';
}

// BuildUrl: exactly one slash between the binding URL and the path.
function joinPath(base: string, path: string): string {
  if (path === '') return base;
  const baseSlash = base.endsWith('/');
  const pathSlash = path.startsWith('/');
  if (baseSlash && pathSlash) return base + path.slice(1);
  if (!baseSlash && !pathSlash) return `${base}/${path}`;
  return base + path;
}

// True when walking the path's segments ever goes above where it started. `%2e` counts as a dot
// because URL parsers on the way (libcurl's, WHATWG's) would treat it as one.
function climbsAboveRoot(path: string): boolean {
  if (!path.includes('.') && !/%2e/i.test(path)) return false;
  const beforeQuery = path.split('?')[0] ?? '';
  let depth = 0;
  for (const segment of beforeQuery.split('/')) {
    const dots = segment.replace(/%2e/gi, '.');
    if (dots === '' || dots === '.') continue;
    depth += dots === '..' ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}

function encodePath(path: string, scheme: EncodingScheme): string {
  if (scheme !== 'pieces') return path;
  const queryAt = path.indexOf('?');
  if (queryAt === -1) return curlEscape(path, '/=&?');
  return `${curlEscape(path.slice(0, queryAt), '/=&?')}?${encodePieces(path.slice(queryAt + 1))}`;
}

function encodeParams(params: CurlParams, scheme: EncodingScheme): string {
  if (typeof params === 'string') {
    if (scheme === 'legacy') return curlEscape(params);
    return scheme === 'pieces' ? encodePieces(params) : params;
  }
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    pairs.push(scheme === 'verbatim' ? `${key}=${text}` : `${curlEscape(key)}=${curlEscape(text)}`);
  }
  return pairs.join('&');
}

// 7.1.0: each `&` piece encoded on its own, keeping only its first `=` as the separator.
function encodePieces(query: string): string {
  return query
    .split('&')
    .map((piece) => {
      const eq = piece.indexOf('=');
      if (eq === -1) return curlEscape(piece);
      return `${curlEscape(piece.slice(0, eq))}=${curlEscape(piece.slice(eq + 1))}`;
    })
    .join('&');
}

const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

// RFC 3986 §5.2.4 on an absolute path; the root segment is never removed.
function removeDotSegments(path: string): string {
  if (!DOT_SEGMENT.test(path)) return path;
  const segments = path.split('/');
  const out: string[] = [];
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '.' || segment === '..') {
      if (segment === '..' && out.length > 1) out.pop();
      if (last) out.push('');
      return;
    }
    out.push(segment);
  });
  return out.join('/');
}

const WIRE_SAFE = /^[\x21-\x7e]*$/;

// libcurl sends a space as %20 rather than failing; undici refuses anything outside 0x21-0x7E
// raw, so every such byte is escaped and everything else goes as built.
function wireSafe(target: string): string {
  if (WIRE_SAFE.test(target)) return target;
  let out = '';
  for (const char of target) {
    const code = char.codePointAt(0) ?? 0;
    out += code > 0x20 && code < 0x7f ? char : curlEscape(char);
  }
  return out;
}
