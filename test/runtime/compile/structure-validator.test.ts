import { describe, expect, it } from 'vitest';
import { validateStructure } from '../../../src/runtime/compile/structure-validator.ts';

const ONLY_FUNCTIONS = 'Only functions allowed in global space, but found: ';
const onUpdate = 'function OnUpdate(doc, meta) {}';

const globalCode = (token: string, line: number, column: number) => ({
  ok: false,
  message: ONLY_FUNCTIONS + token,
  line,
  column,
});

describe('validateStructure: the spec §2.1 table', () => {
  it('accepts a lone OnUpdate', () => {
    expect(validateStructure('function OnUpdate(doc, meta) {}')).toEqual({
      ok: true,
      handlers: { OnUpdate: true, OnDelete: false, OnDeploy: false },
      functionNames: ['OnUpdate'],
    });
  });

  it('accepts a lone OnDelete', () => {
    expect(validateStructure('function OnDelete(meta) {}')).toEqual({
      ok: true,
      handlers: { OnUpdate: false, OnDelete: true, OnDeploy: false },
      functionNames: ['OnDelete'],
    });
  });

  it('rejects a lone OnDeploy: OnUpdate or OnDelete is needed', () => {
    expect(validateStructure('function OnDeploy(action) {}')).toEqual({
      ok: false,
      message: 'handler must have at least OnUpdate() or OnDelete() function',
      line: 1,
      column: 1,
    });
  });

  it.each([
    ['var x = 1;', 'var x = 1'],
    ['let x = 1;', 'let x = 1'],
    ['const x = 1;', 'const x = 1'],
    ['class A {}', 'class A'],
  ])('rejects a global %s', (statement, token) => {
    expect(validateStructure(`${statement}\n${onUpdate}`)).toEqual(globalCode(token, 1, 1));
  });

  it('rejects a stray ; after a function', () => {
    expect(validateStructure('function OnUpdate(d,m){};')).toEqual(globalCode(';', 1, 25));
  });

  it("rejects a user's own 'use strict'; as a bare ;", () => {
    expect(validateStructure(`'use strict';\n${onUpdate}`)).toEqual(globalCode(';', 1, 13));
  });

  it('rejects async function OnUpdate', () => {
    expect(validateStructure('async function OnUpdate(doc, meta) {}')).toEqual(
      globalCode('async function OnUpdate(doc, meta)', 1, 1),
    );
  });

  it('rejects an immediately invoked function', () => {
    expect(validateStructure(`${onUpdate}\n(function () {})();`)).toEqual(
      globalCode('(function ()', 2, 1),
    );
  });

  it('rejects an arrow function assigned to a variable', () => {
    expect(validateStructure('const OnUpdate = (doc, meta) => {};')).toEqual(
      globalCode('const OnUpdate = (doc, meta) =>', 1, 1),
    );
  });

  it('rejects an arrow function with an expression body', () => {
    expect(validateStructure(`${onUpdate}\nvar twice = (x) => x * 2;`)).toEqual(
      globalCode('var twice = (x) => x * 2', 2, 1),
    );
  });

  it('accepts a generator function (it starts with "function")', () => {
    expect(validateStructure(`function* gen() { yield 1; }\n${onUpdate}`)).toEqual({
      ok: true,
      handlers: { OnUpdate: true, OnDelete: false, OnDeploy: false },
      functionNames: ['OnUpdate'],
    });
  });

  it('accepts objects, blocks and semicolons inside function bodies', () => {
    const source = [
      'function OnUpdate(doc, meta) {',
      '  var o = { a: { b: 1 } };',
      '  if (doc.x) { log(o); } else { ; }',
      '  for (var i = 0; i < 2; i++) { continue; }',
      '  var f = () => { return { c: 2 }; };',
      '}',
    ].join('\n');
    expect(validateStructure(source).ok).toBe(true);
  });

  it('accepts comments anywhere', () => {
    const source = [
      '/* header comment; var x = 1; { */',
      '// another; }',
      'function OnUpdate(doc, meta) { // trailing ; {',
      '  /* inside } */ log(doc);',
      '} // after',
      '/* between */ function OnDelete(meta) {} /* end ; */',
    ].join('\n');
    expect(validateStructure(source)).toMatchObject({
      ok: true,
      handlers: { OnUpdate: true, OnDelete: true, OnDeploy: false },
    });
  });

  it('rejects two OnUpdate functions, pointing at the second', () => {
    expect(validateStructure(`${onUpdate}\n\n  ${onUpdate}`)).toEqual({
      ok: false,
      message: 'handler cannot have multiple OnUpdate() functions',
      line: 3,
      column: 3,
    });
  });
});

