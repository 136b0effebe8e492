import type { Keyspace } from '../../definition/keyspace.ts';
import type { StoredDocument } from '../../runtime/index.ts';

// Where the emulated Data service keeps its documents. The store (store.ts) decides CAS values,
// seqnos, expiry and the change feed; a table only keeps records. Two tables exist: in memory
// (tests, plain serve) and SQLite (serve --data-dir, sqlite-document-table.ts).

/** A document with where it sits in its vBucket's history. */
export interface DocumentRecord extends StoredDocument {
  vb: number;
  seq: number;
}

/** One collection's documents by key. */
export interface CollectionTable {
  /** The record stored under `key`, expired or not. */
  get(key: string): DocumentRecord | undefined;
  put(key: string, record: DocumentRecord): void;
  delete(key: string): void;
  /** Every record of the collection, expired or not. */
  entries(): Iterable<[string, DocumentRecord]>;
  /**
   * Every record in key order (Unicode code points), read as the walk goes: a change made while
   * the walk is paused is seen by it (the order of the Query service's primary index scan).
   */
  inKeyOrder(): Iterable<[string, DocumentRecord]>;
}

/** A document whose expiry is due. */
export interface DueExpiry {
  keyspace: Keyspace;
  key: string;
  record: DocumentRecord;
}

export interface DocumentTable {
  /** The table of one collection, created empty on first use. */
  collection(keyspace: Keyspace): CollectionTable;
  /** Collections that already hold (or held) documents, when the table is opened. */
  collections(): Keyspace[];
  /** Epoch ms of the earliest document expiry, if any. */
  nextExpiry(): number | undefined;
  /** The document with the earliest expiry at or before `now` (epoch ms), left in place. */
  dueExpiry(now: number): DueExpiry | undefined;
  /** Drops every document. */
  clear(): void;
  /** Forgets one collection with its documents, as when it or its bucket is dropped. */
  drop(keyspace: Keyspace): void;
  /** The last seqno given out per vBucket, as recorded by {@link noteSeqno}. */
  seqnos(): Array<{ bucket: string; vb: number; seq: number }>;
  /**
   * Records the last seqno given out in a vBucket and the CAS of its change (deletions advance
   * both without leaving a record).
   */
  noteSeqno(bucket: string, vb: number, seq: number, cas: string): void;
  /** The largest CAS value given out, so that later ones are larger. */
  maxCas(): string | undefined;
}
