import type { QueryContext } from '../../emulator/query/statement-parser.ts';
import { parseGoDuration } from '../go-duration.ts';
import type { RequestContext } from '../router.ts';

// The Query service's request parameters (docs: "Query Service REST API", /query/service), read
// from the query string of a GET, a form-encoded POST body (couchbase-cli, cbq) or a JSON POST
// body (the SDKs): `statement`, positional `args`, named `$name` / `@name`, `timeout` (a Go
// duration), `query_context`, `readonly`, `client_context_id`, `metrics`, `signature`, and the
// others SDKs send, which are accepted and have no effect here.

/** A request the Query service refused before running it: its code and message. */
export class QueryServiceError extends Error {
  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.name = 'QueryServiceError';
    this.code = code;
  }
}

/** What a request asks for. */
export interface QueryRequest {
  statement: string;
  /** Positional (`args`) or named (`$name`) parameters, or none. */
  params: readonly unknown[] | Readonly<Record<string, unknown>> | undefined;
  /** A GET, or `readonly=true`: statements that write are refused. */
  readonly: boolean;
  clientContextId: string | undefined;
  metrics: boolean;
  signature: boolean;
  /** `timeout`, in milliseconds; undefined for none (the service's default). */
  timeoutMs: number | undefined;
  /** `query_context`: the scope whose collections one-part keyspace names are. */
  queryContext: QueryContext | undefined;
}

/** Parameters accepted without effect: consistency, tuning and transaction knobs. */
const ACCEPTED = new Set([
  'scan_consistency',
  'scan_wait',
  'scan_vector',
  'scan_vectors',
  'scan_cap',
  'pipeline_batch',
  'pipeline_cap',
  'max_parallelism',
  'pretty',
  'profile',
  'creds',
  'encoding',
  'format',
  'compression',
  'namespace',
  'controls',
  'memory_quota',
  'use_cbo',
  'use_fts',
  'flex_index',
  'preserve_expiry',
  'kvtimeout',
  'use_replica',
  'durability_level',
  'sort_projection',
  'atrcollection',
  'numatrs',
  'txid',
  'tximplicit',
  'txtimeout',
  'txstmtnum',
  'txdata',
  'auto_execute',
  'error_limit',
]);

/**
 * The request's parameters.
 * @throws QueryServiceError 1050 without a statement, 1065 for an unknown parameter, 1070 for
 *   a value of the wrong type.
 */
export async function readQueryRequest(context: RequestContext): Promise<QueryRequest> {
  const fields = await fieldsOf(context);
  let statement: string | undefined;
  let args: unknown[] | undefined;
  const named: Record<string, unknown> = {};
  const request = { readonly: context.method === 'GET', metrics: true, signature: true };
  let clientContextId: string | undefined;
  let timeoutMs: number | undefined;
  let queryContext: QueryContext | undefined;
  for (const [name, value] of fields) {
    const key = name.toLowerCase();
    if (name.startsWith('$') || name.startsWith('@')) named[name.slice(1)] = value;
    else if (key === 'statement') statement = ofType(name, value, 'string');
    else if (key === 'args') args = ofType(name, value, 'array');
    else if (key === 'readonly') request.readonly ||= ofType(name, value, 'boolean');
    else if (key === 'metrics') request.metrics = ofType(name, value, 'boolean');
    else if (key === 'signature') request.signature = ofType(name, value, 'boolean');
    else if (key === 'client_context_id') clientContextId = String(value);
    else if (key === 'timeout') timeoutMs = durationOf(ofType(name, value, 'string'));
    else if (key === 'query_context') queryContext = contextOf(ofType(name, value, 'string'));
    else if (!ACCEPTED.has(key)) {
      throw new QueryServiceError(1065, `Unrecognized parameter in request: ${name}`);
    }
  }
  if (statement === undefined || statement.trim() === '') {
    throw new QueryServiceError(1050, 'No statement or prepared value');
  }
  const params = args ?? (Object.keys(named).length > 0 ? named : undefined);
  return { statement, params, clientContextId, timeoutMs, queryContext, ...request };
}

/** A Go duration; zero, negative or empty means none. */
function durationOf(text: string): number | undefined {
  if (text === '') return undefined;
  const ms = parseGoDuration(text);
  if (ms === undefined) {
    throw new QueryServiceError(
      1040,
      `Error processing duration - cause: Unable to parse duration: ${text}`,
    );
  }
  return ms > 0 ? ms : undefined;
}

const NAME = '(?:`([^`]+)`|([^.`:]+))';
const QUERY_CONTEXT = new RegExp(`^(?:(?:default)?:)?(?:${NAME}(?:\\.${NAME})?)?$`);

/**
 * `[[default]:]bucket[.scope]`, with names in backticks where they need them: a bucket alone
 * means its `_default` scope, and a namespace alone no context.
 */
function contextOf(text: string): QueryContext | undefined {
  const match = QUERY_CONTEXT.exec(text);
  if (!match) {
    const detail = text.split('.').length > 2 ? ': too many context elements' : '';
    throw new QueryServiceError(10201, `Invalid query_context specified${detail}`);
  }
  const [, quotedBucket, bucket, quotedScope, scope] = match;
  const name = quotedBucket ?? bucket;
  return name === undefined
    ? undefined
    : { bucket: name, scope: quotedScope ?? scope ?? '_default' };
}

type Fields = Array<[string, unknown]>;

/** The parameters as name/value pairs; form and query-string values are JSON text or plain. */
async function fieldsOf(context: RequestContext): Promise<Fields> {
  if (context.method === 'GET') return formFields(context.query);
  const body = (await context.body()).toString('utf8');
  const type = String(context.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw new QueryServiceError(
        1040,
        `Error processing JSON request body: ${(error as Error).message}`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new QueryServiceError(1040, 'Error processing JSON request body: not an object');
    }
    return Object.entries(parsed);
  }
  return formFields(new URLSearchParams(body));
}

/** Form values: `args`, `$name` values and flags are JSON text; `statement` is plain text. */
function formFields(query: URLSearchParams): Fields {
  return [...query].map(([name, text]) => {
    if (name.toLowerCase() === 'statement' || name.toLowerCase() === 'client_context_id') {
      return [name, text];
    }
    try {
      return [name, JSON.parse(text)];
    } catch {
      return [name, text];
    }
  });
}

type TypeName = 'string' | 'array' | 'boolean';
type TypeOf<T extends TypeName> = T extends 'string'
  ? string
  : T extends 'array'
    ? unknown[]
    : boolean;

function ofType<T extends TypeName>(name: string, value: unknown, type: T): TypeOf<T> {
  const ok = type === 'array' ? Array.isArray(value) : typeof value === type;
  if (!ok) throw new QueryServiceError(1070, `${name} has to be of type ${type}`);
  return value as TypeOf<T>;
}
