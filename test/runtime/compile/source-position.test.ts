import { describe, expect, it } from 'vitest';
import { positionAt } from '../../../src/runtime/compile/source-position.ts';

describe('positionAt', () => {
  it('starts at line 1, column 1', () => {
    expect(positionAt('abc', 0)).toEqual({ line: 1, column: 1 });
  });

  it('counts columns from the start of the line', () => {
    expect(positionAt('ab\ncdef', 5)).toEqual({ line: 2, column: 3 });
  });

  it('counts \\r\\n as one line break', () => {
    expect(positionAt('a\r\nb\r\nc', 6)).toEqual({ line: 3, column: 1 });
  });

  it('counts a lone \\r as a line break, as V8 does', () => {
    expect(positionAt('a\rb', 2)).toEqual({ line: 2, column: 1 });
  });

  it('counts U+2028 and U+2029 as line breaks, as V8 does', () => {
    expect(positionAt('a\u2028b\u2029c', 4)).toEqual({ line: 3, column: 1 });
  });

  it('counts columns in UTF-16 code units, as V8 does', () => {
    expect(positionAt('😀x', 2)).toEqual({ line: 1, column: 3 });
  });

  it('points just past the end for an index beyond the text', () => {
    expect(positionAt('ab\nc', 99)).toEqual({ line: 2, column: 2 });
  });
});