describe('validateStructure: literals do not count', () => {
  it('ignores braces and semicolons in strings and templates', () => {
    const source = [
      'function OnUpdate(doc, meta) {',
      '  var s = \'}; var x = 1; {\' + "};";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: handler source text, not a template
      '  var t = `};${doc.id}{`;',
      "  var r = /x/g; // }';\n",
      '  if (r.test(s)) log(t);',
      '}',
      'function OnDelete(meta) {}',
    ].join('\n');
    expect(validateStructure(source)).toEqual({
      ok: true,
      handlers: { OnUpdate: true, OnDelete: true, OnDeploy: false },
      functionNames: ['OnUpdate', 'OnDelete'],
    });
  });

  it('ignores a global hidden in a comment continued by a trailing backslash, as the server does', () => {
    expect(validateStructure(`// see C:\\\nvar x = 1;\n${onUpdate}`).ok).toBe(true);
  });
});

describe('validateStructure: entry point checks', () => {
  it('reports duplicates in the server order: OnUpdate first', () => {
    const source = `${onUpdate}\nfunction OnDelete(m) {}\nfunction OnDelete(m) {}\n${onUpdate}`;
    expect(validateStructure(source)).toEqual({
      ok: false,
      message: 'handler cannot have multiple OnUpdate() functions',
      line: 4,
      column: 1,
    });
  });

  it('rejects two OnDelete functions, pointing at the second', () => {
    const source = 'function OnDelete(m) {}\nfunction OnDelete(m) {}';
    expect(validateStructure(source)).toEqual({
      ok: false,
      message: 'handler code cannot have multiple OnDelete() functions',
      line: 2,
      column: 1,
    });
  });

  it('rejects two OnDeploy functions, pointing at the second', () => {
    const source = `${onUpdate} function OnDeploy(a) {} function OnDeploy(a) {}`;
    expect(validateStructure(source)).toEqual({
      ok: false,
      message: 'handler code cannot have multiple OnDeploy() functions',
      line: 1,
      column: 57,
    });
  });

  it('reports missing handlers before duplicate OnDeploy', () => {
    const source = 'function OnDeploy(a) {}\nfunction OnDeploy(a) {}';
    expect(validateStructure(source)).toMatchObject({
      message: 'handler must have at least OnUpdate() or OnDelete() function',
    });
  });

  it('reports global code before missing handlers', () => {
    expect(validateStructure('var x = 1;')).toEqual(globalCode('var x = 1', 1, 1));
  });

  it('rejects empty appcode as missing handlers', () => {
    expect(validateStructure('')).toMatchObject({ ok: false, line: 1, column: 1 });
  });

  it('reports all three handlers and every top-level function name', () => {
    const source = [
      'function helper(x) { return x; }',
      'function OnDeploy(action) {}',
      'function OnDelete(meta, options) {}',
      'function OnUpdate (doc, meta) {}',
      'function $util_2\n(doc) {}',
    ].join('\n');
    expect(validateStructure(source)).toEqual({
      ok: true,
      handlers: { OnUpdate: true, OnDelete: true, OnDeploy: true },
      functionNames: ['helper', 'OnDeploy', 'OnDelete', 'OnUpdate', '$util_2'],
    });
  });

  it('does not count nested functions named like entry points', () => {
    const source = `function OnDelete(m) { function OnUpdate(d) {} }\n${onUpdate}`;
    expect(validateStructure(source)).toMatchObject({
      ok: true,
      functionNames: ['OnDelete', 'OnUpdate'],
    });
  });

  it('takes names with characters up to U+FFFF, as the server pattern does', () => {
    const source = `${onUpdate}\nfunction café() {}\nfunction x😀() {}`;
    expect(validateStructure(source)).toMatchObject({ functionNames: ['OnUpdate', 'café'] });
  });

  it('does not count a generator named OnUpdate', () => {
    expect(validateStructure('function* OnUpdate(doc, meta) {}')).toMatchObject({
      message: 'handler must have at least OnUpdate() or OnDelete() function',
    });
  });

  it('does not count a name followed by U+00A0, which the server takes into the name', () => {
    expect(validateStructure('function OnUpdate\u00a0(doc, meta) {}')).toMatchObject({
      message: 'handler must have at least OnUpdate() or OnDelete() function',
    });
  });
});

