// Declarations of the Couchbase Eventing handler environment, for editors and `// @ts-check`
// in handler.js files. Reference them with `"types": ["eventing-dev/types"]` in jsconfig.json
// (`eventing-dev init` writes one); `eventing-dev types` declares each function's bindings.

/** The `meta` argument of OnUpdate and OnDelete (Couchbase Server 8.x). */
interface EventingMeta {
  id: string;
  /** The document's CAS, as a decimal string (64-bit). */
  cas: string;
  flags: number;
  vb: number;
  seq: number;
  datatype: 'json' | 'binary';
  /** Expiry in epoch seconds, 0 for none (always 0 in OnDelete). */
  expiration: number;
  /** The expiry as a Date, in OnUpdate when the document expires. */
  expiry_date?: Date;
  keyspace: { bucket_name: string; scope_name: string; collection_name: string };
}

/** The second argument of OnDelete. */
interface EventingDeleteOptions {
  expired: boolean;
}

/** The argument of OnDeploy. */
interface EventingDeployAction {
  reason: 'Deploy' | 'Resume';
  /** Milliseconds since the function was paused, for a resume. */
  delay: number;
}

/** A read-write bucket binding: reading, writing and deleting properties are KV operations. */
interface EventingBucketBinding {
  [key: string]: any;
}

/** A read-only bucket binding: writes and deletes throw. */
interface EventingReadonlyBucketBinding {
  readonly [key: string]: any;
}

/** A URL binding: only usable as the second argument of curl(). */
interface EventingUrlBinding {
  readonly __eventingUrlBinding: never;
}

interface EventingCurlRequest {
  /** Numbers and booleans are sent in their string form, as on the server. */
  headers?: Record<string, string | number | boolean>;
  body?: string | object | ArrayBuffer;
  encoding?: 'FORM' | 'JSON' | 'TEXT' | 'BINARY';
  path?: string;
  params?: Record<string, unknown> | string;
  redirect?: boolean;
  /** Seconds. */
  timeout?: number;
  url_encode_version?: '6.6.2' | '7.1.0' | '7.2.0';
}

interface EventingCurlResponse {
  status: number;
  /** Raw header values as the server gives them: a leading space and a trailing CRLF. */
  headers: Record<string, string>;
  /** Parsed JSON, a string, a form object, an ArrayBuffer, or null for an empty body. */
  body: any;
}

/** The rows of a query: iterate them once; close() frees the connection early. */
interface EventingQueryResult extends Iterable<any> {
  close(): void;
}

interface EventingQueryOptions {
  consistency?: 'none' | 'request';
  isPrepared?: boolean;
  clientContextId?: unknown;
}

/** The meta argument of the couchbase.* accessors: the key, and what the operation reads. */
interface EventingAccessorMeta {
  id: string | number;
  cas?: string;
  expiry_date?: Date;
  keyspace?: { scope_name?: string; collection_name?: string };
}

/** The result of the couchbase.* accessors: `success`, and `error` with a flag when it failed. */
interface EventingAccessorResult {
  success: boolean;
  doc?: any;
  meta?: { id: string; cas: string; expiry_date?: Date; datatype?: 'json' | 'binary' };
  res_size?: number;
  error?: {
    code: number;
    name: string;
    desc: string;
    key_not_found?: boolean;
    key_already_exists?: boolean;
    cas_mismatch?: boolean;
    not_number?: boolean;
    field_already_exists?: boolean;
    field_not_found?: boolean;
  };
}

type EventingBinding = EventingBucketBinding | EventingReadonlyBucketBinding;

declare function log(...args: unknown[]): void;
declare function curl(
  method: 'GET' | 'POST' | 'PUT' | 'HEAD' | 'DELETE',
  binding: EventingUrlBinding,
  request?: EventingCurlRequest,
): EventingCurlResponse;
declare function createTimer(
  callback: (context: any) => void,
  date: Date,
  reference: string | null | undefined,
  context?: unknown,
): string;
declare function cancelTimer(callback: (context: any) => void, reference: string): boolean;
declare function crc64(value: unknown): string;
declare function N1QL(
  statement: string,
  params?: Record<string, unknown> | unknown[],
  options?: EventingQueryOptions,
): EventingQueryResult;

