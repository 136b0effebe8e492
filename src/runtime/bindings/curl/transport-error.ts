// Transport failures as handler code sees them (spec runtime §6.4): a CurlError whose message is
// `Unable to perform the request: <libcurl error text>`. undici and Node report failures by
// error code; each maps to the `curl_easy_strerror` text of the CURLcode libcurl would return.

/** A request that produced no usable response, as curl() reports it. */
export interface TransportFailure {
  ok: false;
  kind: 'timeout' | 'failure';
  message: string;
}

/** What was being attempted when the error happened. */
export interface TransportContext {
  method: string;
  origin: string;
  /** The request target: path and query. */
  path: string;
  /** `response` once the status line arrived (the body was being read). */
  phase: 'request' | 'response';
  /** True when the request's own deadline fired, whatever error that surfaced as. */
  timedOut: boolean;
}

/** The prefix of every curl() transport error message. */
export const FAILURE_PREFIX = 'Unable to perform the request: ';

const TIMED_OUT = 'Timeout was reached';
const COULD_NOT_CONNECT = "Couldn't connect to server";

// Node/undici error code → libcurl error text.
const TEXT_BY_CODE: Record<string, string> = {
  ENOTFOUND: "Couldn't resolve host name",
  EAI_AGAIN: "Couldn't resolve host name",
  EAI_NONAME: "Couldn't resolve host name",
  ECONNREFUSED: COULD_NOT_CONNECT,
  EHOSTUNREACH: COULD_NOT_CONNECT,
  ENETUNREACH: COULD_NOT_CONNECT,
  EADDRNOTAVAIL: COULD_NOT_CONNECT,
  UND_ERR_CONNECT_TIMEOUT: TIMED_OUT,
  UND_ERR_HEADERS_TIMEOUT: TIMED_OUT,
  UND_ERR_BODY_TIMEOUT: TIMED_OUT,
  ETIMEDOUT: TIMED_OUT,
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'Transferred a partial file',
  HPE_INVALID_CONSTANT: 'Weird server reply',
  HPE_INVALID_VERSION: 'Weird server reply',
  HPE_INVALID_STATUS: 'Weird server reply',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'SSL peer certificate or SSH remote key was not OK',
  SELF_SIGNED_CERT_IN_CHAIN: 'SSL peer certificate or SSH remote key was not OK',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'SSL peer certificate or SSH remote key was not OK',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'SSL peer certificate or SSH remote key was not OK',
  CERT_HAS_EXPIRED: 'SSL peer certificate or SSH remote key was not OK',
  ERR_TLS_CERT_ALTNAME_INVALID: 'SSL peer certificate or SSH remote key was not OK',
};

/**
 * Turns whatever undici threw into curl()'s failure: `kind: 'timeout'` (counted in
 * `curl_timeout_count`) for any deadline, `kind: 'failure'` otherwise. A request that an undici
 * MockAgent had no interceptor for says how to add one, since that is the usual cause offline.
 *
 * @example
 * describeTransportError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), context);
 * // { ok: false, kind: 'failure', message: "Unable to perform the request: Couldn't connect to server" }
 */
export function describeTransportError(
  error: unknown,
  context: TransportContext,
): TransportFailure {
  const code = errorCode(error);
  const text = context.timedOut ? TIMED_OUT : textFor(code, error, context);
  return {
    ok: false,
    kind: text === TIMED_OUT ? 'timeout' : 'failure',
    message: FAILURE_PREFIX + text,
  };
}

function textFor(code: string | undefined, error: unknown, context: TransportContext): string {
  if (code === 'UND_MOCK_ERR_MOCK_NOT_MATCHED') return noInterceptorText(context);
  if (code !== undefined && TEXT_BY_CODE[code]) return TEXT_BY_CODE[code];
  if (code === 'UND_ERR_INVALID_ARG') {
    return `URL using bad/illegal format or missing URL (${messageOf(error)})`;
  }
  if (code?.startsWith('ERR_SSL_') || code?.startsWith('ERR_TLS_')) return 'SSL connect error';
  if (context.phase === 'response') return 'Failure when receiving data from the peer';
  // The peer closed or reset the connection before any status line arrived.
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') {
    return 'Server returned nothing (no headers, no data)';
  }
  return COULD_NOT_CONNECT;
}

function noInterceptorText(context: TransportContext): string {
  const { method, origin, path } = context;
  return (
    `${COULD_NOT_CONNECT} (offline: no HTTP interceptor matches ${method} ${origin}${path}; ` +
    `add one with em.http.get('${origin}').intercept({ path: '${path}', method: '${method}' })` +
    `.reply(200, body))`
  );
}

// undici sometimes wraps the socket error it got (`cause`); the innermost code is the telling one.
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  let code: string | undefined;
  for (let depth = 0; depth < 3 && typeof current === 'object' && current !== null; depth++) {
    const candidate = (current as { code?: unknown }).code;
    if (typeof candidate === 'string') code = candidate;
    current = (current as { cause?: unknown }).cause;
  }
  return code;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
