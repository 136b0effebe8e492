// curl(method, binding, request) on the host side (spec runtime §6): URL, body, auth, cookies,
// redirects and deadline around single HTTP exchanges, and the statistics the call counts. The
// isolate side has already checked argument types; everything here is data in, data out.

import { randomBytes } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { LanguageCompatibility, UrlBinding } from '../../../definition/types.ts';
import { digestAuthorization, parseDigestChallenge, upfrontAuthorization } from './auth.ts';
import { type CookieJar, cookieHeader, storeCookies } from './cookie-jar.ts';
import {
  type CurlFailureKind,
  type CurlMethodCounter,
  type CurlStatUpdate,
  curlStatsFor,
  NOTHING_COUNTED,
} from './curl-stats.ts';
import { type CurlMethod, type ExchangeResult, exchange } from './http-exchange.ts';
import { exchangeInProcess } from './in-process-exchange.ts';
import { type Hop, isFollowedStatus, MAX_REDIRECTS, nextHop } from './redirect-hop.ts';
import {
  type CurlBody,
  type CurlEncoding,
  marshalRequestBody,
  withContentType,
} from './request-body.ts';
import {
  buildRequestUrl,
  type CurlParams,
  toDispatchTarget,
  type UrlEncodeVersion,
} from './request-url.ts';
import { decodeResponse, headerValues, rawHeaderMap } from './response-body.ts';
import { type Eventually, runSteps, type Steps, settled } from './steps.ts';
import { FAILURE_PREFIX } from './transport-error.ts';
import { CURL_USER_AGENT } from './user-agent.ts';

/** The request object of `curl(method, binding, request)`, after the isolate validated it. */
export interface CurlRequest {
  method: CurlMethod;
  headers?: Record<string, string>;
  body?: CurlBody;
  encoding?: CurlEncoding;
  path?: string;
  params?: CurlParams;
  /** Follow 3xx responses (default true). */
  redirect?: boolean;
  /**
   * Deadline for the whole call, redirects and digest retry included, in seconds (libcurl's
   * CURLOPT_TIMEOUT). The isolate enforces a positive integer; fractions are accepted here.
   * Absent: no deadline of our own (undici's idle timeouts of 300 s still apply).
   */
  timeout?: number;
  url_encode_version?: UrlEncodeVersion;
}

/** What the call runs against; one jar per handler invocation and binding. */
export interface CurlOptions {
  dispatcher: Dispatcher;
  /**
   * Used instead of `dispatcher` when the binding has `validate_ssl_certificate: false`: an
   * `new Agent({ connect: { rejectUnauthorized: false } })` kept by the caller (TLS checks are
   * fixed per undici Agent, not per request). When absent, `dispatcher` serves those bindings
   * too — right for a MockAgent, which never does TLS; a real Agent would then verify.
   */
  insecureDispatcher?: Dispatcher;
  /**
   * `dispatcher` answers from memory (an undici MockAgent): a reply it has at once is taken,
   * and decompressed, in the same turn, and performCurl then returns the result rather than a
   * promise.
   */
  inProcess?: boolean;
  binding: UrlBinding;
  languageCompatibility: LanguageCompatibility;
  /** `curl_max_allowed_resp_size` in MiB; 0 for no limit. */
  maxResponseMiB: number;
  /** Cookies of this invocation for this binding; used only when `allow_cookies` is set. */
  cookieJar?: CookieJar;
  /** The injected clock, for cookie expiry dates. */
  now?: () => number;
}

type CallResult =
  | { ok: true; status: number; headers: Record<string, string>; body: unknown }
  | { ok: false; kind: CurlFailureKind; message: string };

/** The response handler code receives, or the CurlError it throws; with the stats to count. */
export type CurlResult = CallResult & { stats: CurlStatUpdate };

