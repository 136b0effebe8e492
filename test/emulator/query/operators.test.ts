import { describe, expect, it } from 'vitest';
import {
  and,
  applyBinary,
  between,
  isCondition,
  isDefinitelyFalse,
  negate,
  not,
  or,
} from '../../../src/emulator/query/operators.ts';

const M = undefined;

describe('arithmetic and concatenation', () => {
  it.each([
    ['+', 2, 3, 5],
    ['-', 2, 3, -1],
    ['*', 2, 3, 6],
    ['/', 7, 2, 3.5],
    ['%', 7, 3, 1],
    ['/', 1, 0, null],
    ['%', 1, 0, null],
    ['+', 1, '1', null],
    ['+', 1, null, null],
    ['+', null, M, M],
    ['+', M, 1, M],
    ['||', 'a', 'b', 'ab'],
    ['||', 'a', 1, null],
    ['||', 'a', null, null],
    ['||', M, null, M],
  ] as const)('%s of %j and %j is %j', (operator, left, right, expected) => {
    expect(applyBinary(operator, left, right)).toBe(expected);
  });

  it('negates numbers only', () => {
    expect([negate(2), negate('2'), negate(null), negate(M)]).toEqual([-2, null, null, M]);
  });
});

describe('comparisons', () => {
  it.each([
    ['=', 1, 1.0, true],
    ['=', 1, '1', false],
    ['=', [1, { a: 2 }], [1, { a: 2 }], true],
    ['!=', 'a', 'b', true],
    ['<', 1, 'a', true],
    ['<', false, 0, true],
    ['<=', 'b', 'b', true],
    ['>', [2], [1, 5], true],
    ['>=', {}, [], true],
    ['=', null, null, null],
    ['<', 1, null, null],
    ['=', null, M, M],
    ['!=', M, 1, M],
  ] as const)('%s of %j and %j is %j', (operator, left, right, expected) => {
    expect(applyBinary(operator, left, right)).toBe(expected);
  });

  it('tests IN and NOT IN against arrays only', () => {
    expect(applyBinary('in', 'b', ['a', 'b'])).toBe(true);
    expect(applyBinary('in', 2, [1, '2'])).toBe(false);
    expect(applyBinary('in', { a: 1 }, [{ a: 1 }])).toBe(true);
    expect(applyBinary('not in', 'c', ['a'])).toBe(true);
    expect(applyBinary('in', 'a', 'abc')).toBe(null);
    expect(applyBinary('in', null, ['a'])).toBe(null);
    expect(applyBinary('not in', M, ['a'])).toBe(M);
  });

  it('tests BETWEEN inclusively', () => {
    expect([between(1, 1, 3, false), between(3, 1, 3, false), between(4, 1, 3, false)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(between(4, 1, 3, true)).toBe(true);
    expect([between(1, null, 3, false), between(M, 1, 3, false)]).toEqual([null, M]);
  });
});

describe('LIKE', () => {
  it.each([
    ['Air France', 'Air%', true],
    ['Air France', '%france', false],
    ['Bob', '_o_', true],
    ['Bo', '_o_', false],
    ['100%', '100\\%', true],
    ['1000', '100\\%', false],
    ['a_b', 'a\\_b', true],
    ['axb', 'a\\_b', false],
    ['a.c', 'a.c', true],
    ['abc', 'a.c', false],
    ['(x)+[y]', '(x)+[y]', true],
    ['line\nbreak', 'line%', true],
    ['\u{1F600}!', '_!', true],
    ['', '%', true],
  ])('%j LIKE %j is %s', (value, pattern, expected) => {
    expect(applyBinary('like', value, pattern)).toBe(expected);
    expect(applyBinary('not like', value, pattern)).toBe(!expected);
  });

  it('gives NULL for non-strings and MISSING for MISSING', () => {
    expect(applyBinary('like', 1, '1')).toBe(null);
    expect(applyBinary('like', 'a', null)).toBe(null);
    expect(applyBinary('not like', M, 'a')).toBe(M);
  });
});

describe('four-valued logic (the Query docs truth tables)', () => {
  const values = [true, false, null, M];
  const AND = [
    [true, false, null, M],
    [false, false, false, false],
    [null, false, null, M],
    [M, false, M, M],
  ];
  const OR = [
    [true, true, true, true],
    [true, false, null, M],
    [true, null, null, null],
    [true, M, null, M],
  ];

  it('AND and OR follow the tables', () => {
    values.forEach((a, i) => {
      values.forEach((b, j) => {
        expect(and(a, b), `${a} AND ${b}`).toBe(AND[i]![j]);
        expect(or(a, b), `${a} OR ${b}`).toBe(OR[i]![j]);
      });
    });
  });

  it('NOT passes NULL and MISSING through and negates truthiness', () => {
    expect([not(true), not(false), not(null), not(M), not(0), not('x')]).toEqual([
      false,
      true,
      null,
      M,
      true,
      false,
    ]);
  });

  it('treats present falsy values as FALSE', () => {
    expect([0, '', [], {}].map(isDefinitelyFalse)).toEqual([true, true, true, true]);
    expect([null, M, 1].map(isDefinitelyFalse)).toEqual([false, false, false]);
    expect(and(1, 'x')).toBe(true);
    expect(or(0, '')).toBe(false);
  });
});

describe('IS conditions', () => {
  it.each([
    ['null', [true, false, M]],
    ['missing', [false, false, true]],
    ['valued', [false, true, false]],
  ] as const)('IS %s of NULL, a value, MISSING', (condition, expected) => {
    expect([null, 1, M].map((value) => isCondition(value, condition, false))).toEqual(expected);
    const negated = expected.map((result) => (result === M ? M : !result));
    expect([null, 1, M].map((value) => isCondition(value, condition, true))).toEqual(negated);
  });
});
