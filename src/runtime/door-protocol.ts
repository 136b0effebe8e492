// The single door between the isolate (shim) and the host. Every request is a tuple whose first
// element names the operation; arguments and results are plain JSON-shaped values, strings, or
// ArrayBuffers (for binary documents). Nothing else crosses: no References, no host objects.
// This file holds types only, so the shim (checked JavaScript) can import them too.

/** A document body as stored: JSON text for JSON documents, raw bytes for binary ones. */
export type StoredValue = string | ArrayBuffer;

/** An emulated Eventing error, turned into an in-realm error object by the shim. */
export interface EmulatedError {
  class:
    | 'KVError'
    | 'N1QLError'
    | 'EventingError'
    | 'CurlError'
    | 'AnalyticsError'
    | 'SearchError'
    | 'TypeError';
  message: unknown;
}

/** A host result that the shim must throw. */
export interface DoorError {
  error: EmulatedError;
}

/** What a handler entry point is, for statistics and failure reports. */
export type EntryPoint = 'OnUpdate' | 'OnDelete' | 'OnDeploy' | 'Timer';

/** An uncaught exception from handler code, as the shim reports it. */
export interface ThrownReport {
  entry: EntryPoint;
  /** Position of the event in the batch being dispatched. */
  index: number;
  /** `JSON.stringify` of `toString()` for native errors, else of the thrown value (spec §8.1). */
  exception: string;
  /** The V8 stack text, when the thrown value had one. */
  stack: string | undefined;
}

/** The `couchbase.*` operations the host performs for the shim (spec runtime §4). */
export type AdvancedOp =
  | 'get'
  | 'insert'
  | 'upsert'
  | 'replace'
  | 'delete'
  | 'touch'
  | 'increment'
  | 'decrement'
  | 'mutateIn'
  | 'lookupIn';

/** A mutateIn or lookupIn spec as the shim checked it; `value` is the spec's JSON text. */
export interface SubdocSpecRequest {
  /** The spec_type code: mutateIn 1 insert … 8 arrayAddUnique; lookupIn 1 get. */
  type: number;
  path: string;
  value?: string;
  createPath: boolean;
  xattr: boolean;
}

/** An advanced accessor call whose arguments the shim has validated. */
export interface AdvancedRequest {
  op: AdvancedOp;
  /** Position of the binding in depcfg.buckets. */
  binding: number;
  /** The scope and collection from `meta.keyspace`, where the binding has a `*`. */
  scope?: string;
  collection?: string;
  key: string;
  /** `meta.cas` as an unsigned decimal; `'0'` for no CAS check. */
  cas: string;
  /** `meta.expiry_date` in epoch seconds; 0 for none. */
  expiry: number;
  /** The document of insert, upsert and replace, already serialised. */
  value?: StoredValue;
  /** `options.self_recursion`: the write may trigger this function again. */
  selfRecursion: boolean;
  /** A get that missed the in-isolate cache (counted in bucket_op_cache_miss_count). */
  cacheMiss: boolean;
  specs?: SubdocSpecRequest[];
}

/** The flag of each `{success: false}` outcome (spec runtime §4.2). */
export type SoftFailureFlag =
  | 'key_not_found'
  | 'key_already_exists'
  | 'cas_mismatch'
  | 'not_number'
  | 'field_already_exists'
  | 'field_not_found';

/** What an advanced accessor did; the shim builds the result object from it. */
export interface AdvancedSuccess {
  cas: string;
  /** get: the document as stored. */
  doc?: StoredValue;
  datatype?: 'json' | 'binary';
  /** get, lookupIn: the document's expiry in epoch seconds, 0 for none. */
  expiration?: number;
  /** get: the size the cache accounts for the result. */
  resSize?: number;
  /** increment, decrement: the count after the operation. */
  count?: number;
  /** lookupIn: the JSON text found for each spec, null where the path is missing. */
  values?: Array<string | null>;
}

export type AdvancedResult = AdvancedSuccess | { soft: SoftFailureFlag; code: number } | DoorError;

/** Every door operation: its arguments after the name, and its result. */
export interface DoorOps {
  /** A `log()` line's text, already formatted in the isolate. */
  log: { args: [text: string]; result: undefined };
  /** Increment a statistics counter that the shim detects (validation failures). */
  stat: { args: [name: string]; result: undefined };
  /** Store a timer (replacing one with the same callback and reference); returns the reference. */
  'timer.create': {
    args: [callback: string, dueSeconds: number, reference: string | null, context: string];
    result: string;
  };
  /** Remove a pending timer; false when there was none. */
  'timer.cancel': { args: [callback: string, reference: string]; result: boolean };
  /** A timer fired but no global function has its callback's name any more. */
  'timer.missing': { args: [index: number]; result: undefined };
  /** Basic accessor read: `binding[key]`. `null` when the key is missing. */
  'kv.get': { args: [binding: number, key: string]; result: StoredValue | null | DoorError };
  /**
   * Basic accessor write: `binding[key] = value`; the value is already serialised. Off the Node
   * thread, a write the host said will land is sent without waiting for the answer (the host
   * still applies requests in the order sent).
   */
  'kv.set': {
    args: [binding: number, key: string, value: StoredValue];
    result: undefined | DoorError;
  };
  /** Basic accessor delete: `delete binding[key]`. */
  'kv.delete': { args: [binding: number, key: string]; result: undefined | DoorError };
  /** An advanced accessor (`couchbase.get`, `insert`, … `lookupIn`). */
  'kv.advanced': { args: [request: AdvancedRequest]; result: AdvancedResult };
  /** An uncaught exception escaped a handler. */
  thrown: { args: [report: ThrownReport]; result: undefined };
  /** Starts a query; the first rows come with the answer (the server waits for them too). */
  'query.start': {
    args: [service: QueryService, statement: string, params: string | undefined, options: string];
    result: QueryAnswer;
  };
  /** The next rows of an open query. */
  'query.next': { args: [handle: number]; result: QueryAnswer };
  /** Stops an open query. */
  'query.close': { args: [handle: number]; result: undefined };
  /** One curl() call; the request is JSON, a binary body travels beside it. */
  curl: {
    args: [binding: number, method: string, request: string, body: ArrayBuffer | undefined];
    result: CurlAnswer;
  };
  /** An invocation that used curl or queries ended: drop its cookies and cursors. */
  'invocation.end': { args: []; result: undefined };
}

export type QueryService = 'n1ql' | 'analytics' | 'search';

/** Rows of a query as JSON text, or the error to throw. */
export type QueryAnswer = DoorError | { handle: number; rows: string; done: boolean };

/** The response curl() returns, or the error to throw. */
export type CurlAnswer =
  | { status: number; headers: Record<string, string>; body: unknown }
  | DoorError;

export type DoorOp = keyof DoorOps;

/** The discriminated union of every request, as a tuple. */
export type DoorRequest = { [K in DoorOp]: [K, ...DoorOps[K]['args']] }[DoorOp];

/** The host's answer to one operation: at once, or once asynchronous work is done. */
export type DoorAnswer<K extends DoorOp> = DoorOps[K]['result'] | Promise<DoorOps[K]['result']>;

/**
 * What serves each operation on the host: one typed entry per operation of {@link DoorOps}
 * (an operation without a result may be served by any function that returns nothing).
 */
export type DoorHandlers = {
  [K in DoorOp]: (
    ...args: DoorOps[K]['args']
  ) => DoorOps[K]['result'] extends undefined ? void : DoorAnswer<K>;
};

/** The door function as the shim sees it. */
export type Door = <K extends DoorOp>(op: K, ...args: DoorOps[K]['args']) => DoorOps[K]['result'];
