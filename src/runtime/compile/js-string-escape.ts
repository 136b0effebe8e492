/**
 * The server quotes inline SQL++ with Go's `template.JSEscapeString` (spec runtime.md §7.1).
 * We escape the same characters the same way so that the transpiled code, and so the columns
 * V8 reports after a statement, match the server's. The current Go toolchain writes `<`, `>`,
 * `&` and `=` as `\u003C`, `\u003E`, `\u0026`, `\u003D`; the server tries to turn `<` and `>`
 * back, but its pattern looks for the older `\x3C` spelling and never matches, and Eventing's
 * own functional tests normalise exactly those `\u003C`/`\u003E`/`\u003D` forms.
 */
const ASCII_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\\', '\\\\'],
  ["'", "\\'"],
  ['"', '\\"'],
  ['<', '\\u003C'],
  ['>', '\\u003E'],
  ['&', '\\u0026'],
  ['=', '\\u003D'],
]);

/** Go's `unicode.IsPrint` beyond ASCII: letters, marks, numbers, punctuation and symbols. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/**
 * Escapes `text` for a single-quoted JavaScript string literal exactly as Go's
 * `template.JSEscapeString` does: backslash and both quotes with a backslash, `<>&=` and
 * control characters as `\u00XX`, and characters outside ASCII that are not printable (spaces
 * such as U+00A0, format characters, U+2028/U+2029, unassigned code points) as `\uXXXX`.
 * Printable non-ASCII text, emoji included, stays as it is. DEL (U+007F) stays too, as in Go.
 *
 * @example
 * escapeJsString(`name = 'it\\'s' <br>`) // => "name \\u003D \\'it\\\\\\'s\\' \\u003Cbr\\u003E"
 */
export function escapeJsString(text: string): string {
  let escaped = '';
  // Iterating a string walks code points; a lone surrogate comes out on its own.
  for (const char of text) escaped += escapeCharacter(char);
  return escaped;
}

function escapeCharacter(char: string): string {
  const code = char.codePointAt(0)!;
  if (code < 0x80) return ASCII_ESCAPES.get(char) ?? (code < 0x20 ? unitEscape(code) : char);
  if (PRINTABLE.test(char)) return char;
  // fidelity: Go prints a non-printable character beyond U+FFFF as `\u` and five hex digits,
  // which JavaScript reads as a different string. We escape each UTF-16 unit instead, so the
  // string keeps its value. Lone surrogates (which Go never sees) are escaped the same way.
  let escaped = '';
  for (let i = 0; i < char.length; i++) escaped += unitEscape(char.charCodeAt(i));
  return escaped;
}

function unitEscape(unit: number): string {
  return `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}
