import { describe, expect, it } from 'vitest';
import { parseExpression, parsePath } from '../../../src/emulator/query/expression-parser.ts';
import { TokenCursor } from '../../../src/emulator/query/token-cursor.ts';
import { parseExpr, queryError, show } from './parse-helpers.ts';

describe('expression precedence', () => {
  it.each([
    ['a OR b AND c', '(or a (and b c))'],
    ['a AND b OR c AND d', '(or (and a b) (and c d))'],
    ['NOT a = b', '(not (= a b))'],
    ['NOT NOT a', '(not (not a))'],
    ['a = b AND c != d', '(and (= a b) (!= c d))'],
    ['a == b', '(= a b)'],
    ['a <> b', '(!= a b)'],
    ['a = b < c', '(= a (< b c))'],
    ['1 + 2 * 3 - 4 / 5 % 6', '(- (+ 1 (* 2 3)) (% (/ 4 5) 6))'],
    ['a || b || c', '(|| (|| a b) c)'],
    ['a + b || c', '(|| (+ a b) c)'],
    ['-a * -2', '(* (neg a) (neg 2))'],
    ['(a OR b) AND c', '(and (or a b) c)'],
    ['x LIKE "a%" AND y NOT LIKE "b_"', '(and (like x "a%") (not like y "b_"))'],
    ['x IN [1, 2] OR x NOT IN $list', '(or (in x [1, 2]) (not in x $list))'],
    ['x BETWEEN 1 + 1 AND 5 AND y', '(and (between x (+ 1 1) 5) y)'],
    ['x NOT BETWEEN a AND b', '(not-between x a b)'],
    ['x IS NULL OR y IS NOT MISSING', '(or (is-null x) (is-not-missing y))'],
    ['x IS VALUED AND x IS NOT VALUED', '(and (is-valued x) (is-not-valued x))'],
    [
      'x IS KNOWN AND x IS UNKNOWN AND x IS NOT UNKNOWN',
      '(and (and (is-valued x) (is-not-valued x)) (is-valued x))',
    ],
    ['a.b.c[0][-1].d', 'a.b.c[0][(neg 1)].d'],
    ['a.`b c`.value.FROM', 'a.b c.value.FROM'],
    ['a[i + 1]', 'a[(+ i 1)]'],
  ])('%s parses as %s', (text, expected) => {
    expect(show(parseExpr(text))).toBe(expected);
  });

  it('does not chain comparisons of one level', () => {
    expect(queryError(() => parseExpr('a = b = c')).message).toMatch(/column 7, .* at: =$/);
    expect(queryError(() => parseExpr('a < b < c')).code).toBe(3000);
  });

  it('numbers question marks in order of appearance', () => {
    expect(show(parseExpr('? + $2 + ? + $x + @y'))).toBe('(+ (+ (+ (+ $1 $2) $2) $x) $y)');
  });

  it('leaves `.*` for the projection', () => {
    const cursor = new TokenCursor('a.b.*');
    expect(show(parseExpression(cursor))).toBe('a.b');
    expect(cursor.isSymbol('.')).toBe(true);
  });

  it('records the span of every node', () => {
    const expression = parseExpr('  x.y + 10');
    expect(expression.at).toEqual({ offset: 2, line: 1, column: 3, end: 10 });
    if (expression.kind !== 'binary') throw new Error('expected a binary node');
    expect(expression.left.at).toMatchObject({ offset: 2, end: 5 });
    expect(expression.right.at).toMatchObject({ offset: 8, end: 10 });
  });

  it('parses SET paths without taking the = that follows', () => {
    const cursor = new TokenCursor('a.b[0] = 1');
    expect(show(parsePath(cursor))).toBe('a.b[0]');
    expect(cursor.isSymbol('=')).toBe(true);
  });

  it.each([
    ['a[1:2]', 'array slices'],
    ['x WITHIN y', 'WITHIN'],
    ['x NOT WITHIN y', 'WITHIN'],
    ['x ILIKE "a"', 'ILIKE'],
    ['x LIKE "a!%" ESCAPE "!"', 'LIKE ... ESCAPE'],
  ])('refuses %s as unsupported', (text, construct) => {
    expect(queryError(() => parseExpr(text)).unsupported).toBe(construct);
  });

  it.each(['a +', 'x IS', 'x IS 3', 'x BETWEEN 1', 'a.', 'a.1', '(a', 'a[1'])(
    'rejects %s as a syntax error',
    (text) => {
      expect(queryError(() => parseExpr(text)).code).toBe(3000);
    },
  );
});
