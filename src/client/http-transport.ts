import type { Dispatcher } from 'undici';
import { EventingDevError } from '../errors.ts';
import { normalizeBaseUrl } from './base-url.ts';
import { EventingApiError, parseErrorAnswer } from './eventing-api-error.ts';
import { type MinimalDispatcher, NodeHttpDispatcher } from './node-http-dispatcher.ts';
import { sendRequest } from './undici-core.ts';

// One HTTP exchange with the Eventing service: Basic credentials, TLS, timeouts, and retries
// where they are safe: GETs after a dropped connection or a gateway error, and any request the
// server marks with `attributes: ["retry"]` (spec rest-api.md §1.3, §9.3).

/** How to reach a cluster's Eventing REST API. */
export interface TransportOptions {
  /** `http://host:8096`, `https://host:18096`, `host[:port]`; see normalizeBaseUrl. */
  url: string;
  username?: string;
  password?: string;
  /** PEM certificate(s) of the CA that signed the cluster's certificate. */
  ca?: string | Buffer;
  /** Accept any TLS certificate (test clusters with self-signed certificates only). */
  insecure?: boolean;
  /** How long one request (answer included) may take (default 30 s). */
  timeoutMs?: number;
  /** Extra attempts for a retryable failure (default 2). */
  retries?: number;
  /** First pause before a retry; doubled for each further one (default 250 ms). */
  retryDelayMs?: number;
  /**
   * Send requests through this undici dispatcher (a MockAgent in tests, an Agent with a proxy)
   * instead of the default one over Node's http and https (see NodeHttpDispatcher).
   */
  dispatcher?: Dispatcher;
  /** Waits between retries and polls; tests pass an instant one. */
  sleep?: (ms: number) => Promise<void>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestSpec {
  method: HttpMethod;
  /** Path below the base URL, already escaped. */
  path: string;
  query?: URLSearchParams;
  /** JSON (serialised here) or raw text. */
  json?: unknown;
  text?: string;
  /** The content type of `text` (default text/plain). */
  contentType?: string;
  /** Further request headers (the Data API's Expires, If-Match). */
  headers?: Record<string, string>;
}

/** A 2xx answer. */
export interface Answer {
  status: number;
  text: string;
  /** The body as received, for answers that are not text (serve's binary documents). */
  bytes: Buffer;
  contentType: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_RETRY_DELAY_MS = 250;

/** Connection failures after which a GET may simply be sent again. */
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUTS = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const TLS_PROBLEMS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends requests to one Eventing service and turns refusals into {@link EventingApiError}. */
export class HttpTransport {
  /** The normalised base URL, e.g. `http://127.0.0.1:8096`. */
  readonly baseUrl: string;
  readonly sleep: (ms: number) => Promise<void>;
  readonly #origin: string;
  readonly #prefix: string;
  readonly #dispatcher: MinimalDispatcher;
  readonly #owned: boolean;
  readonly #authorization: string | undefined;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #retryDelayMs: number;

  constructor(options: TransportOptions) {
    this.baseUrl = normalizeBaseUrl(options.url);
    const url = new URL(this.baseUrl);
    this.#origin = url.origin;
    this.#prefix = url.pathname === '/' ? '' : url.pathname;
    this.#owned = options.dispatcher === undefined;
    this.#dispatcher =
      options.dispatcher ??
      new NodeHttpDispatcher({
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.insecure ? { insecure: true } : {}),
      });
    if (options.username !== undefined) {
      const pair = `${options.username}:${options.password ?? ''}`;
      this.#authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
    }
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retries = options.retries ?? DEFAULT_RETRIES;
    this.#retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Sends a request, retrying where safe; resolves with a 2xx answer. */
  async send(spec: RequestSpec): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#once(spec);
      } catch (error) {
        if (attempt >= this.#retries || !isRetryable(error, spec.method)) throw error;
        await this.sleep(this.#retryDelayMs * 2 ** attempt);
      }
    }
  }

  /** Closes the connections this transport opened (not an injected dispatcher). */
  async close(): Promise<void> {
    if (this.#owned) await this.#dispatcher.close();
  }

  async #once(spec: RequestSpec): Promise<Answer> {
    const path = `${this.#prefix}${spec.path}`;
    const query = spec.query?.toString();
    const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
    if (this.#authorization) headers.authorization = this.#authorization;
    let body: string | undefined;
    if (spec.json !== undefined) {
      body = JSON.stringify(spec.json);
      headers['content-type'] = 'application/json';
    } else if (spec.text !== undefined) {
      body = spec.text;
      // The server ignores it (spec §9.6); it keeps proxies from treating the code as a form.
      headers['content-type'] = spec.contentType ?? 'text/plain; charset=utf-8';
    }
    let response: Dispatcher.ResponseData;
    try {
      response = await sendRequest(this.#dispatcher, {
        origin: this.#origin,
        path: query ? `${path}?${query}` : path,
        method: spec.method,
        headers,
        ...(body === undefined ? {} : { body }),
        // The signal bounds the whole exchange; undici's own timeouts tick too coarsely.
        signal: AbortSignal.timeout(this.#timeoutMs),
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
      });
    } catch (error) {
      throw this.#transportError(error, spec.method, path);
    }
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await response.body.arrayBuffer());
    } catch (error) {
      throw this.#transportError(error, spec.method, path);
    }
    const text = bytes.toString('utf8');
    const contentType = header(response.headers['content-type']);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return { status: response.statusCode, text, bytes, contentType, headers: response.headers };
    }
    throw parseErrorAnswer(response.statusCode, text, { method: spec.method, path });
  }

  #transportError(error: unknown, method: string, path: string): EventingDevError {
    const code = errorCode(error);
    const reason = (error as Error).message || code || 'unknown error';
    const where = `${method} ${this.baseUrl}${path.slice(this.#prefix.length)}`;
    if ((code && TIMEOUTS.has(code)) || (error as Error)?.name === 'TimeoutError') {
      return new EventingDevError(
        'API_TIMEOUT',
        `No answer from ${where} within ${this.#timeoutMs} ms`,
        {
          hint: 'The cluster may be overloaded or the address wrong; raise the request timeout if it is just slow.',
          cause: error,
        },
      );
    }
    if (code && TLS_PROBLEMS.test(code)) {
      return new EventingDevError(
        'CLUSTER_UNREACHABLE',
        `TLS with ${this.baseUrl} failed: ${reason}`,
        {
          hint: "Give the cluster's CA certificate (PEM), or accept any certificate on a test cluster.",
          cause: error,
        },
      );
    }
    return new EventingDevError(
      'CLUSTER_UNREACHABLE',
      `Cannot reach the Eventing service at ${this.baseUrl}: ${reason}`,
      {
        hint: 'Check the cluster URL (port 8096 for http, 18096 for https) and that the cluster is up.',
        cause: error,
      },
    );
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The code of a Node or undici error, looking through `cause` as undici wraps socket errors. */
function errorCode(error: unknown): string | undefined {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    depth++
  ) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

function isRetryable(error: unknown, method: HttpMethod): boolean {
  if (error instanceof EventingApiError) {
    if (error.retryable) return true;
    return method === 'GET' && [502, 503, 504].includes(error.status);
  }
  if (method !== 'GET' || !(error instanceof EventingDevError)) return false;
  const code = errorCode(error.cause);
  return error.code === 'CLUSTER_UNREACHABLE' && code !== undefined && DROPPED.has(code);
}
