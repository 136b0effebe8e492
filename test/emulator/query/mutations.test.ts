import { describe, expect, it } from 'vitest';
import type {
  DeleteStatement,
  InsertStatement,
  UpdateStatement,
} from '../../../src/emulator/query/ast.ts';
import {
  executeDelete,
  executeInsert,
  executeUpdate,
} from '../../../src/emulator/query/mutations.ts';
import type { QueryParams } from '../../../src/emulator/query/parameters.ts';
import { parseStatement } from '../../../src/emulator/query/statement-parser.ts';
import {
  createMemoryQueryStore,
  type MemoryQueryStore,
  statementContext,
} from './memory-query-store.ts';
import { queryError } from './parse-helpers.ts';

const KS = { bucket: 'b', scope: '_default', collection: '_default' };

function run(store: MemoryQueryStore, source: string, params?: QueryParams) {
  const statement = parseStatement(source);
  const context = statementContext(store, source, params);
  if (statement.kind === 'insert' || statement.kind === 'upsert') {
    return executeInsert(statement as InsertStatement, context);
  }
  if (statement.kind === 'update') return executeUpdate(statement as UpdateStatement, context);
  return executeDelete(statement as DeleteStatement, context);
}

function seeded(docs: Record<string, unknown> = { k1: { n: 1 }, k2: { n: 2 }, k3: { n: 3 } }) {
  const store = createMemoryQueryStore();
  for (const [key, value] of Object.entries(docs)) store.put(KS, key, value);
  return store;
}

describe('INSERT and UPSERT', () => {
  it('return the stored document and its new CAS', () => {
    const store = seeded({});
    const result = run(store, 'INSERT INTO b VALUES ("k", [1]) RETURNING META().cas AS cas');
    const stored = store.get(KS, 'k')!;
    expect(result).toEqual({ rows: [{ cas: Number(stored.cas) }], mutationCount: 1 });
    expect(store.value(KS, 'k')).toEqual([1]);
  });

  it('store any JSON value, including strings and null', () => {
    const store = seeded({});
    run(store, 'UPSERT INTO b VALUES ("s", "text"), ("n", NULL), ("o", $o)', { o: { deep: [{}] } });
    expect(['s', 'n', 'o'].map((key) => store.value(KS, key))).toEqual([
      'text',
      null,
      { deep: [{}] },
    ]);
  });

  it('fail INSERT on an existing key after writing the rest', () => {
    const store = seeded();
    const error = queryError(() =>
      run(store, 'INSERT INTO b VALUES ("new1", 1), ("k1", 0), ("new2", 2)'),
    );
    expect(error.code).toBe(12009);
    expect(error.message).toContain('Duplicate Key: k1');
    expect(store.keys(KS)).toEqual(['k1', 'k2', 'k3', 'new1', 'new2']);
    expect(store.value(KS, 'k1')).toEqual({ n: 1 });
  });

  it('refuse keys that are not strings and values that are MISSING', () => {
    const store = seeded({});
    expect(queryError(() => run(store, 'UPSERT INTO b VALUES ([1], 1)')).message).toBe(
      'Cannot UPSERT non-string key [1] of type array.',
    );
    expect(queryError(() => run(store, 'UPSERT INTO b VALUES ($nope, 1)')).code).toBe(5010);
    expect(queryError(() => run(store, 'INSERT INTO b VALUES (MISSING, 1)')).code).toBe(5070);
    expect(queryError(() => run(store, 'UPSERT INTO b VALUES (NULL, 1)')).code).toBe(5078);
    const missing = queryError(() => run(store, 'INSERT INTO b VALUES ("k", MISSING)'));
    expect([missing.code, missing.message]).toEqual([5060, 'No INSERT value for key k.']);
  });
});

describe('UPDATE', () => {
  it('applies SET terms in order, each seeing the ones before', () => {
    const store = seeded();
    const result = run(
      store,
      'UPDATE b USE KEYS "k1" SET n = n + 1, double = n * 2 RETURNING RAW b',
    );
    expect(result).toEqual({ rows: [{ n: 2, double: 4 }], mutationCount: 1 });
  });

  it('updates what WHERE matches, up to LIMIT, in key order', () => {
    const store = seeded();
    expect(run(store, 'UPDATE b SET seen = true WHERE n > 1 LIMIT 1').mutationCount).toBe(1);
    expect(store.keys(KS).map((key) => store.value(KS, key))).toEqual([
      { n: 1 },
      { n: 2, seen: true },
      { n: 3 },
    ]);
  });

  it('counts documents even when SET changes nothing in them, and clears expiry', () => {
    const store = seeded({});
    store.put(KS, 'num', 5, 1_900_000_000);
    expect(run(store, 'UPDATE b SET x = 1').mutationCount).toBe(1);
    expect(store.value(KS, 'num')).toBe(5);
    expect(store.get(KS, 'num')?.expiration).toBe(0);
  });

  it('returns META() of the written document', () => {
    const store = seeded();
    const before = Number(store.get(KS, 'k2')!.cas);
    const [row] = run(
      store,
      'UPDATE b x USE KEYS ["k2"] SET x.n = 0 RETURNING META(x).cas, META(x).id',
    ).rows;
    expect(row).toEqual({ cas: Number(store.get(KS, 'k2')!.cas), id: 'k2' });
    expect((row as { cas: number }).cas).toBeGreaterThan(before);
  });
});

describe('DELETE', () => {
  it('removes matching documents and returns them as they were', () => {
    const store = seeded();
    const result = run(store, 'DELETE FROM b d WHERE d.n >= 2 RETURNING d.n, META(d).id');
    expect(result).toEqual({
      rows: [
        { n: 2, id: 'k2' },
        { n: 3, id: 'k3' },
      ],
      mutationCount: 2,
    });
    expect(store.keys(KS)).toEqual(['k1']);
  });

  it('honours LIMIT and counts nothing for absent keys', () => {
    const store = seeded();
    expect(run(store, 'DELETE FROM b LIMIT 2').mutationCount).toBe(2);
    expect(run(store, 'DELETE FROM b USE KEYS ["k1", "zz"]')).toEqual({
      rows: [],
      mutationCount: 0,
    });
    expect(store.keys(KS)).toEqual(['k3']);
  });
});
