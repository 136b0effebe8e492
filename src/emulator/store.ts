import { type Keyspace, keyspaceMatches } from '../definition/keyspace.ts';
import type {
  Clock,
  DocumentChange,
  DocumentMutation,
  StoredDocument,
  WriteOptions,
} from '../runtime/index.ts';
import { CasGenerator } from './cas.ts';
import type { CollectionTable, DocumentRecord, DocumentTable } from './storage/document-table.ts';
import { createMemoryDocumentTable } from './storage/memory-document-table.ts';
import { VBUCKET_COUNT, vbucketOf } from './vbucket.ts';

export type { DocumentRecord } from './storage/document-table.ts';

/** One collection of the store: its keyspace and the table that holds its documents. */
export interface Collection {
  readonly keyspace: Keyspace;
  readonly table: CollectionTable;
}

/** Called for every change, with the function instance whose own write it was, if any. */
export type ChangeListener = (change: DocumentChange, suppressFor: string | undefined) => void;

/** Everything a write can set beyond the body. */
export interface DocumentWrite {
  expiration?: number;
  xattrs?: Record<string, unknown> | null;
  flags?: number;
  suppressFor?: string;
  /** Store without a change on the feed: no function sees this write (seeding, restoring). */
  silent?: boolean;
}

/**
 * The emulated Data service: keyspaces of documents with CAS, expiry, flags and user xattrs, and
 * a change feed. Keyspaces exist as soon as something is written to them. Functions reach it
 * through the DataService (data-service.ts), which adds the KV engine's other operations.
 */
export class Store {
  readonly #collections = new Map<string, Collection>();
  /** The same collections by the keyspace objects callers hold, which name them again and again. */
  #byKeyspace = new WeakMap<Keyspace, Collection>();
  /** Set once a document was put back with a vBucket other than its key's (see restore). */
  #foreignVbuckets = false;
  readonly #seqnos = new Map<string, Uint32Array>();
  readonly #table: DocumentTable;
  readonly #clock: Clock;
  readonly #cas: CasGenerator;
  readonly #onChange: ChangeListener;

  /**
   * The expiration (epoch seconds) a write gets, given the one it asks for: the emulator applies
   * the maximum TTL of buckets and collections here, so that every kind of write gets it.
   */
  expiryRule: (keyspace: Keyspace, requested: number) => number = (_, requested) => requested;

  constructor(
    clock: Clock,
    onChange: ChangeListener,
    table: DocumentTable = createMemoryDocumentTable(),
  ) {
    this.#clock = clock;
    this.#cas = new CasGenerator(clock);
    this.#onChange = onChange;
    this.#table = table;
    // A table that outlived a process: carry on after its seqnos and CAS values.
    for (const keyspace of table.collections()) this.collection(keyspace);
    for (const { bucket, vb, seq } of table.seqnos()) this.#seqnosOf(bucket)[vb] = seq;
    const cas = table.maxCas();
    if (cas !== undefined) this.#cas.observe(cas);
  }

  read(keyspace: Keyspace, key: string): DocumentRecord | undefined {
    const record = this.#collections.get(collectionKey(keyspace))?.table.get(key);
    return record && !this.#expired(record) ? record : undefined;
  }

  upsert(
    keyspace: Keyspace,
    key: string,
    value: string | Uint8Array,
    options: WriteOptions,
  ): StoredDocument {
    return this.write(keyspace, key, value, options);
  }

  remove(keyspace: Keyspace, key: string, options: WriteOptions): { cas: string } | undefined {
    const collection = this.#collections.get(collectionKey(keyspace));
    const record = collection?.table.get(key);
    if (!collection || !record || this.#expired(record)) return undefined;
    collection.table.delete(key);
    const cas = this.#cas.next();
    const seq = this.#nextSeq(collection.keyspace.bucket, record.vb, cas);
    this.#onChange(
      { kind: 'deletion', keyspace: collection.keyspace, key, cas, vb: record.vb, seq },
      options.suppressFor,
    );
    return { cas };
  }

