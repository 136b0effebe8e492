import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeJsString } from '../../../src/runtime/compile/js-string-escape.ts';

describe('escapeJsString', () => {
  it.each([
    ['a backslash', 'a\\b', 'a\\\\b'],
    ['a single quote', "it's", "it\\'s"],
    ['a double quote', 'say "hi"', 'say \\"hi\\"'],
    ['< and > (Go writes \\u003C, \\u003E)', 'a<b>c', 'a\\u003Cb\\u003Ec'],
    ['& and = (Go writes \\u0026, \\u003D)', 'a&b=c', 'a\\u0026b\\u003Dc'],
    ['a tab, a line feed and U+001F', '\t\n\u001f', '\\u0009\\u000A\\u001F'],
    ['a no-break space, not printable in Go', 'a\u00a0b', 'a\\u00A0b'],
    ['U+2028 and U+2029', '\u2028\u2029', '\\u2028\\u2029'],
    ['a zero-width space (a format character)', '\u200b', '\\u200B'],
    ['a non-printable character beyond U+FFFF, unit by unit', '\u{e0001}', '\\uDB40\\uDC01'],
    ['a lone surrogate', 'a\ud800b', 'a\\uD800b'],
  ])('escapes %s', (_what, text, escaped) => {
    expect(escapeJsString(text)).toBe(escaped);
  });

  it.each([
    ['plain ASCII text and symbols', 'SELECT * FROM `b` WHERE a.x[0] + 1 - $1 -- ok; (x) {y} @z'],
    ['DEL, which Go leaves alone', 'a\u007fb'],
    ['printable non-ASCII letters', 'café 中文'],
    ['an emoji beyond U+FFFF', 'ok 😀'],
    ['a space', 'a b'],
  ])('leaves %s as it is', (_what, text) => {
    expect(escapeJsString(text)).toBe(text);
  });

  it('gives a single-quoted literal that evaluates back to the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(runInNewContext(`'${escapeJsString(text)}'`)).toBe(text);
      }),
    );
  });

  it('never leaves a line break in the literal', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(escapeJsString(text)).not.toMatch(/[\n\r\u2028\u2029]/);
      }),
    );
  });
});
