// The REST API's refusals as one error class, whatever the server version. 6.6/7.0 put a fixed
// per-code sentence in `description` and the request's own message in `runtime_info.info`;
// 7.1 and later put the message in `description` (spec rest-api.md §1.3). Decisions are made
// on `name`, which is stable across versions; numeric codes are not (§1.4).

/** The server's request-specific detail in the 6.6/7.0 envelope. */
export interface RuntimeInfo {
  code: number;
  info: unknown;
}

export interface EventingApiErrorInit {
  status: number;
  name: string;
  code: number;
  message: string;
  attributes?: readonly string[];
  description?: unknown;
  runtimeInfo?: RuntimeInfo;
  method: string;
  path: string;
}

/**
 * A refusal by the Eventing REST API: HTTP `status`, the error `name` (`ERR_APP_NOT_FOUND_TS`,
 * ...), its numeric `code`, a readable `message` and `attributes` (`["retry"]` when the server
 * says a retry may succeed). An answer that is not an error envelope (a plain-text
 * `404 page not found` from a server without the route, a proxy's HTML page) gets the name
 * `HTTP_<status>` and code -1.
 *
 * @example
 * try { await client.getFunction('fn1'); } catch (e) {
 *   if (e instanceof EventingApiError && e.name === 'ERR_APP_NOT_FOUND_TS') console.log('no fn1');
 * }
 */
export class EventingApiError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** The server's numeric code; differs between versions, so branch on `name`. */
  readonly code: number;
  readonly attributes: readonly string[];
  /** `description` as sent: a string, a compile-status object, a list of results, `{}` or null. */
  readonly description: unknown;
  readonly runtimeInfo: RuntimeInfo | undefined;
  /** The request, without its query string (which may name buckets, never secrets). */
  readonly method: string;
  readonly path: string;

  constructor(init: EventingApiErrorInit) {
    super(init.message);
    this.name = init.name;
    this.status = init.status;
    this.code = init.code;
    this.attributes = init.attributes ?? [];
    this.description = init.description;
    this.runtimeInfo = init.runtimeInfo;
    this.method = init.method;
    this.path = init.path;
  }

  /** The server says the same request may succeed later. */
  get retryable(): boolean {
    return this.attributes.includes('retry');
  }
}

/** Where the answer came from, for the error's message. */
export interface RequestLine {
  method: string;
  path: string;
}

/**
 * Builds the error for a non-2xx answer from its body text, understanding both envelopes.
 *
 * @example
 * parseErrorAnswer(404, '{"name":"ERR_APP_NOT_FOUND_TS","code":13,"description":"Function: f not found"}',
 *   { method: 'GET', path: '/api/v1/functions/f' }).message; // 'Function: f not found'
 */
export function parseErrorAnswer(status: number, text: string, request: RequestLine) {
  const envelope = parseEnvelope(text);
  const other = envelope ? undefined : otherServiceError(text);
  if (other) return new EventingApiError({ status, code: -1, ...other, ...request });
  if (!envelope) {
    const body = text.trim().replace(/\s+/g, ' ').slice(0, 200);
    return new EventingApiError({
      status,
      name: `HTTP_${status}`,
      code: -1,
      message: body === '' ? `HTTP ${status} from ${request.method} ${request.path}` : body,
      ...request,
    });
  }
  const runtimeInfo = readRuntimeInfo(envelope.runtime_info);
  const detail =
    runtimeInfo && !isEmpty(runtimeInfo.info) ? runtimeInfo.info : envelope.description;
  return new EventingApiError({
    status,
    name: envelope.name,
    code: typeof envelope.code === 'number' ? envelope.code : -1,
    message: describeDetail(detail) ?? `${envelope.name} (the server gave no details)`,
    attributes: Array.isArray(envelope.attributes)
      ? envelope.attributes.filter((a): a is string => typeof a === 'string')
      : [],
    description: envelope.description,
    ...(runtimeInfo ? { runtimeInfo } : {}),
    ...request,
  });
}

interface Envelope {
  name: string;
  code?: unknown;
  description?: unknown;
  attributes?: unknown;
  runtime_info?: unknown;
}

function parseEnvelope(text: string): Envelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? (value as Envelope) : undefined;
}

/**
 * The error bodies of the other services serve and a cluster answer for: the Data API's
 * `{ code: "DocumentNotFound", message }` and the Query service's `{ errors: [{ code, msg }] }`.
 */
function otherServiceError(text: string): { name: string; message: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, message, errors } = value as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && typeof message === 'string') return { name: code, message };
  const first = Array.isArray(errors)
    ? (errors[0] as { code?: unknown; msg?: unknown })
    : undefined;
  if (first && typeof first.msg === 'string') {
    return { name: String(first.code ?? ''), message: first.msg };
  }
  return undefined;
}

function readRuntimeInfo(value: unknown): RuntimeInfo | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, info } = value as { code?: unknown; info?: unknown };
  return { code: typeof code === 'number' ? code : -1, info };
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (typeof value === 'object' && Object.keys(value).length === 0)
  );
}

/**
 * A readable sentence from a description: strings as they are, the compile-status object of
 * ERR_HANDLER_COMPILATION with its position, 7.x's list of per-function results joined;
 * undefined when there is nothing to say (8.x sends `{}` for some errors).
 */
export function describeDetail(detail: unknown): string | undefined {
  if (isEmpty(detail)) return undefined;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const parts = detail.map((item) => describeDetail(resultInfo(item)) ?? JSON.stringify(item));
    return parts.join('; ');
  }
  if (typeof detail === 'object' && detail !== null) {
    const compile = detail as Record<string, unknown>;
    if (compile.compile_success === false) {
      const text =
        typeof compile.description === 'string' ? compile.description : 'does not compile';
      return `${text} (line ${String(compile.line_number)}, column ${String(compile.column_number)})`;
    }
  }
  return JSON.stringify(detail);
}

/** The message of one per-function result (`{code, info}`), or the item itself. */
function resultInfo(item: unknown): unknown {
  if (typeof item === 'object' && item !== null && 'info' in item) {
    return (item as { info: unknown }).info;
  }
  return item;
}
