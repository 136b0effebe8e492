import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStrings } from '../../../src/emulator/query/collation.ts';
import type { QueryStore } from '../../../src/emulator/query/query-store.ts';
import { runQuery } from '../../../src/emulator/query/run-query.ts';
import { createMemoryQueryStore, materialised, TEST_CLOCK } from './memory-query-store.ts';
import { queryError } from './parse-helpers.ts';

const KS = { bucket: 'props', scope: 'data', collection: 'docs' };

/** The order a primary index gives: by code point (UTF-8 bytes), not by UTF-16 unit. */
function byCodePoint(keys: string[]): string[] {
  return [...keys].sort((a, b) => {
    const left = Array.from(a, (c) => c.codePointAt(0)!);
    const right = Array.from(b, (c) => c.codePointAt(0)!);
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
      if (left[i] !== right[i]) return left[i]! - right[i]!;
    }
    return left.length - right.length;
  });
}

const run = (request: Parameters<typeof runQuery>[0], store: QueryStore, clock = TEST_CLOCK) =>
  materialised(runQuery(request, store, clock, 'UTC'));

describe('runQuery', () => {
  it('runs each kind of statement and reports mutations', () => {
    const store = createMemoryQueryStore();
    expect(
      run({ statement: 'UPSERT INTO props.data.docs VALUES ("a", {"n": 1})' }, store, TEST_CLOCK),
    ).toEqual({
      rows: [],
      mutationCount: 1,
    });
    expect(
      run(
        {
          statement: 'INSERT INTO props.data.docs VALUES ($1, $2) RETURNING RAW n',
          params: ['b', { n: 2 }],
        },
        store,
        TEST_CLOCK,
      ),
    ).toEqual({
      rows: [2],
      mutationCount: 1,
    });
    expect(
      run({ statement: 'UPDATE props.data.docs SET n = n * 10' }, store, TEST_CLOCK).mutationCount,
    ).toBe(2);
    expect(
      run({ statement: 'SELECT RAW n FROM props.data.docs ORDER BY n' }, store, TEST_CLOCK),
    ).toEqual({
      rows: [10, 20],
      mutationCount: 0,
    });
    expect(
      run({ statement: 'DELETE FROM props.data.docs WHERE n = 10' }, store, TEST_CLOCK)
        .mutationCount,
    ).toBe(1);
  });

  it('throws QueryError for bad statements without touching the store', () => {
    const store = createMemoryQueryStore();
    expect(
      queryError(() =>
        run({ statement: 'UPSERT INTO props.data.docs VALUES ("a" 1)' }, store, TEST_CLOCK),
      ).code,
    ).toBe(3000);
    expect(store.keys(KS)).toEqual([]);
  });

  it('returns exactly the sorted keys of any keyspace for SELECT RAW META().id ... ORDER BY META().id', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 8 }), { maxLength: 20 }),
        (keys) => {
          const store = createMemoryQueryStore();
          for (const key of keys) store.put(KS, key, { key });
          const statement = 'SELECT RAW META().id FROM props.data.docs ORDER BY META().id';
          const { rows } = run({ statement }, store, TEST_CLOCK);
          expect(rows).toEqual(byCodePoint(keys));
          expect(
            run({ statement: 'SELECT RAW META().id FROM props.data.docs' }, store, TEST_CLOCK).rows,
          ).toEqual(rows);
          expect([...keys].sort(compareStrings)).toEqual(rows);
        },
      ),
    );
  });

  it('round-trips any JSON value through UPSERT and SELECT USE KEYS', () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (key, value) => {
        const store = createMemoryQueryStore();
        const upsert = 'UPSERT INTO props.data.docs (KEY, VALUE) VALUES ($key, $value)';
        expect(
          run({ statement: upsert, params: { key, value } }, store, TEST_CLOCK).mutationCount,
        ).toBe(1);
        const select = 'SELECT RAW d FROM props.data.docs d USE KEYS $key';
        const { rows } = run({ statement: select, params: { $key: key } }, store, TEST_CLOCK);
        expect(rows).toEqual([JSON.parse(JSON.stringify(value))]);
      }),
    );
  });

  it('fails a second INSERT of any key with 12009 and keeps the first value', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.jsonValue(),
        fc.jsonValue(),
        (key, first, second) => {
          const store = createMemoryQueryStore();
          const insert = 'INSERT INTO props.data.docs VALUES (?, ?)';
          run({ statement: insert, params: [key, first] }, store, TEST_CLOCK);
          const error = queryError(() =>
            run({ statement: insert, params: [key, second] }, store, TEST_CLOCK),
          );
          expect(error.code).toBe(12009);
          expect(error.message).toContain(`Duplicate Key: ${key}`);
          expect(store.value(KS, key)).toEqual(JSON.parse(JSON.stringify(first)));
        },
      ),
    );
  });
});
