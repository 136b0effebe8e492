import { describe, expect, it } from 'vitest';
import { applyMutation, lookupPath, parsePath } from '../../src/emulator/subdoc.ts';
import type { MutateInSpec } from '../../src/runtime/ports.ts';

function mutate(
  root: unknown,
  op: MutateInSpec['op'],
  path: string,
  value?: unknown,
  createPath = false,
) {
  const parts = parsePath(path);
  if (!parts) throw new Error(`invalid path ${path}`);
  const applied = applyMutation(root, { op, value, createPath }, parts);
  return typeof applied === 'string' ? applied : applied.root;
}

describe('sub-document paths', () => {
  it.each([
    ['', []],
    ['a', ['a']],
    ['a.b.c', ['a', 'b', 'c']],
    ['a[0]', ['a', 0]],
    ['a[0][12].b', ['a', 0, 12, 'b']],
    ['[3]', [3]],
    ['a[-1]', ['a', -1]],
    ['`a.b`.c', ['a.b', 'c']],
    ['`x``y`', ['x`y']],
  ])('parses %j', (path, parts) => {
    expect(parsePath(path)).toEqual(parts);
  });

  it.each(['a.', '.a', 'a..b', 'a[', 'a[x]', 'a[-2]', 'a[01]', 'a.[0]', 'a[0]b', '`a', '``'])(
    'refuses %j',
    (path) => {
      expect(parsePath(path)).toBeUndefined();
    },
  );
});

describe('sub-document lookups', () => {
  const doc = { a: { b: [1, { c: 'x' }] }, n: null };

  it('finds nested values, array elements and the last element', () => {
    expect(lookupPath(doc, ['a', 'b', 1, 'c'])).toEqual({ value: 'x' });
    expect(lookupPath(doc, ['a', 'b', -1])).toEqual({ value: { c: 'x' } });
    expect(lookupPath(doc, ['n'])).toEqual({ value: null });
    expect(lookupPath(doc, [])).toEqual({ value: doc });
  });

  it('tells a missing path from one that crosses the wrong type', () => {
    expect(lookupPath(doc, ['a', 'z'])).toBe('path_not_found');
    expect(lookupPath(doc, ['a', 'b', 5])).toBe('path_not_found');
    expect(lookupPath(doc, ['a', 0])).toBe('path_mismatch');
    expect(lookupPath(doc, ['a', 'b', 'c'])).toBe('path_mismatch');
  });
});

describe('sub-document mutations', () => {
  it('insert adds a field and refuses one that exists', () => {
    expect(mutate({ a: 1 }, 'insert', 'b', 2)).toEqual({ a: 1, b: 2 });
    expect(mutate({ a: 1 }, 'insert', 'a', 2)).toBe('path_exists');
    expect(mutate({ a: [] }, 'insert', 'a[0]', 2)).toBe('path_invalid');
  });

  it('upsert sets a field; missing parents need create_path', () => {
    expect(mutate({ a: 1 }, 'upsert', 'a', 2)).toEqual({ a: 2 });
    expect(mutate({}, 'upsert', 'x.y.z', 1)).toBe('path_not_found');
    expect(mutate({}, 'upsert', 'x.y.z', 1, true)).toEqual({ x: { y: { z: 1 } } });
    expect(mutate({ x: 5 }, 'upsert', 'x.y', 1, true)).toBe('path_mismatch');
  });

  it('replace and remove need the path to exist, in objects and arrays', () => {
    expect(mutate({ a: [1, 2, 3] }, 'replace', 'a[-1]', 9)).toEqual({ a: [1, 2, 9] });
    expect(mutate({ a: [1, 2, 3] }, 'remove', 'a[0]')).toEqual({ a: [2, 3] });
    expect(mutate({ a: 1, b: 2 }, 'remove', 'a')).toEqual({ b: 2 });
    expect(mutate({ a: 1 }, 'replace', 'b', 2)).toBe('path_not_found');
    expect(mutate({ a: 1 }, 'remove', 'b', undefined, true)).toBe('path_not_found');
  });

  it('replace of the empty path replaces the whole document', () => {
    expect(mutate({ a: 1 }, 'replace', '', [1])).toEqual([1]);
    expect(mutate({ a: 1 }, 'upsert', '', [1])).toBe('path_invalid');
  });

  it('arrayAppend and arrayPrepend add one element (an array value is one element)', () => {
    expect(mutate({ l: [1] }, 'arrayAppend', 'l', [2, 3])).toEqual({ l: [1, [2, 3]] });
    expect(mutate({ l: [1] }, 'arrayPrepend', 'l', 0)).toEqual({ l: [0, 1] });
    expect(mutate({}, 'arrayAppend', 'l', 1)).toBe('path_not_found');
    expect(mutate({}, 'arrayAppend', 'x.l', 1, true)).toEqual({ x: { l: [1] } });
    expect(mutate({ l: {} }, 'arrayAppend', 'l', 1)).toBe('path_mismatch');
  });

  it('arrayInsert puts an element at an index up to the length', () => {
    expect(mutate({ l: [1, 3] }, 'arrayInsert', 'l[1]', 2)).toEqual({ l: [1, 2, 3] });
    expect(mutate({ l: [1] }, 'arrayInsert', 'l[1]', 2)).toEqual({ l: [1, 2] });
    expect(mutate({ l: [1] }, 'arrayInsert', 'l[3]', 2)).toBe('path_not_found');
    expect(mutate({ l: [1] }, 'arrayInsert', 'l[-1]', 2)).toBe('path_invalid');
    expect(mutate({ l: [1] }, 'arrayInsert', 'l', 2)).toBe('path_invalid');
  });

  it('arrayAddUnique adds a primitive that is not there yet', () => {
    expect(mutate({ s: ['a'] }, 'arrayAddUnique', 's', 'b')).toEqual({ s: ['a', 'b'] });
    expect(mutate({ s: ['a'] }, 'arrayAddUnique', 's', 'a')).toBe('path_exists');
    expect(mutate({ s: ['a'] }, 'arrayAddUnique', 's', { o: 1 })).toBe('value_invalid');
    expect(mutate({ s: [{ o: 1 }] }, 'arrayAddUnique', 's', 'a')).toBe('path_mismatch');
    expect(mutate({}, 'arrayAddUnique', 's', 1, true)).toEqual({ s: [1] });
  });
});
