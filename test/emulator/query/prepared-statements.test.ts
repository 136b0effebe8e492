import { describe, expect, it } from 'vitest';
import { prepareStatement } from '../../../src/emulator/query/prepared-statements.ts';
import { runQuery } from '../../../src/emulator/query/run-query.ts';
import { createMemoryQueryStore, TEST_CLOCK } from './memory-query-store.ts';

describe('prepared statements', () => {
  it('parse a statement once per text and query context', () => {
    const text = 'SELECT RAW name FROM users USE KEYS $key';
    const first = prepareStatement(text);
    expect(prepareStatement(text)).toBe(first);
    expect(first.keyspaces.map((ref) => ref.keyspace.bucket)).toEqual(['users']);
    const scoped = prepareStatement(text, { bucket: 'travel', scope: 'inventory' });
    expect(scoped).not.toBe(first);
    expect(scoped.keyspaces.map((ref) => ref.keyspace)).toEqual([
      { bucket: 'travel', scope: 'inventory', collection: 'users' },
    ]);
  });

  it('keep no statement that fails, so it fails the same way every time', () => {
    expect(() => prepareStatement('SELEC 1')).toThrow(expect.objectContaining({ code: 3000 }));
    expect(() => prepareStatement('SELEC 1')).toThrow(expect.objectContaining({ code: 3000 }));
  });

  it('give each run rows of its own, so changing one changes no later run', () => {
    const store = createMemoryQueryStore();
    const statement = 'SELECT [1, 2] AS list, {"a": {"b": 1}} AS nested';
    const [row] = [...runQuery({ statement }, store, TEST_CLOCK, 'UTC').rows] as Array<{
      list: number[];
      nested: { a: { b: number } };
    }>;
    row?.list.push(3);
    if (row) row.nested.a.b = 2;
    expect([...runQuery({ statement }, store, TEST_CLOCK, 'UTC').rows]).toEqual([
      { list: [1, 2], nested: { a: { b: 1 } } },
    ]);
  });
});
