import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../src/emulator/query/expression-parser.ts';
import { parsePrimary } from '../../../src/emulator/query/primary-parser.ts';
import { TokenCursor } from '../../../src/emulator/query/token-cursor.ts';
import { parseExpr, queryError, show } from './parse-helpers.ts';

describe('primary expressions', () => {
  it.each([
    ['42', '42'],
    ['"text"', '"text"'],
    ['TRUE', 'true'],
    ['false', 'false'],
    ['NULL', 'null'],
    ['MISSING', 'MISSING'],
    ['`quoted name`', 'quoted name'],
    ['[]', '[]'],
    ['[1, [2], {"a": b}]', '[1, [2], {"a": b}]'],
    ['{}', '{}'],
    ['{"a": 1, $k: [x]}', '{"a": 1, $k: [x]}'],
    ['((x))', 'x'],
    ['META()', 'META()'],
    ['meta(a).id', 'META(a).id'],
    ['COUNT(*)', 'count(*)'],
    ['count(DISTINCT a.x)', 'count(distinct a.x)'],
    ['Sum(ALL price * qty)', 'sum((* price qty))'],
    ['AVG(x)', 'avg(x)'],
    ['MIN(x)', 'min(x)'],
    ['MAX(x)', 'max(x)'],
  ])('%s parses as %s', (text, expected) => {
    expect(show(parseExpr(text))).toBe(expected);
  });

  it('parses one primary and stops', () => {
    const cursor = new TokenCursor('[1] + 2');
    expect(show(parsePrimary(cursor, parseExpression))).toBe('[1]');
    expect(cursor.isSymbol('+')).toBe(true);
  });

  it.each([
    ['SOUNDEX(name)', 'the function SOUNDEX()'],
    ['`soundex`(name)', 'the function SOUNDEX()'],
    ['ANY x IN xs SATISFIES x END', 'ANY ... SATISFIES'],
    ['SOME x IN xs SATISFIES x END', 'SOME ... SATISFIES'],
    ['EVERY x IN xs SATISFIES x END', 'EVERY ... SATISFIES'],
    ['ARRAY x FOR x IN xs END', 'ARRAY ... FOR comprehensions'],
    ['FIRST x FOR x IN xs END', 'FIRST ... FOR comprehensions'],
    ['OBJECT k: v FOR v IN xs END', 'OBJECT ... FOR comprehensions'],
    ['(SELECT RAW 1)', 'subqueries'],
    ['CAST(x AS STRING)', 'CAST'],
    ['META(a.b)', 'META() of an expression'],
    ['COUNT(x) FILTER (WHERE x > 1)', 'aggregate FILTER clauses'],
    ['COUNT(*) OVER ()', 'window functions (OVER)'],
  ])('refuses %s as unsupported', (text, construct) => {
    const error = queryError(() => parseExpr(text));
    expect(error.code).toBe(1020);
    expect(error.unsupported).toBe(construct);
  });

  it.each(['SUM(*)', 'COUNT(DISTINCT *)', 'WHERE', '{"a" 1}', '[1,]', ')'])(
    'rejects %s as a syntax error',
    (text) => {
      expect(queryError(() => parseExpr(text)).code).toBe(3000);
    },
  );
});
