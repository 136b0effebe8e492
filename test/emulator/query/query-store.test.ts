import { describe, expect, it } from 'vitest';
import type { KeyspaceRef } from '../../../src/emulator/query/ast.ts';
import { readRow, readRows, useKeysList } from '../../../src/emulator/query/query-store.ts';
import { createMemoryQueryStore } from './memory-query-store.ts';

const keyspace = { bucket: 'b', scope: 's', collection: 'c' };
const ref: KeyspaceRef = { keyspace, alias: 'd', at: { offset: 0, line: 1, column: 1, end: 1 } };

function storeWith(docs: Record<string, unknown>) {
  const store = createMemoryQueryStore();
  for (const [key, value] of Object.entries(docs)) store.put(keyspace, key, value, 7);
  return store;
}

describe('reading rows from the store', () => {
  it('keeps the scan order of the store (key order by code point), binding each document to the alias with its meta', () => {
    const store = storeWith({ b: 2, '\u{1F600}': 3, a: { x: 1 }, '\uFFFD': 4 });
    const rows = [...readRows(store, ref, undefined)];
    expect(rows.map((row) => row.meta?.id)).toEqual(['a', 'b', '\uFFFD', '\u{1F600}']);
    expect(rows[0]).toEqual({
      alias: 'd',
      document: { x: 1 },
      meta: { id: 'a', cas: expect.any(String), expiration: 7, flags: 0 },
    });
  });

  it('reads USE KEYS in the order given, once each, skipping absent keys', () => {
    const store = storeWith({ a: 1, b: 2, c: 3 });
    const rows = [...readRows(store, ref, ['c', 'zz', 'a', 'c'])];
    expect(rows.map((row) => [row.meta?.id, row.document])).toEqual([
      ['c', 3],
      ['a', 1],
    ]);
  });

  it('skips binary documents and unparseable bodies, and decodes JSON held as bytes', () => {
    const store = storeWith({ ok: true });
    store.put(keyspace, 'bin', new Uint8Array([0xff, 0xfe]));
    const bytes = new TextEncoder().encode('{"v":1}');
    const broken = { value: '{', datatype: 'json' as const, cas: '1', expiration: 0, flags: 0 };
    const stored = { value: bytes, datatype: 'json' as const, cas: '2', expiration: 0, flags: 0 };
    const wrapped = {
      ...store,
      scan: () => [
        ...store.scan(keyspace),
        ['broken', broken] as const,
        ['bytes', stored] as const,
      ],
    };
    expect([...readRows(wrapped, ref, undefined)].map((row) => row.meta?.id)).toEqual([
      'ok',
      'bytes',
    ]);
    expect(readRow(store, ref, 'bin')).toBeUndefined();
    expect(readRow(store, ref, 'ok')?.document).toBe(true);
  });

  it('takes USE KEYS as a string or the strings of an array', () => {
    expect(useKeysList('k')).toEqual(['k']);
    expect(useKeysList(['a', 1, null, 'b'])).toEqual(['a', 'b']);
    expect(useKeysList(undefined)).toEqual([]);
    expect(useKeysList({ k: 1 })).toEqual([]);
  });
});
