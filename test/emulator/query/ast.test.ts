import { describe, expect, it } from 'vitest';
import { childExpressions } from '../../../src/emulator/query/ast.ts';
import { parseExpr, show } from './parse-helpers.ts';

const children = (text: string) => childExpressions(parseExpr(text)).map(show);

describe('child expressions', () => {
  it.each([
    ['1', []],
    ['name', []],
    ['$p', []],
    ['META(a)', []],
    ['a.b', ['a']],
    ['a[i]', ['a', 'i']],
    ['-x', ['x']],
    ['NOT x', ['x']],
    ['a + b', ['a', 'b']],
    ['a AND b', ['a', 'b']],
    ['x BETWEEN lo AND hi', ['x', 'lo', 'hi']],
    ['x IS NULL', ['x']],
    ['[a, b]', ['a', 'b']],
    ['{"k": v}', ['"k"', 'v']],
    ['SUM(x)', ['x']],
    ['COUNT(*)', []],
  ])('of %s are %j', (text, expected) => {
    expect(children(text)).toEqual(expected);
  });
});
