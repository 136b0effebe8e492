import { describe, expect, it } from 'vitest';
import {
  decodeQuoted,
  isName,
  isSymbol,
  isWord,
  type SqlToken,
  tokenizeSql,
} from '../../../src/runtime/compile/sql-tokens.ts';

const kinds = (text: string) => tokenizeSql(text).tokens.map((t) => [t.kind, t.value]);

describe('tokenizeSql', () => {
  it('reads words, symbols and numbers, dropping whitespace', () => {
    expect(kinds('SELECT a.b, 1.5e3 FROM\tt\n')).toEqual([
      ['word', 'SELECT'],
      ['word', 'a'],
      ['symbol', '.'],
      ['word', 'b'],
      ['symbol', ','],
      ['number', '1.5e3'],
      ['word', 'FROM'],
      ['word', 't'],
    ]);
  });

  it('keeps string literals whole, with backslash escapes and doubled single quotes', () => {
    expect(kinds(`"a\\"b;" 'it''s' 'c\\'d'`)).toEqual([
      ['string', '"a\\"b;"'],
      ['string', "'it''s'"],
      ['string', "'c\\'d'"],
    ]);
  });

  it('does not let a doubled double quote continue a string', () => {
    expect(kinds('"a""b"')).toEqual([
      ['string', '"a"'],
      ['string', '"b"'],
    ]);
  });

  it('unquotes backtick identifiers, resolving `` and backslash escapes', () => {
    const [plain, doubled, escaped] = tokenizeSql('`travel-sample` `a``b` `c\\`d`').tokens;
    expect(plain).toEqual({
      kind: 'identifier',
      text: '`travel-sample`',
      value: 'travel-sample',
      offset: 0,
    });
    expect(doubled?.value).toBe('a`b');
    expect(escaped?.value).toBe('c`d');
  });

  it('takes the i of a case-insensitive identifier into the token', () => {
    expect(tokenizeSql('`Name`i = 1').tokens[0]).toEqual({
      kind: 'identifier',
      text: '`Name`i',
      value: 'Name',
      offset: 0,
    });
  });

  it('reads $name and @name as named, $1 and @2 as positional parameters', () => {
    expect(kinds('$id @type $1 @2 $_x9')).toEqual([
      ['named-parameter', 'id'],
      ['named-parameter', 'type'],
      ['positional-parameter', '1'],
      ['positional-parameter', '2'],
      ['named-parameter', '_x9'],
    ]);
  });

  it('does not treat $ as a word character: a$b is a word then a parameter', () => {
    expect(kinds('a$b')).toEqual([
      ['word', 'a'],
      ['named-parameter', 'b'],
    ]);
  });

  it('reads a lone $ or @ as a symbol', () => {
    expect(kinds('$ @')).toEqual([
      ['symbol', '$'],
      ['symbol', '@'],
    ]);
  });

  it('drops -- and /* */ comments, so what is inside them is no token', () => {
    expect(kinds('a -- $x ;\nb /* $y */ c --')).toEqual([
      ['word', 'a'],
      ['word', 'b'],
      ['word', 'c'],
    ]);
  });

  it('ends a -- comment at a carriage return too', () => {
    expect(kinds('a -- x\rb')).toEqual([
      ['word', 'a'],
      ['word', 'b'],
    ]);
  });

  it('reads operators longest first, JavaScript ones included', () => {
    expect(kinds('a===b!=c<>d<=e=>f&&g||h?.i??j').filter(([kind]) => kind === 'symbol')).toEqual(
      ['===', '!=', '<>', '<=', '=>', '&&', '||', '?.', '??'].map((s) => ['symbol', s]),
    );
  });

  it('reads \\v, which the query lexer does not skip, and a character beyond U+FFFF as one symbol each', () => {
    expect(kinds('a\vb 😀')).toEqual([
      ['word', 'a'],
      ['symbol', '\v'],
      ['word', 'b'],
      ['symbol', '😀'],
    ]);
  });

  it.each([
    ['an unterminated double-quoted string', 'a "b', ['a']],
    ['an unterminated single-quoted string', "a 'b''", ['a']],
    ['an unterminated identifier', 'a `b', ['a']],
    ['an unterminated block comment', 'a /* b', ['a']],
    ['a string ending in a backslash', 'a "b\\', ['a']],
    ['a hexadecimal number', 'a 0x1f', ['a']],
    ['a number running into letters', 'a 2nd', ['a']],
  ])('stops at %s and says so', (_what, text, before) => {
    const { tokens, valid } = tokenizeSql(text);
    expect(valid).toBe(false);
    expect(tokens.map((t) => t.value)).toEqual(before);
  });

  it.each([
    ['a "b', 2, 'unterminated " quote'],
    ['a `b', 2, 'unterminated ` quote'],
    ['a /* b', 2, 'unterminated /* comment'],
    ['a 2nd', 2, 'invalid number'],
  ])('says where %s stopped and why', (text, offset, reason) => {
    expect(tokenizeSql(text).problem).toEqual({ offset, reason });
  });

  it('records where each token starts', () => {
    expect(tokenizeSql('SELECT  x,\n$y').tokens.map((t) => t.offset)).toEqual([0, 8, 9, 11]);
  });

  it('says valid for a statement that lexes to the end', () => {
    expect(tokenizeSql('SELECT 1;').valid).toBe(true);
  });
});

describe('token predicates', () => {
  const [select, ident, paren, str] = tokenizeSql('sElEcT `x` ( "select"').tokens as SqlToken[];

  it('isWord compares words case-insensitively and only words', () => {
    expect([isWord(select, 'select'), isWord(str, 'select'), isWord(undefined, 'x')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('isName accepts words and backtick identifiers only', () => {
    expect([isName(select), isName(ident), isName(str), isName(undefined)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('isSymbol matches one symbol exactly', () => {
    expect([isSymbol(paren, '('), isSymbol(paren, ')'), isSymbol(select, 'sElEcT')]).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe('decodeQuoted', () => {
  it('decodes JSON escapes and doubled quotes, and removes the quotes', () => {
    expect(decodeQuoted(`'it''s\\n\\u00e9'`)).toEqual({ value: "it's\né" });
    expect(decodeQuoted('`a``b`i')).toEqual({ value: 'a`b' });
  });

  it('reports an escape that JSON does not know', () => {
    expect(decodeQuoted('"\\x"')).toEqual({ invalidEscape: '\\x' });
  });
});
