import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  assembleScript,
  toScriptLine,
  toUserPosition,
} from '../../../src/runtime/compile/line-map.ts';

const code = 'function OnUpdate(doc, meta) {\n  log(doc);\n}';

/** The line V8 reports for the syntax error in `script`. */
function syntaxErrorLine(script: string): number {
  try {
    new Script(script, { filename: 'handler.js' });
  } catch (error) {
    const match = /handler\.js:(\d+)/.exec(String((error as Error).stack));
    if (match?.[1]) return Number(match[1]);
  }
  throw new Error('expected a syntax error');
}

describe('assembleScript', () => {
  it("puts the default header 'use strict'; on its own line before the appcode", () => {
    expect(assembleScript(code, ["'use strict';"], [])).toEqual({
      script: `'use strict';\n${code}\n`,
      headerLineCount: 1,
    });
  });

  it('ends the appcode with a line break even without footers', () => {
    expect(assembleScript('x', [], [])).toEqual({ script: 'x\n', headerLineCount: 0 });
  });

  it('appends each footer on its own line, each ending with a line break', () => {
    expect(assembleScript('x // end', ['h'], ['f1();', 'f2();']).script).toBe(
      'h\nx // end\nf1();\nf2();\n',
    );
  });

  it('counts one line per header', () => {
    expect(assembleScript(code, ["'use strict';", 'var a;', 'var b;'], []).headerLineCount).toBe(3);
  });

  it('counts two lines for a header that contains a line break', () => {
    const { script, headerLineCount } = assembleScript(code, ["'use strict';\nvar a;"], []);
    expect(script).toBe(`'use strict';\nvar a;\n${code}\n`);
    expect(headerLineCount).toBe(2);
  });

  it('counts line breaks as V8 does: \\r\\n once, a lone \\r and U+2028 each', () => {
    expect(assembleScript(code, ['a;\r\nb;'], []).headerLineCount).toBe(2);
    expect(assembleScript(code, ['a;\rb;\u2028c;'], []).headerLineCount).toBe(3);
  });

  it('lines up with the line V8 reports for an error in the appcode', () => {
    const broken = 'function OnUpdate(doc, meta) {\n  var = 1;\n}';
    const { script, headerLineCount } = assembleScript(broken, ["'use strict';\n// two"], ['']);
    const scriptLine = syntaxErrorLine(script);
    expect(scriptLine).toBe(4);
    expect(toUserPosition(scriptLine, headerLineCount)).toEqual({ area: 'appcode', line: 2 });
  });
});

describe('toUserPosition', () => {
  it('maps a script line after the headers to an appcode line', () => {
    expect(toUserPosition(2, 1)).toEqual({ area: 'appcode', line: 1 });
    expect(toUserPosition(10, 3)).toEqual({ area: 'appcode', line: 7 });
  });

  it('maps a script line inside the headers to a header line', () => {
    expect(toUserPosition(1, 1)).toEqual({ area: 'handler_headers', line: 1 });
    expect(toUserPosition(2, 3)).toEqual({ area: 'handler_headers', line: 2 });
  });

  it('maps every line to the appcode when there are no headers', () => {
    expect(toUserPosition(1, 0)).toEqual({ area: 'appcode', line: 1 });
  });
});

describe('toScriptLine', () => {
  it('adds the header lines', () => {
    expect(toScriptLine(1, 1)).toBe(2);
    expect(toScriptLine(5, 0)).toBe(5);
  });

  it('round-trips with toUserPosition', () => {
    expect(toUserPosition(toScriptLine(7, 4), 4)).toEqual({ area: 'appcode', line: 7 });
  });
});