/** Deprecated: use N1QL(). */
declare class N1qlQuery {
  constructor(
    statement: string,
    options?: { namedParams?: Record<string, unknown>; consistency?: 'none' | 'request' },
  );
  execQuery(): any[];
}

/** Eventing's own error classes: `instanceof Error` holds and `name` is "Error". */
declare class KVError extends Error {}
declare class N1QLError extends Error {}
declare class EventingError extends Error {}
declare class CurlError extends Error {}
declare class AnalyticsError extends Error {}
declare class SearchError extends Error {}

declare namespace couchbase {
  function get(
    binding: EventingBinding,
    meta: EventingAccessorMeta,
    options?: { cache?: boolean },
  ): EventingAccessorResult;
  function insert(
    binding: EventingBucketBinding,
    meta: EventingAccessorMeta,
    doc: unknown,
    options?: { self_recursion?: boolean },
  ): EventingAccessorResult;
  function upsert(
    binding: EventingBucketBinding,
    meta: EventingAccessorMeta,
    doc: unknown,
    options?: { self_recursion?: boolean },
  ): EventingAccessorResult;
  function replace(
    binding: EventingBucketBinding,
    meta: EventingAccessorMeta,
    doc: unknown,
    options?: { self_recursion?: boolean },
  ): EventingAccessorResult;
  function delete_(
    binding: EventingBucketBinding,
    meta: EventingAccessorMeta,
  ): EventingAccessorResult;

  export { delete_ as delete };

  function increment(
    binding: EventingBucketBinding,
    meta: EventingAccessorMeta,
  ): EventingAccessorResult;
  function decrement(
    binding: EventingBucketBinding,
    meta: EventingAccessorMeta,
  ): EventingAccessorResult;
  function touch(
    binding: EventingBucketBinding,
    meta: EventingAccessorMeta,
  ): EventingAccessorResult;
  function mutateIn(
    binding: EventingBucketBinding,
    meta: EventingAccessorMeta,
    specs: object[],
    options?: { self_recursion?: boolean },
  ): EventingAccessorResult;
  function lookupIn(
    binding: EventingBinding,
    meta: EventingAccessorMeta,
    specs: object[],
  ): EventingAccessorResult;
  function bindingDetails(
    binding: EventingBinding,
    meta: EventingAccessorMeta,
  ): {
    access: 'r' | 'rw';
    keyspace: { bucket: string; scope: string; collection: string };
  };
  const MutateInSpec: {
    insert(
      path: string,
      value: unknown,
      options?: { create_path?: boolean; xattrs?: boolean },
    ): object;
    upsert(
      path: string,
      value: unknown,
      options?: { create_path?: boolean; xattrs?: boolean },
    ): object;
    replace(path: string, value: unknown, options?: { xattrs?: boolean }): object;
    remove(path: string, options?: { xattrs?: boolean }): object;
    arrayAppend(
      path: string,
      value: unknown,
      options?: { create_path?: boolean; xattrs?: boolean },
    ): object;
    arrayPrepend(
      path: string,
      value: unknown,
      options?: { create_path?: boolean; xattrs?: boolean },
    ): object;
    arrayInsert(path: string, value: unknown, options?: { xattrs?: boolean }): object;
    arrayAddUnique(
      path: string,
      value: unknown,
      options?: { create_path?: boolean; xattrs?: boolean },
    ): object;
  };
  const LookupInSpec: { get(path: string, options?: { xattrs?: boolean }): object };
  function n1qlQuery(
    statement: string,
    params?: Record<string, unknown> | unknown[],
    options?: EventingQueryOptions,
  ): EventingQueryResult;
  function analyticsQuery(
    statement: string,
    params?: Record<string, unknown> | unknown[],
    options?: EventingQueryOptions,
  ): EventingQueryResult;
  function searchQuery(indexName: string, query: unknown, options?: object): EventingQueryResult;
  function crc_64_go_iso(value: unknown): string;
  function base64Encode(value: unknown): string;
  function base64Decode(text: string): string;
  function base64Float64ArrayEncode(values: number[]): string;
  function base64Float64ArrayDecode(text: string): number[];
  function base64Float32ArrayEncode(values: number[]): string;
  function base64Float32ArrayDecode(text: string): number[];
}
