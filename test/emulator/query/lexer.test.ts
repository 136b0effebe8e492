import { describe, expect, it } from 'vitest';
import { type Token, tokenize } from '../../../src/emulator/query/lexer.ts';
import { QueryError } from '../../../src/emulator/query/query-error.ts';

/** A compact picture of each token but the final `end`. */
function shapes(source: string): unknown[] {
  return tokenize(source).slice(0, -1).map(shape);
}

function shape(token: Token): unknown {
  switch (token.kind) {
    case 'keyword':
      return token.word;
    case 'identifier':
      return { id: token.name, quoted: token.quoted };
    case 'string':
    case 'number':
      return token.value;
    case 'named-param':
      return `$${token.name}`;
    case 'positional-param':
      return `$${token.index}`;
    case 'next-param':
      return '?';
    case 'symbol':
      return token.symbol;
    case 'end':
      return 'END';
  }
}

function lexError(source: string): QueryError {
  try {
    tokenize(source);
  } catch (error) {
    if (error instanceof QueryError) return error;
  }
  throw new Error(`expected ${source} not to tokenize`);
}

describe('the SQL++ lexer', () => {
  it('upper-cases reserved words in any case and keeps other words as identifiers', () => {
    expect(shapes('select Name fRoM airline')).toEqual([
      'SELECT',
      { id: 'Name', quoted: false },
      'FROM',
      { id: 'airline', quoted: false },
    ]);
  });

  it('treats every reserved word of the server as a keyword, not only the implemented ones', () => {
    expect(shapes('value user first path')).toEqual(['VALUE', 'USER', 'FIRST', 'PATH']);
    expect(shapes('users name type')).toEqual([
      { id: 'users', quoted: false },
      { id: 'name', quoted: false },
      { id: 'type', quoted: false },
    ]);
  });

  it('reads backtick identifiers, with doubled and escaped backticks', () => {
    expect(shapes('`travel-sample` `a``b` `c\\`d` `value`')).toEqual([
      { id: 'travel-sample', quoted: true },
      { id: 'a`b', quoted: true },
      { id: 'c`d', quoted: true },
      { id: 'value', quoted: true },
    ]);
  });

  it('decodes strings in either quote, with JSON escapes and doubled single quotes', () => {
    expect(shapes(`"a\\"b\\n\\t\\u00e9\\/" 'it''s' 'x\\'y' ""`)).toEqual([
      'a"b\n\té/',
      "it's",
      "x'y",
      '',
    ]);
  });

  it('reads integers, decimals and exponents', () => {
    expect(shapes('0 42 3.25 1e3 2.5E-1')).toEqual([0, 42, 3.25, 1000, 0.25]);
  });

  it('reads named, numbered and question-mark parameters', () => {
    expect(shapes('$name @other $1 @12 ?')).toEqual(['$name', '$other', '$1', '$12', '?']);
  });

  it('prefers the longest operator', () => {
    expect(shapes('<= <> < >= > != == = || . ; ??')).toEqual([
      '<=',
      '<>',
      '<',
      '>=',
      '>',
      '!=',
      '==',
      '=',
      '||',
      '.',
      ';',
      '??',
    ]);
  });

  it('skips line and block comments and whitespace', () => {
    expect(shapes('SELECT -- all of it\n /* really\n all */ *')).toEqual(['SELECT', '*']);
  });

  it('records 1-based lines and columns across newlines, and each token text', () => {
    const tokens = tokenize('SELECT\n  "a\nb",\n x');
    expect(tokens.map((token) => [token.text, token.at.line, token.at.column])).toEqual([
      ['SELECT', 1, 1],
      ['"a\nb"', 2, 3],
      [',', 3, 3],
      ['x', 4, 2],
      ['', 4, 3],
    ]);
    expect(tokens.at(-1)?.kind).toBe('end');
  });

  it.each([
    ['SELECT "abc', /column 8, near 'SELECT', at: unterminated " quote/],
    ['SELECT `abc', /unterminated ` quote/],
    ['SELECT 1 /* open', /column 10, .*unterminated \/\* comment/],
    ['SELECT 12abc', /column 8, .*invalid number/],
    ['SELECT "\\x"', /invalid escape sequence \\x/],
    ['SELECT $ FROM', /a parameter needs a name or a number from 1/],
    ['SELECT # FROM', /at: "#"/],
  ])('rejects %s with a positioned syntax error', (source, message) => {
    const error = lexError(source);
    expect(error.code).toBe(3000);
    expect(error.message).toMatch(message);
  });
});
