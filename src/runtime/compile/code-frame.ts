// The line of code a problem points at, with a caret under its column, as tsc and esbuild
// show compile errors:
//
//     12 |   dst[meta.id] = doc +
//        |                       ^

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/**
 * The source line `line` (1-based) of `code` and a caret under `column` (1-based, UTF-16 units
 * as V8 counts); undefined when the position is not in the code. A position just past the
 * last line (the end of the input) shows the end of that line.
 *
 * @example
 * codeFrame('var a = ;', 1, 9); // '1 | var a = ;\n  |         ^'
 */
export function codeFrame(code: string, line: number, column: number): string | undefined {
  const lines = code.split(LINE_BREAK);
  // "Unexpected end of input" points just past the code: show the end of its last line.
  const atEnd = line === lines.length + 1 && column === 1;
  const shown = atEnd ? lines.length : line;
  const text = lines[shown - 1];
  if (text === undefined || shown < 1) return undefined;
  const gutter = String(shown);
  const before = atEnd ? text : text.slice(0, Math.max(0, column - 1));
  // Tabs stay tabs under the code so that the caret lines up however wide a terminal draws them.
  const padding = before.replace(/[^\t]/g, ' ');
  return `${gutter} | ${text}\n${' '.repeat(gutter.length)} | ${padding}^`;
}

/** The frame for a `file:line:column` location, or undefined when it has no position. */
export function codeFrameAt(code: string, location: string): string | undefined {
  const match = /:(\d+):(\d+)$/.exec(location);
  return match ? codeFrame(code, Number(match[1]), Number(match[2])) : undefined;
}
