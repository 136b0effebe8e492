import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Keyspace } from '../../../src/definition/keyspace.ts';
import { ManualClock } from '../../../src/emulator/clock.ts';
import type { DocumentTable } from '../../../src/emulator/storage/document-table.ts';
import { createMemoryDocumentTable } from '../../../src/emulator/storage/memory-document-table.ts';
import {
  openSqliteStorage,
  type SqliteStorage,
} from '../../../src/emulator/storage/sqlite-storage.ts';
import { Store } from '../../../src/emulator/store.ts';
import type { DocumentChange } from '../../../src/runtime/document-change.ts';

// The store behaves the same over both document tables: in memory, and SQLite (serve's
// --data-dir). The SQLite one also carries seqnos and CAS values over to a reopened store.

const NOW = Date.UTC(2026, 0, 1);
const ks: Keyspace = { bucket: 'b', scope: 's', collection: 'c' };
const other: Keyspace = { bucket: 'b', scope: 's', collection: 'd' };
const dirs: string[] = [];
const opened: SqliteStorage[] = [];

afterEach(() => {
  for (const storage of opened.splice(0)) storage.database.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function sqlitePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eventing-dev-table-'));
  dirs.push(dir);
  return join(dir, 'db.sqlite');
}

function openSqlite(path = sqlitePath()): SqliteStorage {
  const storage = openSqliteStorage(path);
  opened.push(storage);
  return storage;
}

const TABLES: Record<string, () => DocumentTable> = {
  memory: createMemoryDocumentTable,
  sqlite: () => openSqlite().documents,
};

function storeOver(table: DocumentTable, clock = new ManualClock(NOW)) {
  const changes: DocumentChange[] = [];
  return { store: new Store(clock, (change) => changes.push(change), table), changes, clock };
}

for (const [name, createTable] of Object.entries(TABLES)) {
  describe(`the store over the ${name} document table`, () => {
    it('keeps JSON and binary bodies, flags, xattrs and expiry as written', () => {
      const { store } = storeOver(createTable());
      store.write(ks, 'json', '{"a":1}', { flags: 7, xattrs: { tag: [1] }, expiration: 2e9 });
      store.write(ks, 'bin', new Uint8Array([0, 255, 1]));
      expect(store.read(ks, 'json')).toMatchObject({
        value: '{"a":1}',
        datatype: 'json',
        flags: 7,
        xattrs: { tag: [1] },
        expiration: 2e9,
      });
      const binary = store.read(ks, 'bin');
      expect(binary?.datatype).toBe('binary');
      expect(Array.from(binary?.value as Uint8Array)).toEqual([0, 255, 1]);
      expect(store.read(other, 'json')).toBeUndefined();
    });

    it('expires documents in due order, each as an expiration change', () => {
      const { store, changes, clock } = storeOver(createTable());
      const at = NOW / 1000;
      store.write(ks, 'late', '1', { expiration: at + 20 });
      store.write(other, 'early', '1', { expiration: at + 10 });
      store.write(ks, 'rewritten', '1', { expiration: at + 5 });
      store.write(ks, 'rewritten', '2'); // no expiry any more
      expect(store.nextExpiry()).toBe((at + 10) * 1000);
      clock.set((at + 30) * 1000);
      changes.length = 0;
      store.expireDue(clock.now());
      expect(changes.map((change) => [change.kind, change.key])).toEqual([
        ['expiration', 'early'],
        ['expiration', 'late'],
      ]);
      expect(store.nextExpiry()).toBeUndefined();
      expect(store.read(ks, 'rewritten')?.value).toBe('2');
    });

    it('walks a collection in code point order, seeing changes made during the walk', () => {
      const { store } = storeOver(createTable());
      for (const key of ['b', 'é', 'a', 'Z', 'c']) store.write(ks, key, '1');
      const walk = store.inKeyOrder(ks)[Symbol.iterator]();
      expect(walk.next().value?.[0]).toBe('Z');
      store.write(ks, 'aa', '1');
      store.remove(ks, 'b', {});
      expect([...{ [Symbol.iterator]: () => walk }].map(([key]) => key)).toEqual([
        'a',
        'aa',
        'c',
        'é',
      ]);
    });

    it('gives increasing seqnos per vBucket and increasing CAS values, deletions included', () => {
      const { store, changes } = storeOver(createTable());
      store.write(ks, 'k', '1');
      store.remove(ks, 'k', {});
      store.write(ks, 'k', '2');
      const seqs = changes.map((change) => change.seq);
      expect(seqs).toEqual([1, 2, 3]);
      const cas = changes.map((change) => BigInt(change.cas));
      expect(cas[0]! < cas[1]! && cas[1]! < cas[2]!).toBe(true);
    });

    it('drops a collection, a scope or a bucket with its documents and nothing on the feed', () => {
      const { store, changes } = storeOver(createTable());
      const elsewhere: Keyspace = { bucket: 'x', scope: 's', collection: 'c' };
      store.write(ks, 'k', '1', { expiration: NOW / 1000 + 60 });
      store.write(other, 'k', '1');
      store.write(elsewhere, 'k', '1');
      const fed = changes.length;
      store.drop({ bucket: 'b', scope: 's', collection: 'c' });
      expect(store.read(ks, 'k')).toBeUndefined();
      expect(store.read(other, 'k')?.value).toBe('1');
      store.drop({ bucket: 'b' });
      expect(store.read(other, 'k')).toBeUndefined();
      expect([...store.collections()].map((c) => c.keyspace)).toEqual([elsewhere]);
      expect(store.read(elsewhere, 'k')?.value).toBe('1');
      expect(changes.length).toBe(fed);
      expect(store.nextExpiry()).toBeUndefined();
    });
  });
}

describe('the SQLite document table', () => {
  it('forgets a dropped collection when reopened', () => {
    const path = sqlitePath();
    const first = storeOver(openSqlite(path).documents);
    first.store.write(ks, 'k', '1');
    first.store.write(other, 'k', '1');
    first.store.drop({ bucket: 'b', scope: 's', collection: 'c' });
    opened.pop()?.database.close();
    const second = storeOver(openSqlite(path).documents);
    expect([...second.store.collections()].map((c) => c.keyspace)).toEqual([other]);
  });

  it('carries seqnos and CAS values over to a reopened store, deletions included', () => {
    const path = sqlitePath();
    const first = storeOver(openSqlite(path).documents);
    first.store.write(ks, 'k', '1');
    first.store.write(ks, 'gone', '1');
    first.store.remove(ks, 'gone', {});
    const lastCas = BigInt(first.changes.at(-1)!.cas);
    opened.pop()?.database.close();

    // The clock of the next process starts earlier: CAS values still grow.
    const second = storeOver(openSqlite(path).documents, new ManualClock(NOW - 60_000));
    expect(second.store.read(ks, 'k')?.value).toBe('1');
    const vbOfGone = first.changes.at(-1)!.vb;
    second.store.write(ks, 'gone', '2');
    const change = second.changes.at(-1)!;
    expect(change.vb).toBe(vbOfGone);
    expect(change.seq).toBe(3);
    expect(BigInt(change.cas)).toBeGreaterThan(lastCas);
  });

  it('ends every sequence of writes, removals and expiries in the same state as memory', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('write' as const),
        key: fc.constantFrom('a', 'b', 'c', 'd'),
        ttl: fc.option(fc.integer({ min: 1, max: 50 })),
      }),
      fc.record({ kind: fc.constant('remove' as const), key: fc.constantFrom('a', 'b', 'c', 'd') }),
      fc.record({
        kind: fc.constant('advance' as const),
        seconds: fc.integer({ min: 1, max: 30 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const memory = storeOver(createMemoryDocumentTable());
        const sqlite = storeOver(openSqlite().documents);
        for (const side of [memory, sqlite]) {
          let n = 0;
          for (const step of ops) {
            const now = side.clock.now();
            if (step.kind === 'write') {
              const expiration = step.ttl === null ? 0 : Math.floor(now / 1000) + step.ttl;
              side.store.write(ks, step.key, String(n++), { expiration });
            } else if (step.kind === 'remove') {
              side.store.remove(ks, step.key, {});
            } else {
              side.clock.set(now + step.seconds * 1000);
              side.store.expireDue(side.clock.now());
            }
          }
        }
        expect(sqlite.changes).toEqual(memory.changes);
        expect([...sqlite.store.inKeyOrder(ks)]).toEqual([...memory.store.inKeyOrder(ks)]);
        opened.pop()?.database.close();
      }),
      { numRuns: 60 },
    );
  });
});
