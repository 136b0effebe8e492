import { fail, toRealmError } from './errors.js';
import { hostCallMayWait, shimState } from './state.js';

// curl(method, binding, request) (spec §6): argument checks and the request's shape here, the
// HTTP exchange on the host. The server's messages for bad arguments are not public; these say
// what is wrong and how to fix it.

const METHODS = ['GET', 'POST', 'PUT', 'HEAD', 'DELETE'];
const ENCODINGS = ['FORM', 'JSON', 'TEXT', 'BINARY'];
const URL_ENCODE_VERSIONS = ['6.6.2', '7.1.0', '7.2.0'];

/** URL binding globals and their position in depcfg.curl. */
const bindings = new WeakMap(
  /** @type {Array<[object, { index: number; cookies: boolean }]>} */ ([]),
);

/**
 * The global object of a URL binding; only curl() can use it.
 * @param {number} index
 * @param {boolean} cookies the binding's allow_cookies
 */
export function createUrlBinding(index, cookies) {
  const binding = Object.freeze({});
  bindings.set(binding, { index, cookies });
  return binding;
}

/** @param {string} message @returns {never} */
function invalid(message) {
  return fail('CurlError', message, curl);
}

const HEADER_VALUE_TYPES = ['string', 'number', 'boolean'];

/**
 * fidelity: the server turns number and boolean header values into their string form
 * (`{'Body-Size': 5242890}` sends `Body-Size: 5242890`); other values are refused.
 * @param {unknown} headers
 * @returns {Record<string, string>}
 */
function headerStrings(headers) {
  if (typeof headers !== 'object' || headers === null) {
    invalid("'headers' should be an object of strings, numbers or booleans");
  }
  /** @type {Record<string, string>} */
  const strings = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_VALUE_TYPES.includes(typeof value)) {
      invalid(`'headers' should be an object of strings, numbers or booleans ('${name}' is not)`);
    }
    strings[name] = String(value);
  }
  return strings;
}

/**
 * @param {Record<string, unknown>} request
 * @returns {{ json: string; bytes: ArrayBuffer | undefined }}
 */
function encodeRequest(request) {
  const { body, encoding, path, params, redirect, timeout, url_encode_version } = request;
  const headers = request.headers === undefined ? undefined : headerStrings(request.headers);
  if (encoding !== undefined && !ENCODINGS.includes(/** @type {string} */ (encoding))) {
    invalid(`'encoding' should be one of ${ENCODINGS.join(', ')}`);
  }
  if (path !== undefined && typeof path !== 'string') invalid("'path' should be a string");
  if (
    params !== undefined &&
    typeof params !== 'string' &&
    (typeof params !== 'object' || params === null)
  ) {
    invalid("'params' should be an object or a string");
  }
  if (redirect !== undefined && typeof redirect !== 'boolean')
    invalid("'redirect' should be a boolean");
  if (
    timeout !== undefined &&
    (!Number.isInteger(timeout) || /** @type {number} */ (timeout) <= 0)
  ) {
    invalid("'timeout' should be a positive integer");
  }
  if (
    url_encode_version !== undefined &&
    !URL_ENCODE_VERSIONS.includes(/** @type {string} */ (url_encode_version))
  ) {
    invalid(`'url_encode_version' should be one of ${URL_ENCODE_VERSIONS.join(', ')}`);
  }
  let bytes;
  let encodedBody;
  if (body instanceof ArrayBuffer) {
    bytes = body;
    encodedBody = { bytes: true };
  } else if (typeof body === 'string') {
    encodedBody = { text: body };
  } else if (body !== undefined) {
    encodedBody = { json: body };
  }
  const fields = {
    headers,
    body: encodedBody,
    encoding,
    path,
    params,
    redirect,
    timeout,
    url_encode_version,
  };
  return { json: JSON.stringify(fields), bytes };
}

/**
 * @param {...unknown} args
 */
export function curl(...args) {
  const [method, binding, request = {}] = args;
  if (typeof method !== 'string' || !METHODS.includes(method)) {
    invalid(`Invalid HTTP method ${JSON.stringify(method)}: use one of ${METHODS.join(', ')}`);
  }
  const target =
    typeof binding === 'object' && binding !== null ? bindings.get(binding) : undefined;
  if (target === undefined)
    invalid("Second argument to curl must be one of the function's URL bindings");
  if (typeof request !== 'object' || request === null)
    invalid('Third argument to curl must be a request object');
  const { json, bytes } = encodeRequest(/** @type {Record<string, unknown>} */ (request));
  // The host keeps this invocation's cookies until it ends. Without cookies there is nothing
  // to drop, which spares an isolate entered asynchronously one more call across threads.
  if (target.cookies) shimState.touchedHost = true;
  /** @type {import('../door-protocol.ts').CurlAnswer} */
  const answer = hostCallMayWait('curl', target.index, method, json, bytes);
  if ('error' in answer) throw toRealmError(answer.error, curl);
  return { status: answer.status, headers: answer.headers, body: answer.body };
}