describe('validateStructure: server quirks', () => {
  it('accepts anything that starts with the text "function"', () => {
    expect(validateStructure(`functionTable = {}\n${onUpdate}`).ok).toBe(true);
  });

  it('still rejects the ; that ends such a statement', () => {
    expect(validateStructure(`functionTable = {};\n${onUpdate}`)).toEqual(globalCode(';', 1, 19));
  });

  it('treats code after a stray } (negative depth) as global', () => {
    expect(validateStructure(`${onUpdate} }\nvar x = 1;`)).toEqual(globalCode('var x = 1', 2, 1));
  });

  it('accepts an unclosed function body (V8 reports that later)', () => {
    expect(validateStructure('function OnUpdate(doc, meta) {\n  log(doc);').ok).toBe(true);
  });

  it('rejects trailing code after the last delimiter', () => {
    expect(validateStructure(`${onUpdate}\nlog("x")`)).toEqual(globalCode('log(   )', 2, 1));
  });

  it('quotes the statement with line breaks and tabs as spaces', () => {
    expect(validateStructure(`var x =\n\t1;\n${onUpdate}`)).toEqual(globalCode('var x =  1', 1, 1));
  });

  it('quotes a blanked non-ASCII string as one space per UTF-8 byte', () => {
    expect(validateStructure(`var s = "é" + x;\n${onUpdate}`)).toEqual(
      globalCode(`var s = ${' '.repeat(4)} + x`, 1, 1),
    );
  });
});

describe('validateStructure: non-printable statements', () => {
  it('appends the UTF-8 bytes when the statement has non-ASCII characters', () => {
    expect(validateStructure(`var café = 1;\n${onUpdate}`)).toEqual({
      ok: false,
      message: `${ONLY_FUNCTIONS}var café = 1 bytes: [118 97 114 32 99 97 102 195 169 32 61 32 49]`,
      line: 1,
      column: 1,
    });
  });

  it('appends the bytes for a control character', () => {
    expect(validateStructure(`${onUpdate}\n\u0001x`)).toMatchObject({
      message: `${ONLY_FUNCTIONS}\u0001x bytes: [1 120]`,
      line: 2,
      column: 1,
    });
  });

  it('appends the bytes for DEL (0x7f)', () => {
    expect(validateStructure(`${onUpdate}\n\u007f`)).toMatchObject({
      message: `${ONLY_FUNCTIONS}\u007f bytes: [127]`,
    });
  });

  it('rejects a byte order mark before the first function, which Go does not trim', () => {
    expect(validateStructure(`\ufeff${onUpdate}`)).toEqual({
      ok: false,
      message:
        `${ONLY_FUNCTIONS}\ufefffunction OnUpdate(doc, meta) bytes: [239 187 191 102 117 110 99 ` +
        '116 105 111 110 32 79 110 85 112 100 97 116 101 40 100 111 99 44 32 109 101 116 97 41]',
      line: 1,
      column: 1,
    });
  });

  it('does not list bytes for a printable statement', () => {
    expect(validateStructure(`var x = '~';\n${onUpdate}`)).toMatchObject({
      message: `${ONLY_FUNCTIONS}var x =`,
    });
  });
});

describe('validateStructure: positions', () => {
  it('points at the first character of the offending statement', () => {
    const source = `${onUpdate}\n\n   /* c */  let y = 2;`;
    expect(validateStructure(source)).toEqual(globalCode('let y = 2', 3, 13));
  });

  it('counts \\r\\n line breaks once', () => {
    expect(validateStructure(`${onUpdate}\r\n\r\n  x;`)).toEqual(globalCode('x', 3, 3));
  });
});
