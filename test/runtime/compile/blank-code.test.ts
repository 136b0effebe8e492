import { describe, expect, it } from 'vitest';
import { blankCode } from '../../../src/runtime/compile/blank-code.ts';

const spaces = (n: number): string => ' '.repeat(n);

describe('blankCode: comments', () => {
  it('blanks a line comment up to, not including, its newline', () => {
    expect(blankCode('a; // x { ;\nb;')).toBe(`a;${spaces(9)}\nb;`);
  });

  it('blanks a block comment and keeps its newlines', () => {
    expect(blankCode('a /* {\r\n; */ b')).toBe('a     \r\n     b');
  });

  it('does not end a line comment at a lone \\r, as the server only looks for \\n', () => {
    expect(blankCode('// x\rvar y;\nz')).toBe('    \r      \nz');
  });

  it('lets a line comment ending in a backslash swallow the next line, as the server does', () => {
    expect(blankCode('// C:\\\nvar x = 1;\nf')).toBe(`${spaces(6)}\n${spaces(10)}\nf`);
  });

  it('does not end a block comment at an escaped star', () => {
    expect(blankCode('/* a \\*/ b; */c')).toBe(`${spaces(14)}c`);
  });

  it('blanks an unterminated block comment to the end', () => {
    expect(blankCode('a; /* b;\nc')).toBe('a;      \n ');
  });

  it('ignores quotes inside comments', () => {
    expect(blankCode("// it's\nx = 'a';")).toBe(`${spaces(7)}\nx =    ;`);
  });
});

describe('blankCode: strings and templates', () => {
  it('blanks single and double quoted strings, quotes included', () => {
    expect(blankCode(`a('{;}', "};{");`)).toBe('a(     ,      );');
  });

  it("turns a user's own 'use strict'; into a bare semicolon", () => {
    expect(blankCode("'use strict';")).toBe(`${spaces(12)};`);
  });

  it('does not end a string at an escaped quote', () => {
    expect(blankCode(`x = 'it\\'s;'; y = "a\\"b";`)).toBe(`x = ${spaces(8)}; y = ${spaces(6)};`);
  });

  it('does not end a string at a newline (the server ignores JavaScript here)', () => {
    expect(blankCode("x = 'a\nb'; c")).toBe('x =   \n  ; c');
  });

  it('blanks an unterminated string to the end', () => {
    expect(blankCode("x = 'abc;}")).toBe(`x = ${spaces(6)}`);
  });

  it('ignores comment markers inside strings', () => {
    expect(blankCode(`a = '//'; b = "/*"; c`)).toBe('a =     ; b =     ; c');
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: handler source text, not a template
  it('blanks a whole template literal, ${…} expressions included, keeping newlines', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: handler source text, not a template
    expect(blankCode('x = `a ${b; {c}}\n d`; e')).toBe(`x = ${spaces(12)}\n${spaces(3)}; e`);
  });

  it('ends a template at the first inner backtick of a nested template, as the server does', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: handler source text, not a template
    expect(blankCode('x = `a ${`b`} c`;')).toBe('x =       b     ;');
  });

  it('blanks each UTF-16 unit, so non-ASCII text keeps the length', () => {
    const source = "x = 'é😀';";
    const blanked = blankCode(source);
    expect(blanked).toBe(`x = ${spaces(5)};`);
    expect(blanked).toHaveLength(source.length);
  });
});

describe('blankCode: escapes outside literals', () => {
  it('blanks a backslash and the character after it, even in code', () => {
    expect(blankCode('a\\u0062 = 1')).toBe('a  0062 = 1');
  });

  it('does not open a string at an escaped quote in code', () => {
    expect(blankCode("a \\' b; c")).toBe('a    b; c');
  });

  it('blanks a whole surrogate pair after a backslash', () => {
    expect(blankCode('a\\😀b')).toBe('a   b');
  });

  it('keeps a lone backslash at the very end', () => {
    expect(blankCode('a\\')).toBe('a\\');
  });
});

describe('blankCode: regular-expression literals, which the server does not recognise', () => {
  it('leaves a regex without quotes or comment markers as code', () => {
    expect(blankCode('var r = /a;b/g;')).toBe('var r = /a;b/g;');
  });

  it('opens a string at a quote inside a regex, as the server does', () => {
    expect(blankCode("var r = /'/; var s = 1; '")).toBe(`var r = /${spaces(16)}`);
  });

  it('opens a line comment at // inside a regex, as the server does', () => {
    expect(blankCode('var r = /a//;\nx')).toBe(`var r = /a${spaces(3)}\nx`);
  });

  it('treats division slashes as code', () => {
    expect(blankCode("a / b / 'x'")).toBe('a / b /    ');
  });
});

describe('blankCode: shape', () => {
  it('blanks runs longer than its cached run of spaces', () => {
    const comment = `/*${'x'.repeat(5000)}*/`;
    expect(blankCode(`a${comment}b`)).toBe(`a${spaces(comment.length)}b`);
  });

  it('returns code without literals unchanged', () => {
    const source = 'function OnUpdate(doc, meta) {\n\tlog(doc.x / 2);\n}\n';
    expect(blankCode(source)).toBe(source);
  });

  it('keeps the length and every line break of a large mixed handler', () => {
    const chunk =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: handler source text, not a template
      "function f(a) { // c;\n  var s = 'x;}' + `t\n${a}`; /* b\r\n */ return a / 2; }\n";
    const source = chunk.repeat(2000);
    const blanked = blankCode(source);
    expect(blanked).toHaveLength(source.length);
    expect(blanked.split('\n')).toHaveLength(source.split('\n').length);
    expect(blanked.split('\r')).toHaveLength(source.split('\r').length);
    expect(blanked.slice(0, chunk.length)).toBe(
      `function f(a) {${spaces(6)}\n  var s =${spaces(6)} +${spaces(3)}\n${spaces(5)}; ${spaces(4)}\r\n${spaces(3)} return a / 2; }\n`,
    );
  });
});
