import { describe, expect, it } from 'vitest';
import type { QueryStore } from '../../../src/emulator/query/query-store.ts';
import { runQuery } from '../../../src/emulator/query/run-query.ts';
import { createMemoryQueryStore, TEST_CLOCK } from './memory-query-store.ts';

const KS = { bucket: 'ks', scope: '_default', collection: '_default' };

/** A keyspace of `count` documents `{ n }` under keys k000…, and how many documents it read. */
function keyspaceOf(count: number, options: { scan?: boolean } = {}) {
  const store = createMemoryQueryStore();
  for (let n = 0; n < count; n++) store.put(KS, `k${String(n).padStart(3, '0')}`, { n });
  const reads = { scanned: 0, got: 0 };
  const counting: QueryStore = {
    ...store,
    *scan(keyspace) {
      if (options.scan === false) throw new Error('the statement scanned the keyspace');
      for (const entry of store.scan(keyspace)) {
        reads.scanned += 1;
        yield entry;
      }
    },
    get(keyspace, key) {
      reads.got += 1;
      return store.get(keyspace, key);
    },
  };
  const rows = (statement: string, params?: Record<string, unknown>) => [
    ...runQuery({ statement, ...(params ? { params } : {}) }, counting, TEST_CLOCK, 'UTC').rows,
  ];
  return { rows, reads };
}

describe('rows are read as they are taken', () => {
  it('stops reading the keyspace at LIMIT when there is no ORDER BY', () => {
    const { rows, reads } = keyspaceOf(500);
    expect(rows('SELECT * FROM ks LIMIT 2')).toEqual([{ ks: { n: 0 } }, { ks: { n: 1 } }]);
    expect(reads.scanned).toBe(2);
  });

  it('reads only OFFSET + LIMIT matching rows, skipping those WHERE refuses', () => {
    const { rows, reads } = keyspaceOf(500);
    expect(rows('SELECT RAW n FROM ks WHERE n % 2 = 0 OFFSET 3 LIMIT 2')).toEqual([6, 8]);
    expect(reads.scanned).toBe(9);
  });

  it('stops DISTINCT with LIMIT early too', () => {
    const { rows, reads } = keyspaceOf(500);
    expect(rows('SELECT DISTINCT RAW n % 3 FROM ks LIMIT 3')).toEqual([0, 1, 2]);
    expect(reads.scanned).toBe(3);
  });

  it('reads nothing for LIMIT 0', () => {
    const { rows, reads } = keyspaceOf(10);
    expect(rows('SELECT * FROM ks LIMIT 0')).toEqual([]);
    expect(reads.scanned).toBe(0);
  });

  it('reads the whole keyspace when ORDER BY needs it', () => {
    const { rows, reads } = keyspaceOf(50);
    expect(rows('SELECT RAW n FROM ks ORDER BY n DESC LIMIT 1')).toEqual([49]);
    expect(reads.scanned).toBe(50);
  });
});

describe('lookups by document key', () => {
  it('read the keys of META().id = value without scanning', () => {
    const { rows, reads } = keyspaceOf(100, { scan: false });
    expect(rows('SELECT RAW n FROM ks WHERE META().id = $id', { id: 'k042' })).toEqual([42]);
    expect(rows('SELECT RAW n FROM ks d WHERE "k007" = META(d).id AND n > 0')).toEqual([7]);
    expect(reads.got).toBe(2);
  });

  it('read the keys of META().id IN a list, in key order and once each, without scanning', () => {
    const { rows } = keyspaceOf(100, { scan: false });
    const statement = 'SELECT RAW n FROM ks WHERE META().id IN ["k050", "k003", "nope", "k050", 7]';
    expect(rows(statement)).toEqual([3, 50]);
  });

  it('still apply the rest of WHERE to the documents found', () => {
    const { rows } = keyspaceOf(100, { scan: false });
    expect(rows('SELECT RAW n FROM ks WHERE META().id = "k005" AND n > 10')).toEqual([]);
  });

  it('read USE KEYS without scanning', () => {
    const { rows } = keyspaceOf(100, { scan: false });
    expect(rows('SELECT RAW n FROM ks USE KEYS ["k009", "k001"]')).toEqual([9, 1]);
  });

  it('scan when META().id is compared with something that depends on the row', () => {
    const { rows, reads } = keyspaceOf(20);
    expect(rows('SELECT RAW n FROM ks WHERE META().id = ks.self')).toEqual([]);
    expect(reads.scanned).toBe(20);
  });
});