interface Call {
  request: CurlRequest;
  options: CurlOptions;
  dispatcher: Dispatcher;
  inProcess: boolean;
  bindingOrigin: string | undefined;
  jar: CookieJar | undefined;
  signal: AbortSignal | undefined;
  limitBytes: number;
}

// The status of the response the call ended on, when one arrived: it decides the counters.
type Outcome = { result: CallResult; status?: number };

/**
 * Performs one `curl()` call. The result comes at once when nothing had to wait (an in-process
 * dispatcher that replied without delay), else as a promise.
 *
 * @example
 * const result = await performCurl(
 *   { method: 'GET', path: '/users', params: { id: 7 } },
 *   { dispatcher: agent, binding, languageCompatibility: '7.2.0', maxResponseMiB: 100 },
 * );
 * if (result.ok) console.log(result.status, result.headers['Content-Type'], result.body);
 */
export function performCurl(request: CurlRequest, options: CurlOptions): Eventually<CurlResult> {
  return runSteps(curlSteps(request, options));
}

function* curlSteps(request: CurlRequest, options: CurlOptions): Steps<CurlResult> {
  const body =
    request.body === undefined ? undefined : marshalRequestBody(request.body, request.encoding);
  if (body && !body.ok) {
    return { ok: false, kind: 'invalid', message: body.message, stats: NOTHING_COUNTED };
  }
  const target = toDispatchTarget(
    buildRequestUrl(options.binding.hostname, request, options.languageCompatibility),
  );
  const outcome: Outcome = target
    ? yield* follow(
        {
          method: request.method,
          target,
          headers: requestHeaders(request, body?.contentType),
          body: body?.bytes,
        },
        callFor(request, options),
      )
    : { result: failure('URL using bad/illegal format or missing URL') };
  const method = request.method.toLowerCase() as CurlMethodCounter;
  return {
    ...outcome.result,
    stats: curlStatsFor(method, { ...outcome.result, status: outcome.status }),
  };
}

function callFor(request: CurlRequest, options: CurlOptions): Call {
  const { binding } = options;
  const dispatcher = binding.validate_ssl_certificate
    ? options.dispatcher
    : (options.insecureDispatcher ?? options.dispatcher);
  return {
    request,
    options,
    dispatcher,
    inProcess: options.inProcess === true && dispatcher === options.dispatcher,
    bindingOrigin: toDispatchTarget(binding.hostname)?.origin,
    // Without a jar from the caller, cookies still flow across this call's own redirects.
    jar: binding.allow_cookies ? (options.cookieJar ?? new Map()) : undefined,
    signal:
      request.timeout && request.timeout > 0
        ? AbortSignal.timeout(request.timeout * 1000)
        : undefined,
    limitBytes: Math.max(0, options.maxResponseMiB) * 1024 * 1024,
  };
}

// libcurl's defaults, unless the user set them: any type, the codings it can undo, and the
// server's User-Agent.
// [inferred] The server decompresses gzip/deflate, so it enables libcurl's Accept-Encoding.
function requestHeaders(
  request: CurlRequest,
  contentType: string | undefined,
): Record<string, string> {
  let headers = { ...request.headers };
  if (contentType) headers = withContentType(headers, contentType);
  if (!findHeader(headers, 'accept')) headers.Accept = '*/*';
  if (!findHeader(headers, 'accept-encoding')) headers['Accept-Encoding'] = 'deflate, gzip';
  if (!findHeader(headers, 'user-agent')) headers['User-Agent'] = CURL_USER_AGENT;
  return headers;
}

