/** A 1-based line and column, as V8 and editors report them. */
export interface SourcePosition {
  line: number;
  /** 1-based, counted in UTF-16 code units from the start of the line (as V8 counts). */
  column: number;
}

/**
 * The line and column of the character at `index` in `source`. Lines break where V8 breaks
 * them, so positions agree with V8's own error locations: at `\n`, `\r\n` (one break), a lone
 * `\r`, U+2028 and U+2029.
 *
 * @example
 * positionAt('a\nbc', 3) // => { line: 2, column: 2 }
 */
export function positionAt(source: string, index: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(index, source.length);
  for (let i = 0; i < end; i++) {
    const c = source.charCodeAt(i);
    const isBreak =
      c === 0x0a ||
      c === 0x2028 ||
      c === 0x2029 ||
      (c === 0x0d && source.charCodeAt(i + 1) !== 0x0a);
    if (isBreak) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
