import type { Keyspace } from '../../definition/keyspace.ts';
import { DueQueue } from '../due-queue.ts';
import { OrderedDocuments } from '../ordered-documents.ts';
import type {
  CollectionTable,
  DocumentRecord,
  DocumentTable,
  DueExpiry,
} from './document-table.ts';

interface MemoryCollection {
  keyspace: Keyspace;
  docs: OrderedDocuments<DocumentRecord>;
}

/**
 * Documents in memory, for tests and a serve without a data directory. Seqnos and CAS values
 * live in the store itself, so there is nothing to record for them.
 */
export function createMemoryDocumentTable(): DocumentTable {
  const collections = new Map<string, MemoryCollection>();
  // Entries of since-rewritten or removed documents are stale and skipped when met.
  const expiries = new DueQueue<{
    collection: MemoryCollection;
    key: string;
    record: DocumentRecord;
  }>();
  const dropStale = () => {
    for (;;) {
      const next = expiries.peek();
      if (!next || next.item.collection.docs.get(next.item.key) === next.item.record) return;
      expiries.pop();
    }
  };
  const nameOf = (keyspace: Keyspace) =>
    `${keyspace.bucket}\u0000${keyspace.scope}\u0000${keyspace.collection}`;
  const open = (keyspace: Keyspace): CollectionTable => {
    const name = nameOf(keyspace);
    let collection = collections.get(name);
    if (!collection) {
      collection = { keyspace: { ...keyspace }, docs: new OrderedDocuments() };
      collections.set(name, collection);
    }
    const { docs } = collection;
    const owner = collection;
    return {
      get: (key) => docs.get(key),
      put(key, record) {
        docs.set(key, record);
        if (record.expiration !== 0)
          expiries.push(record.expiration * 1000, { collection: owner, key, record });
      },
      delete: (key) => void docs.delete(key),
      entries: () => docs.entries(),
      *inKeyOrder() {
        for (const key of docs.keysInOrder()) {
          const record = docs.get(key);
          if (record) yield [key, record];
        }
      },
    };
  };
  return {
    collection: open,
    collections: () => [],
    nextExpiry() {
      dropStale();
      return expiries.peek()?.due;
    },
    dueExpiry(now): DueExpiry | undefined {
      dropStale();
      const next = expiries.peek();
      if (!next || next.due > now) return undefined;
      const { collection, key, record } = next.item;
      return { keyspace: collection.keyspace, key, record };
    },
    clear() {
      for (const collection of collections.values()) collection.docs.clear();
      expiries.clear();
    },
    drop(keyspace) {
      // Its entries in the expiry queue are stale from now on: their documents are not found.
      collections.get(nameOf(keyspace))?.docs.clear();
      collections.delete(nameOf(keyspace));
    },
    seqnos: () => [],
    noteSeqno: () => undefined,
    maxCas: () => undefined,
  };
}
