import { describe, expect, it } from 'vitest';
import { blankCode } from '../../../src/runtime/compile/blank-code.ts';
import { readStatement } from '../../../src/runtime/compile/statement-token.ts';

const read = (source: string) => readStatement(source, blankCode(source), 0, source.length);

describe('readStatement', () => {
  it('trims the statement and reports where it starts', () => {
    expect(read('  \n var x = 1 \t')).toEqual({ text: 'var x = 1', start: 4 });
  });

  it('reads only the range it is given', () => {
    const source = 'ab; var x; cd';
    expect(readStatement(source, blankCode(source), 3, 9)).toEqual({ text: 'var x', start: 4 });
  });

  it('turns tabs, line breaks, vertical tabs and form feeds inside into spaces', () => {
    expect(read('var x =\n\t1\r\n\v\f+ 2')?.text).toBe('var x =  1    + 2');
  });

  it('turns blanked strings and comments into spaces', () => {
    expect(read("var x = 'a' /* b */ + y")?.text).toBe(`var x = ${' '.repeat(11)} + y`);
  });

  it('counts a blanked non-ASCII character as its UTF-8 bytes, as the server blanks bytes', () => {
    expect(read('var s = "é" + x')?.text).toBe(`var s = ${' '.repeat(4)} + x`);
    expect(read('var s = "€" + x')?.text).toBe(`var s = ${' '.repeat(5)} + x`);
    expect(read('var s = "😀" + x')?.text).toBe(`var s = ${' '.repeat(6)} + x`);
  });

  it('keeps non-ASCII code as it is', () => {
    expect(read('var café = 1')?.text).toBe('var café = 1');
  });

  it("trims Go's Unicode spaces (NBSP, NEL, U+3000, U+2028)", () => {
    expect(read('\u00a0\u0085\u3000var x\u2028')).toEqual({ text: 'var x', start: 3 });
  });

  it('does not trim a byte order mark, which Go does not count as a space', () => {
    expect(read('\ufefffunction f()')).toEqual({ text: '\ufefffunction f()', start: 0 });
  });

  it('returns undefined when only whitespace, comments and strings are left', () => {
    expect(read(" \n // c\n 'use strict' ")).toBeUndefined();
  });
});
