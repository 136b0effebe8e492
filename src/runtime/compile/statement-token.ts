/**
 * One top-level statement as the Go structure validator sees it. The server blanks on UTF-8
 * bytes and turns every `\t\n\v\f\r` into a space before trimming with `strings.TrimSpace`;
 * {@link readStatement} rebuilds that exact text from our UTF-16 blanked view, so that
 * validator messages quote what the server would quote.
 */
export interface StatementToken {
  /** The statement text exactly as the server would print it. */
  text: string;
  /** Index in the source of the statement's first character, for positions. */
  start: number;
}

/**
 * Reads the statement between `from` and `to` (exclusive) of `source`, given `blanked`, the
 * {@link blankCode} view of the same source. Returns `undefined` when nothing is left after
 * trimming, as the server skips such pieces.
 *
 * @example
 * const source = ' var s = "é" + x ';
 * readStatement(source, blankCode(source), 0, source.length)
 * // => { text: 'var s =      + x', start: 1 }: the server blanks the 4 bytes of "é" to 4 spaces
 */
export function readStatement(
  source: string,
  blanked: string,
  from: number,
  to: number,
): StatementToken | undefined {
  let start = from;
  while (start < to && isGoSpace(blanked.charCodeAt(start))) start++;
  let end = to;
  while (end > start && isGoSpace(blanked.charCodeAt(end - 1))) end--;
  if (start === end) return undefined;
  return { text: serverText(source, blanked, start, end), start };
}

function serverText(source: string, blanked: string, from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) {
    const kept = blanked.charCodeAt(i);
    const original = source.charCodeAt(i);
    if (kept !== original) text += ' '.repeat(utf8Length(original));
    else if (isAsciiSpace(kept)) text += ' ';
    else text += blanked[i];
  }
  return text;
}

/** UTF-8 bytes of one UTF-16 unit; each half of a surrogate pair counts half of its four. */
function utf8Length(c: number): number {
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdfff) return 2;
  return 3;
}

/** `[[:space:]]` of Go's regexp, also what the server turns into plain spaces. */
function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** Go's `unicode.IsSpace`, which `strings.TrimSpace` trims (unlike JS `trim`, not U+FEFF). */
function isGoSpace(c: number): boolean {
  if (c <= 0x20) return isAsciiSpace(c);
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}