  /**
   * Creates or replaces a document. A full-document write replaces user xattrs (only system
   * xattrs survive one on the server), so they are kept only when given.
   */
  write(
    keyspace: Keyspace,
    key: string,
    value: string | Uint8Array,
    options: DocumentWrite = {},
  ): DocumentRecord {
    const collection = this.collection(keyspace);
    const vb = this.#foreignVbuckets
      ? (collection.table.get(key)?.vb ?? vbucketOf(key))
      : vbucketOf(key);
    const { text, datatype } = classify(value);
    const cas = this.#cas.next();
    const record: DocumentRecord = {
      value: text,
      datatype,
      cas,
      expiration: this.expiryRule(collection.keyspace, options.expiration ?? 0),
      flags: options.flags ?? 0,
      xattrs: options.xattrs ?? null,
      vb,
      seq: this.#nextSeq(collection.keyspace.bucket, vb, cas),
    };
    this.#put(collection, key, record);
    if (options.silent) return record;
    this.#onChange(
      {
        kind: 'mutation',
        keyspace: collection.keyspace,
        key,
        cas: record.cas,
        vb,
        seq: record.seq,
        value: record.value,
        datatype,
        expiration: record.expiration,
        xattrs: record.xattrs,
      },
      options.suppressFor,
    );
    return record;
  }

  /**
   * Puts back a document as it was elsewhere (CAS, vBucket and seqno included), without a
   * change on the feed; later writes get larger CAS values and seqnos.
   */
  restore(keyspace: Keyspace, key: string, record: DocumentRecord): void {
    // A document keeps its vBucket when rewritten; only one put back from elsewhere can have a
    // vBucket its key does not hash to, and only then must a write look up the one it had.
    if (record.vb !== vbucketOf(key)) this.#foreignVbuckets = true;
    this.#cas.observe(record.cas);
    const seqnos = this.#seqnosOf(keyspace.bucket);
    seqnos[record.vb] = Math.max(seqnos[record.vb] ?? 0, record.seq);
    this.#table.noteSeqno(keyspace.bucket, record.vb, seqnos[record.vb]!, record.cas);
    this.collection(keyspace).table.put(key, { ...record });
  }

  /** Drops every document. CAS values and seqnos keep increasing, as on a flushed bucket. */
  clear(): void {
    this.#collections.clear();
    this.#byKeyspace = new WeakMap();
    this.#table.clear();
  }

  /**
   * Drops the collections of a bucket, of a scope or one collection, with their documents and
   * without a change on the feed, as the Data service drops them.
   */
  drop(path: { bucket: string; scope?: string; collection?: string }): void {
    for (const [name, { keyspace }] of this.#collections) {
      const within =
        keyspace.bucket === path.bucket &&
        (path.scope === undefined || keyspace.scope === path.scope) &&
        (path.collection === undefined || keyspace.collection === path.collection);
      if (!within) continue;
      this.#collections.delete(name);
      this.#byKeyspace = new WeakMap();
      this.#table.drop(keyspace);
    }
  }

  /** Every collection, with its documents (live or not yet expired by the pager). */
  collections(): IterableIterator<Collection> {
    return this.#collections.values();
  }

  #put(collection: Collection, key: string, record: DocumentRecord): void {
    collection.table.put(key, record);
  }

  /** The collection of a keyspace, created empty on first use. */
  collection(keyspace: Keyspace): Collection {
    const known = this.#byKeyspace.get(keyspace);
    if (known) return known;
    const name = collectionKey(keyspace);
    let collection = this.#collections.get(name);
    if (!collection) {
      collection = { keyspace: { ...keyspace }, table: this.#table.collection(keyspace) };
      this.#collections.set(name, collection);
    }
    this.#byKeyspace.set(keyspace, collection);
    return collection;
  }

  /** Live documents of every collection a (possibly wildcard) keyspace covers, as stored. */
  documents(pattern: Keyspace): Array<[Collection, string, DocumentRecord]> {
    const found: Array<[Collection, string, DocumentRecord]> = [];
    for (const collection of this.#collections.values()) {
      if (!keyspaceMatches(pattern, collection.keyspace)) continue;
      for (const [key, record] of collection.table.entries()) {
        if (!this.#expired(record)) found.push([collection, key, record]);
      }
    }
    return found;
  }

  /**
   * The live documents of one collection in key order, read as the walk goes (the order of a
   * primary index scan); nothing for a collection never written to.
   */
  *inKeyOrder(keyspace: Keyspace): Generator<[string, DocumentRecord], void, undefined> {
    const table = this.#collections.get(collectionKey(keyspace))?.table;
    if (!table) return;
    for (const [key, record] of table.inKeyOrder()) {
      if (!this.#expired(record)) yield [key, record];
    }
  }

  /**
   * Live documents as the mutations a DCP stream from the start would send: by vBucket, then
   * by sequence number within it.
   */
  backfill(pattern: Keyspace): DocumentMutation[] {
    // Grouped by vBucket first: within one, documents are stored mostly in seqno order already,
    // which the sort then finds at little cost.
    const byVbucket: Array<Array<[Collection, string, DocumentRecord]>> = [];
    for (const found of this.documents(pattern)) {
      const vb = found[2].vb;
      const group = byVbucket[vb] ?? [];
      group.push(found);
      byVbucket[vb] = group;
    }
    const mutations: DocumentMutation[] = [];
    for (const group of byVbucket) {
      if (!group) continue;
      group.sort(([, , a], [, , b]) => a.seq - b.seq);
      for (const [collection, key, record] of group) {
        mutations.push(asMutation(collection, key, record));
      }
    }
    return mutations;
  }

  /** The last seqno given out in each vBucket of `bucket`: where a feed from now starts. */
  highSeqnos(bucket: string): Uint32Array {
    return this.#seqnosOf(bucket).slice();
  }

  /** When the next document expires (epoch ms), if any does. */
  nextExpiry(): number | undefined {
    return this.#table.nextExpiry();
  }

  /**
   * Removes every document whose expiry is due at `now`, in due order, each as an expiration
   * change (which reaches OnDelete with `{expired: true}`).
   */
  expireDue(now: number): void {
    for (;;) {
      const due = this.#table.dueExpiry(now);
      if (!due) return;
      const collection = this.collection(due.keyspace);
      const { key, record } = due;
      collection.table.delete(key);
      const cas = this.#cas.next();
      const seq = this.#nextSeq(collection.keyspace.bucket, record.vb, cas);
      this.#onChange(
        { kind: 'expiration', keyspace: collection.keyspace, key, cas, vb: record.vb, seq },
        undefined,
      );
    }
  }

  #expired(record: DocumentRecord): boolean {
    return record.expiration !== 0 && record.expiration * 1000 <= this.#clock.now();
  }

  /** The next seqno of a vBucket, for a change with this CAS. */
  #nextSeq(bucket: string, vb: number, cas: string): number {
    const seq = ++this.#seqnosOf(bucket)[vb]!;
    this.#table.noteSeqno(bucket, vb, seq, cas);
    return seq;
  }

  #seqnosOf(bucket: string): Uint32Array {
    let seqnos = this.#seqnos.get(bucket);
    if (!seqnos) {
      seqnos = new Uint32Array(VBUCKET_COUNT);
      this.#seqnos.set(bucket, seqnos);
    }
    return seqnos;
  }
}

/** Map key of a collection; NUL cannot occur in bucket, scope or collection names. */
function collectionKey(keyspace: Keyspace): string {
  return `${keyspace.bucket}\u0000${keyspace.scope}\u0000${keyspace.collection}`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The Data service marks a body JSON when it parses as JSON, whatever the client meant; bytes
 * that are valid JSON are therefore stored as a JSON document.
 */
function classify(value: string | Uint8Array): {
  text: string | Uint8Array;
  datatype: 'json' | 'binary';
} {
  if (typeof value === 'string') return { text: value, datatype: 'json' };
  try {
    const text = utf8.decode(value);
    JSON.parse(text);
    return { text, datatype: 'json' };
  } catch {
    return { text: value, datatype: 'binary' };
  }
}

/** A stored document as the mutation the change feed delivers for it. */
export function asMutation(
  collection: Collection,
  key: string,
  record: DocumentRecord,
): DocumentMutation {
  return {
    kind: 'mutation',
    keyspace: collection.keyspace,
    key,
    cas: record.cas,
    vb: record.vb,
    seq: record.seq,
    value: record.value,
    datatype: record.datatype,
    expiration: record.expiration,
    xattrs: record.xattrs,
  };
}
