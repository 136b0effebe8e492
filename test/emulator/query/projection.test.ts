import { describe, expect, it } from 'vitest';
import { parseProjection } from '../../../src/emulator/query/clause-parser.ts';
import type { Scope } from '../../../src/emulator/query/expressions.ts';
import {
  namedValues,
  projectRow,
  resolveProjection,
} from '../../../src/emulator/query/projection.ts';
import { TokenCursor } from '../../../src/emulator/query/token-cursor.ts';
import { scopeOf } from './memory-query-store.ts';
import { queryError } from './parse-helpers.ts';

const resolve = (text: string) => resolveProjection(parseProjection(new TokenCursor(text)));
const meta = { id: 'k', cas: '1', expiration: 0, flags: 0 };
const document = { name: 'Ada', email: null, address: { city: 'London' } };
const scope: Scope = scopeOf({ alias: 'u', document, meta });

describe('result names', () => {
  it('use AS, else the last name of a path, else $n counting unnamed terms only', () => {
    expect(
      resolve('*, u.*, name, u.address.city, META().id, COUNT(*), 1 + 1 AS two, tags[0]').names,
    ).toEqual([undefined, undefined, 'name', 'city', 'id', '$1', 'two', '$2']);
  });

  it('refuse two terms with one name', () => {
    const error = queryError(() => resolve('name, u.name'));
    expect(error.code).toBe(4020);
    expect(error.message).toBe('Duplicate result alias name name.');
  });

  it('have none for RAW', () => {
    expect(resolve('RAW name').names).toEqual([]);
  });
});

describe('projecting a row', () => {
  it('gives SELECT * as { alias: document }', () => {
    expect(projectRow(resolve('*'), scope)).toEqual({ u: document });
    expect(projectRow(resolve('*'), { ...scope, row: undefined })).toEqual({});
  });

  it('spreads alias.* and path.* objects, and ignores them for other values', () => {
    expect(projectRow(resolve('u.*'), scope)).toEqual(document);
    expect(projectRow(resolve('address.*, name'), scope)).toEqual({ city: 'London', name: 'Ada' });
    expect(projectRow(resolve('name.*'), scope)).toEqual({});
  });

  it('leaves MISSING out and keeps NULL', () => {
    expect(projectRow(resolve('name, email, phone'), scope)).toEqual({ name: 'Ada', email: null });
  });

  it('gives RAW values bare, and MISSING as undefined (no row)', () => {
    expect(projectRow(resolve('RAW address'), scope)).toEqual({ city: 'London' });
    expect(projectRow(resolve('RAW email'), scope)).toBe(null);
    expect(projectRow(resolve('RAW phone'), scope)).toBeUndefined();
  });

  it('names the values of a row for ORDER BY', () => {
    const resolved = resolve('name AS n, phone, *');
    const row = projectRow(resolved, scope);
    expect([...namedValues(resolved, row)]).toEqual([
      ['n', 'Ada'],
      ['phone', undefined],
    ]);
  });
});
