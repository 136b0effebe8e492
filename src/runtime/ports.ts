import type { Keyspace } from '../definition/keyspace.ts';

// What the runtime needs from the emulated service, as interfaces the emulator implements.
// Keeping them here lets the bindings be tested over plain fakes, without an isolate.

/** A document as the Data service holds it. */
export interface StoredDocument {
  /** JSON text for JSON documents, raw bytes for binary ones. */
  value: string | Uint8Array;
  datatype: 'json' | 'binary';
  /** The 64-bit CAS as a decimal string. */
  cas: string;
  /** Absolute expiry in epoch seconds, 0 for none. */
  expiration: number;
  flags: number;
  /** User extended attributes (names not starting with `_`), or null when there are none. */
  xattrs: Record<string, unknown> | null;
}

export interface WriteOptions {
  /** Absolute expiry in epoch seconds; 0 or absent clears it. */
  expiration?: number;
  /**
   * The function instance that wrote, when it wrote into its own source keyspace: the change is
   * then not delivered back to that function (self-recursion suppression, spec §1.7).
   */
  suppressFor?: string;
}

/**
 * Why the Data service refused an operation, by meaning (memcached statuses): the expected
 * outcomes that Eventing turns into `{success: false}` results, and sub-document failures.
 */
export type KvRefusal =
  | 'not_found'
  | 'exists'
  | 'cas_mismatch'
  | 'not_number'
  | 'path_not_found'
  | 'path_exists'
  | 'path_mismatch'
  | 'path_invalid'
  | 'value_invalid'
  | 'not_json';

/** Unexpected failures the client library reports as errors (libcouchbase names). */
export type KvFailureName =
  | 'LCB_ERR_TIMEOUT'
  | 'LCB_ERR_TEMPORARY_FAILURE'
  | 'LCB_ERR_DOCUMENT_NOT_FOUND'
  | 'LCB_ERR_DOCUMENT_EXISTS'
  | 'LCB_ERR_CAS_MISMATCH'
  | 'LCB_ERR_BUCKET_NOT_FOUND'
  | 'LCB_ERR_SCOPE_NOT_FOUND'
  | 'LCB_ERR_COLLECTION_NOT_FOUND';

/**
 * Thrown by a KeyspacePort when an operation fails unexpectedly (a timeout, a temporary
 * failure): the binding turns it into the KVError a handler sees.
 */
export class KvFailure extends Error {
  readonly lcbName: KvFailureName;

  constructor(lcbName: KvFailureName) {
    super(`the Data service failed the operation: ${lcbName}`);
    this.name = 'KvFailure';
    this.lcbName = lcbName;
  }
}

/** A write that may be conditional on the document's CAS. */
export interface CasWriteOptions extends WriteOptions {
  /** The CAS the document must still have; absent or `'0'` means no check. */
  cas?: string;
}

/** One sub-document mutation, its value already parsed from JSON. */
export interface MutateInSpec {
  op:
    | 'insert'
    | 'upsert'
    | 'replace'
    | 'remove'
    | 'arrayAppend'
    | 'arrayPrepend'
    | 'arrayInsert'
    | 'arrayAddUnique';
  path: string;
  value?: unknown;
  /** Create missing parent objects (and the array of array operations). */
  createPath: boolean;
  /** The path addresses the document's user extended attributes. */
  xattr: boolean;
}

/** One sub-document read. */
export interface LookupInSpec {
  path: string;
  xattr: boolean;
}

/** What lookupIn found: a value per spec in order, or undefined where the path is missing. */
export interface LookupInResult {
  cas: string;
  datatype: 'json' | 'binary';
  /** Absolute expiry in epoch seconds, 0 for none. */
  expiration: number;
  values: Array<{ value: unknown } | undefined>;
}

/**
 * The Data service as functions see it. read, upsert and remove serve the basic accessors; the
 * rest are the operations behind `couchbase.*`. Expected refusals are returned; unexpected
 * failures are thrown as {@link KvFailure}.
 */
