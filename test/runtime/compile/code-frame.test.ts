import { describe, expect, it } from 'vitest';
import { codeFrame, codeFrameAt } from '../../../src/runtime/compile/code-frame.ts';

describe('codeFrame', () => {
  it('shows the line with a caret under the column, the gutter as wide as the line number', () => {
    const code = `${'\n'.repeat(11)}  dst[meta.id] = ;\n`;
    expect(codeFrame(code, 12, 18)).toBe('12 |   dst[meta.id] = ;\n   |                  ^');
  });

  it('keeps tabs under the code so that the caret lines up, and reads CRLF files', () => {
    expect(codeFrame('a\r\n\t\tlet x = ;', 2, 11)).toBe('2 | \t\tlet x = ;\n  | \t\t        ^');
  });

  it('shows the end of the last line for the end of the input', () => {
    expect(codeFrame('function OnUpdate( {', 2, 1)).toBe(
      '1 | function OnUpdate( {\n  |                     ^',
    );
  });

  it('has nothing to show for a position outside the code', () => {
    expect(codeFrame('one line', 3, 1)).toBeUndefined();
    expect(codeFrameAt('one line', 'fn.js')).toBeUndefined();
    expect(codeFrameAt('one line', 'fn.js:1:5')).toBe('1 | one line\n  |     ^');
  });
});