function* follow(first: Hop, call: Call): Steps<Outcome> {
  let hop = first;
  for (let redirects = 0; ; redirects++) {
    const response = yield* sendWithAuth(hop, call);
    if (!response.ok) return { result: response };
    const location = headerValues(response.headers, 'Location')[0];
    const redirecting = call.request.redirect !== false && isFollowedStatus(response.status);
    if (!redirecting || location === undefined) {
      const decoded = yield* settled(
        decodeResponse(response.headers, response.bytes, call.limitBytes, call.inProcess),
      );
      const result: CallResult = decoded.ok
        ? {
            ok: true,
            status: response.status,
            headers: rawHeaderMap(response.headers),
            body: decoded.body,
          }
        : decoded;
      return { result, status: response.status };
    }
    if (redirects === MAX_REDIRECTS) {
      return { result: failure('Number of redirects hit maximum amount') };
    }
    const next = nextHop(hop, response.status, location);
    if (!next) return { result: failure('Unsupported protocol') };
    hop = next;
  }
}

// Basic and bearer go with every request to the binding's origin; digest first goes without,
// then answers the 401's challenge once. Credentials never follow a redirect to another origin
// (libcurl's CURLOPT_UNRESTRICTED_AUTH is off).
function* sendWithAuth(hop: Hop, call: Call): Steps<ExchangeResult> {
  const { binding } = call.options;
  const ours =
    hop.target.origin === call.bindingOrigin && !findHeader(hop.headers, 'authorization');
  const upfront = ours ? upfrontAuthorization(binding) : undefined;
  const headers = upfront ? { ...hop.headers, Authorization: upfront } : hop.headers;
  const response = yield* send(hop, headers, call);
  const digest = ours && binding.auth_type === 'digest';
  if (!response.ok || response.status !== 401 || !digest) return response;
  const challenge = headerValues(response.headers, 'WWW-Authenticate')
    .map(parseDigestChallenge)
    .find((parsed) => parsed !== undefined);
  if (!challenge) return response;
  const authorization = digestAuthorization({
    challenge,
    username: binding.username,
    password: binding.password,
    method: hop.method,
    uri: hop.target.path,
    cnonce: randomBytes(16).toString('hex'),
    nc: 1,
    ...(hop.body ? { body: hop.body } : {}),
  });
  return yield* send(hop, { ...headers, Authorization: authorization }, call);
}

const utf8 = new TextDecoder();

/**
 * Text bodies (string, JSON, FORM) go out as strings, binary ones as bytes: the same on the
 * wire, and what lets an offline MockAgent match `intercept({ body: '...' })`.
 */
function wireBody(bytes: Uint8Array, request: CurlRequest): Uint8Array | string {
  return request.body && 'bytes' in request.body ? bytes : utf8.decode(bytes);
}

function* send(hop: Hop, headers: Record<string, string>, call: Call): Steps<ExchangeResult> {
  // Concatenated, not resolved: a target like `//x` must stay a path on this origin. Only
  // cookies need the parsed URL.
  const url = call.jar ? new URL(hop.target.origin + hop.target.path) : undefined;
  const now = call.options.now?.();
  const cookies = call.jar && url ? cookieHeader(call.jar, url, now) : undefined;
  const request = {
    method: hop.method,
    ...hop.target,
    headers: cookies ? withCookies(headers, cookies) : headers,
    ...(hop.body ? { body: wireBody(hop.body, call.request) } : {}),
    ...(call.signal ? { signal: call.signal } : {}),
    limitBytes: call.limitBytes,
  };
  const response = yield* settled(
    call.inProcess
      ? exchangeInProcess(call.dispatcher, request)
      : exchange(call.dispatcher, request),
  );
  if (response.ok && call.jar && url) {
    storeCookies(call.jar, url, headerValues(response.headers, 'Set-Cookie'), now);
  }
  return response;
}

// A user's own Cookie header is kept and the jar's cookies appended to it.
function withCookies(headers: Record<string, string>, cookies: string): Record<string, string> {
  const name = findHeader(headers, 'cookie');
  if (!name) return { ...headers, Cookie: cookies };
  return { ...headers, [name]: `${headers[name]}; ${cookies}` };
}

function findHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  return Object.keys(headers).find((name) => name.toLowerCase() === lowerName);
}

function failure(text: string): CallResult {
  return { ok: false, kind: 'failure', message: FAILURE_PREFIX + text };
}