export interface KeyspacePort {
  read(keyspace: Keyspace, key: string): StoredDocument | undefined;
  /**
   * True when every upsert into `keyspace` would succeed now (it exists, and no fault is set
   * up): a function entered off the Node thread then sends such writes without waiting.
   */
  acceptsEveryWrite?(keyspace: Keyspace): boolean;
  /** Creates or replaces the document. */
  upsert(
    keyspace: Keyspace,
    key: string,
    value: string | Uint8Array,
    options: WriteOptions,
  ): StoredDocument;
  /** Deletes the document; undefined when there was none. Returns the deletion's CAS. */
  remove(keyspace: Keyspace, key: string, options: WriteOptions): { cas: string } | undefined;
  /** Creates the document; `exists` when the key is taken. */
  insert(
    keyspace: Keyspace,
    key: string,
    value: string | Uint8Array,
    options: WriteOptions,
  ): StoredDocument | KvRefusal;
  /** Replaces an existing document; `not_found` or `cas_mismatch`. */
  replace(
    keyspace: Keyspace,
    key: string,
    value: string | Uint8Array,
    options: CasWriteOptions,
  ): StoredDocument | KvRefusal;
  /** Deletes a document; `not_found` or `cas_mismatch`. */
  delete(keyspace: Keyspace, key: string, options: CasWriteOptions): { cas: string } | KvRefusal;
  /** Sets the expiry (`options.expiration`, 0 clears it) without changing the body. */
  touch(keyspace: Keyspace, key: string, options: WriteOptions): { cas: string } | KvRefusal;
  /**
   * Adds `delta` to the number in the document's `count` field, creating the document or the
   * field when missing; `not_number` when the field holds something else.
   */
  counter(
    keyspace: Keyspace,
    key: string,
    delta: number,
    options: WriteOptions,
  ): { cas: string; count: number } | KvRefusal;
  /** Applies every spec or none; the refusal of the first spec that fails. */
  mutateIn(
    keyspace: Keyspace,
    key: string,
    specs: readonly MutateInSpec[],
    options: CasWriteOptions,
  ): { cas: string } | KvRefusal;
  /** Reads paths of the document; `not_found` when there is no document. */
  lookupIn(
    keyspace: Keyspace,
    key: string,
    specs: readonly LookupInSpec[],
  ): LookupInResult | KvRefusal;
}

/** The clock every runtime reads; manual in tests, real in `serve`. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** A function's timers, kept by the emulated service (the server keeps them in the metadata keyspace). */
export interface TimerPort {
  /**
   * Stores a timer due at `dueSeconds` (epoch seconds), replacing any with the same callback
   * name and reference; a null reference gets a generated one. Returns the reference.
   */
  create(callback: string, dueSeconds: number, reference: string | null, context: string): string;
  /** Removes a pending timer; false when there was none. */
  cancel(callback: string, reference: string): boolean;
}

/** A query for the Query, Analytics or Search service, as a handler issued it. */
export interface QueryRequest {
  service: 'n1ql' | 'analytics' | 'search';
  /** The statement (for search, the index name). */
  statement: string;
  /** Named parameters (names without `$`), positional ones, or none (for search, the request body). */
  params: Record<string, unknown> | unknown[] | undefined;
  options: { consistency?: string; isPrepared?: boolean; clientContextId?: unknown };
}

/** Rows a query produced: a list, or a (possibly asynchronous) sequence of them. */
export type QueryRows = readonly unknown[] | Iterable<unknown> | AsyncIterable<unknown>;

/**
 * Answers queries. Throwing (or rejecting) fails the query; a thrown `{ code, msg }` object,
 * or an object with an `errors` list, becomes the error the service would report.
 */
export interface QueryPort {
  run(request: QueryRequest): QueryRows | Promise<QueryRows>;
  /**
   * True while `run` would answer every request at once, never with a promise or an
   * asynchronous sequence: a function then runs its queries without leaving the Node thread.
   */
  answersAtOnce?(): boolean;
  /**
   * False while nothing reads a request's `options` (only the built-in evaluator answers):
   * handler code then need not work out its call site for `clientContextId`, which costs more
   * than the rest of a query. Absent means the options are read.
   */
  readsOptions?(): boolean;
}

/** Where curl() requests go: an undici Dispatcher (a MockAgent offline, an Agent online). */
export interface HttpPort {
  dispatcher: import('undici').Dispatcher;
  /** Used for URL bindings with `validate_ssl_certificate: false`. */
  insecureDispatcher?: import('undici').Dispatcher;
  /**
   * `dispatcher` answers from memory (an undici MockAgent): curl() takes a reply it has at once
   * in the same turn instead of waiting for the event loop.
   */
  inProcess?: boolean;
  /**
   * True while every curl() request would be answered in the same turn, never later: a
   * function then makes its calls without leaving the Node thread.
   */
  answersAtOnce?(): boolean;
  /**
   * Told when a request was answered later after all: `answersAtOnce` should then say false,
   * so the function's next entries can wait for such answers.
   */
  answeredLater?(): void;
}
