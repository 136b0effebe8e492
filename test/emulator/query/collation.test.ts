import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalKey,
  collate,
  compareStrings,
  isJsonObject,
  isTruthy,
} from '../../../src/emulator/query/collation.ts';

const jsonOrMissing = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }));

/** Array.prototype.sort never hands `undefined` to the comparator, so sort boxed values. */
function sortValues(values: unknown[]): unknown[] {
  return values
    .map((value) => ({ value }))
    .sort((a, b) => collate(a.value, b.value))
    .map((box) => box.value);
}

describe('SQL++ collation', () => {
  it('orders MISSING < NULL < false < true < numbers < strings < arrays < objects', () => {
    const ascending = [
      undefined,
      null,
      false,
      true,
      -5,
      0,
      2.5,
      10,
      '',
      '10',
      'a',
      'b',
      [],
      [0],
      {},
      { a: 1 },
    ];
    expect(sortValues([...ascending].reverse())).toEqual(ascending);
  });

  it('compares strings by code point, not by UTF-16 unit', () => {
    expect(compareStrings('\u{1F600}', '\uFFFD')).toBe(1);
    expect('\u{1F600}' < '\uFFFD').toBe(true);
    expect(compareStrings('ab', 'abc')).toBe(-1);
    expect(compareStrings('b', 'abc')).toBe(1);
    expect(compareStrings('same', 'same')).toBe(0);
  });

  it('compares arrays element by element, then by length', () => {
    expect(collate([1, 2], [1, 3])).toBe(-1);
    expect(collate([2], [1, 9, 9])).toBe(1);
    expect(collate([1], [1, 0])).toBe(-1);
    expect(collate([null], [false])).toBe(-1);
  });

  it('compares objects by size, then sorted names, then values', () => {
    expect(collate({ z: 1 }, { a: 1, b: 1 })).toBe(-1);
    expect(collate({ a: 9 }, { b: 0 })).toBe(-1);
    expect(collate({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(0);
    expect(collate({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(-1);
  });

  it('is a consistent total order on JSON values', () => {
    fc.assert(
      fc.property(jsonOrMissing, jsonOrMissing, (a, b) => {
        expect(Math.sign(collate(a, b)) === -Math.sign(collate(b, a))).toBe(true);
        expect(collate(a, a) === 0).toBe(true);
        expect(collate(a, b) === 0).toBe(canonicalKey(a) === canonicalKey(b));
      }),
    );
  });

  it('sorts transitively', () => {
    fc.assert(
      fc.property(fc.array(jsonOrMissing, { maxLength: 12 }), (values) => {
        const sorted = sortValues(values);
        for (let i = 1; i < sorted.length; i++)
          expect(collate(sorted[i - 1], sorted[i])).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('truthiness', () => {
  it.each([
    [undefined, false],
    [null, false],
    [false, false],
    [0, false],
    [Number.NaN, false],
    ['', false],
    [[], false],
    [{}, false],
    [true, true],
    [-1, true],
    ['0', true],
    [[0], true],
    [{ a: null }, true],
  ])('%j is %s', (value, expected) => {
    expect(isTruthy(value)).toBe(expected);
  });
});

describe('canonical keys', () => {
  it('ignore object field order but keep arrays and objects apart', () => {
    expect(canonicalKey({ a: 1, b: [1, { d: 1, c: 2 }] })).toBe(
      canonicalKey({ b: [1, { c: 2, d: 1 }], a: 1 }),
    );
    expect(canonicalKey({ a: 1 })).not.toBe(canonicalKey([['a', 1]]));
    expect(canonicalKey({ o: [['a', 1]] })).not.toBe(canonicalKey({ a: 1 }));
    expect(canonicalKey(undefined)).not.toBe(canonicalKey(null));
    expect(canonicalKey('MISSING')).not.toBe(canonicalKey(undefined));
  });

  it('recognise JSON objects', () => {
    expect([{}, [], null, 'x'].map(isJsonObject)).toEqual([true, false, false, false]);
  });
});
