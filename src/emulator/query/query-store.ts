import type { Keyspace } from '../../definition/keyspace.ts';
import type { Clock } from '../../runtime/index.ts';
import type { KeyspaceRef, SelectStatement } from './ast.ts';
import type { Scope } from './expressions.ts';
import type { MissingKeyspacePart } from './missing-keyspaces.ts';
import type { BoundParameters } from './parameters.ts';

// What the evaluator needs from the Data service, and how it turns stored documents into the
// rows a statement works on. The shapes follow the emulator's own store (JSON text or bytes,
// CAS as a decimal string) so the lead's adapter is a thin wrapper.

/** A stored document as the evaluator reads it. */
export interface QueryStoreDocument {
  /** JSON text for JSON documents, raw bytes for binary ones. */
  value: string | Uint8Array;
  datatype: 'json' | 'binary';
  /** The 64-bit CAS as a decimal string. */
  cas: string;
  /** Absolute expiry in epoch seconds, 0 for none. */
  expiration: number;
  flags: number;
}

/**
 * The keyspaces a statement reads and writes. Expired documents must already be left out.
 *
 * @example
 * const store: QueryStore = {
 *   scan: (ks) => docs(ks).entries(),
 *   get: (ks, key) => docs(ks).get(key),
 *   insert: (ks, key, json) => (docs(ks).has(key) ? 'exists' : (write(ks, key, json), 'ok')),
 *   upsert: (ks, key, json) => write(ks, key, json),
 *   remove: (ks, key) => docs(ks).delete(key),
 * };
 */
export interface QueryStore {
  /** The live documents of one collection in key order (a primary index scan), read lazily. */
  scan(keyspace: Keyspace): Iterable<readonly [key: string, document: QueryStoreDocument]>;
  get(keyspace: Keyspace, key: string): QueryStoreDocument | undefined;
  /** Creates a JSON document unless the key is taken. */
  insert(keyspace: Keyspace, key: string, json: string): 'ok' | 'exists';
  /** Creates or replaces a JSON document; like a SQL++ write, it clears any expiry. */
  upsert(keyspace: Keyspace, key: string, json: string): void;
  /** Deletes a document; false when there was none. */
  remove(keyspace: Keyspace, key: string): boolean;
  /**
   * The outermost part of a keyspace the cluster does not have, or undefined when it has it
   * all. Without it every keyspace exists.
   */
  missing?(keyspace: Keyspace): MissingKeyspacePart | undefined;
}

/** Everything a statement runs against. */
export interface StatementContext {
  store: QueryStore;
  parameters: BoundParameters;
  /** The statement text, for error messages that quote it. */
  source: string;
  /** The emulator's clock (CLOCK_MILLIS and the like read it as they go). */
  clock: Clock;
  /** The Query node's local time zone (an IANA name), which the date functions use. */
  timeZone: string;
  /** When the statement started, epoch ms: NOW_MILLIS and the like, the same for every row. */
  startedAt: number;
  /** Runs a subquery in the scope of the row it is evaluated for; gives its rows. */
  subquery(select: SelectStatement, outer: Scope): unknown[];
}

/** What META() reports for a document. */
export interface DocumentMeta {
  id: string;
  cas: string;
  expiration: number;
  flags: number;
}

/** A document bound to its keyspace alias: one row of a statement's input. */
export interface SourceRow {
  alias: string;
  document: unknown;
  /** Undefined for the rows of a subquery in FROM, which are no documents. */
  meta: DocumentMeta | undefined;
}

/**
 * The rows of a keyspace, read as they are taken: every document in key order (the order of
 * a primary index scan), or only the documents under `keys` (USE KEYS, or the keys a WHERE
 * names), in the order given and without repeats.
 * fidelity: binary documents are skipped; the Query service returns them in a non-JSON form
 * this evaluator does not reproduce.
 */
export function* readRows(
  store: QueryStore,
  ref: KeyspaceRef,
  keys: readonly string[] | undefined,
): Generator<SourceRow, void, undefined> {
  if (keys === undefined) {
    for (const [key, stored] of store.scan(ref.keyspace)) {
      const row = toRow(ref.alias, key, stored);
      if (row) yield row;
    }
    return;
  }
  for (const key of new Set(keys)) {
    const row = toRow(ref.alias, key, store.get(ref.keyspace, key));
    if (row) yield row;
  }
}

/** Reads one document into a row; binary documents and absent keys give none. */
export function readRow(store: QueryStore, ref: KeyspaceRef, key: string): SourceRow | undefined {
  return toRow(ref.alias, key, store.get(ref.keyspace, key));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function toRow(
  alias: string,
  key: string,
  stored: QueryStoreDocument | undefined,
): SourceRow | undefined {
  if (stored?.datatype !== 'json') return undefined;
  let document: unknown;
  try {
    const text = typeof stored.value === 'string' ? stored.value : utf8.decode(stored.value);
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  const meta = { id: key, cas: stored.cas, expiration: stored.expiration, flags: stored.flags };
  return { alias, document, meta };
}

/**
 * The keys a USE KEYS value names: a string, or the strings in an array (other values are
 * ignored, as the server ignores them).
 */
export function useKeysList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((key): key is string => typeof key === 'string');
}
