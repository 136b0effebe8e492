/**
 * The text view Couchbase's Go parser (`parser/parser.go`, `stripAll`) works on: everything
 * that is not code is blanked so that later steps (structure validator, timer check, SQL++
 * transpiler) can search the text with plain regexes and `{`/`}`/`;` scans.
 *
 * Rules, in the order the server applies them at each character:
 *
 * 1. A backslash blanks itself and the next character, *anywhere*: in code, in strings and in
 *    comments. A consequence we keep on purpose: a `//` comment ending in `\` swallows the
 *    newline and runs on to the next line, as on the server.
 * 2. `'`, `"` and `` ` `` open a literal that runs to the next unescaped identical quote;
 *    newlines do not end it (the server does not care that JavaScript would).
 * 3. `/*` runs to the next `*\/`; `//` runs to the next `\n` (a lone `\r` does not end it).
 * 4. Regular-expression literals are not recognised, as on the server: a quote or `//` inside
 *    one opens a string or comment. Handlers the server rejects for that reason are rejected
 *    here too, with the same message.
 *
 * Choices:
 *
 * - Delimiters are blanked with the contents (quotes, `//`, `/*`, `*\/`). The server does the same, which is why a user's own `'use strict';` reaches the
 *   validator as a bare `;`.
 * - Template literals are treated like the server treats them: as one quoted run up to the
 *   next unescaped backtick. `${…}` is not special, so the expression part is blanked along
 *   with the text, and a template nested inside `${…}` ends the outer one early, exactly as
 *   on the server (so a `createTimer(` or SQL++ statement inside `${…}` is invisible to the
 *   timer check and the transpiler there too).
 * - `\n` and `\r` inside blanked runs are kept so that line and column positions computed on
 *   the blanked text equal those of the source. Every other blanked UTF-16 unit becomes one
 *   space, so the result has exactly the source's length. (The Go parser works on UTF-8 bytes
 *   and also turns newlines into spaces; consumers that quote server text, such as the
 *   structure validator's messages, convert back.)
 *
 * Linear time: every character is looked at a bounded number of times.
 */

const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const STAR = 0x2a;
const LF = 0x0a;

/** The only characters at which the scan of plain code has to stop and look. */
const STOPS = new Uint8Array(128);
for (const c of '\\\'"`/') STOPS[c.charCodeAt(0)] = 1;

const LINE_BREAK = /[\n\r]/;
const NOT_LINE_BREAK = /[^\n\r]/g;
/** Grows (by doubling) when a longer blank run is needed; see {@link spaces}. */
let spaceRun = ' '.repeat(1024);

/**
 * Returns `source` with comments, string and template literals and escaped
 * characters replaced by spaces (`\n` and `\r` kept), the same length as `source`.
 *
 * @example
 * blankCode(`log('a;b'); // done`) // => "log(     );        "
 */
export function blankCode(source: string): string {
  const n = source.length;
  let blanked = '';
  let copied = 0;

  let i = 0;
  while (i < n) {
    const at = nextStop(source, i);
    // The server leaves a backslash that ends the text alone.
    if (at >= n - 1 && (at >= n || source.charCodeAt(at) === BACKSLASH)) break;
    const c = source.charCodeAt(at);
    let end: number;
    if (c === BACKSLASH) end = escapeEnd(source, at);
    else if (c !== SLASH) end = quotedEnd(source, at, c);
    else {
      const next = source.charCodeAt(at + 1);
      if (next === STAR) end = blockCommentEnd(source, at + 2);
      else if (next === SLASH) end = lineCommentEnd(source, at + 2);
      else end = at; // a division, or a regex literal the server does not recognise either
    }
    if (end > at) {
      blanked += source.slice(copied, at) + blankRun(source.slice(at, end));
      copied = end;
      i = end;
    } else {
      i = at + 1;
    }
  }
  return blanked + source.slice(copied);
}

/** The next backslash, quote or slash at or after `from`, or the length of the text. */
function nextStop(source: string, from: number): number {
  const n = source.length;
  let j = from;
  while (j < n) {
    const c = source.charCodeAt(j);
    if (c < 0x80 && STOPS[c] === 1) return j;
    j++;
  }
  return n;
}

function quotedEnd(source: string, at: number, quote: number): number {
  const n = source.length;
  let j = at + 1;
  while (j < n) {
    const c = source.charCodeAt(j);
    if (c === quote) return j + 1;
    j += c === BACKSLASH ? 2 : 1;
  }
  return n;
}

function blockCommentEnd(source: string, from: number): number {
  const n = source.length;
  let j = from;
  while (j < n) {
    const c = source.charCodeAt(j);
    if (c === STAR && source.charCodeAt(j + 1) === SLASH) return j + 2;
    j += c === BACKSLASH ? 2 : 1;
  }
  return n;
}

/** Ends before the `\n`, which stays code: only the comment itself is blanked. */
function lineCommentEnd(source: string, from: number): number {
  const n = source.length;
  let j = from;
  while (j < n) {
    const c = source.charCodeAt(j);
    if (c === LF) return j;
    j += c === BACKSLASH ? 2 : 1;
  }
  return n;
}

/**
 * A backslash takes the whole next code point, so no lone surrogate is left behind.
 * fidelity: the server works on UTF-8 bytes and blanks only the first byte of a non-ASCII
 * character after a backslash in code, leaving its other bytes as (invalid) text. Only a
 * validator message quoting such a statement could differ.
 */
function escapeEnd(source: string, at: number): number {
  const next = source.charCodeAt(at + 1);
  const low = source.charCodeAt(at + 2);
  const pair = next >= 0xd800 && next <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
  return at + (pair ? 3 : 2);
}

/** Spaces for everything but `\n` and `\r`, so the run keeps its length and line breaks. */
function blankRun(text: string): string {
  return LINE_BREAK.test(text) ? text.replace(NOT_LINE_BREAK, ' ') : spaces(text.length);
}

/** Slices of one long run of spaces share its memory instead of allocating each time. */
function spaces(length: number): string {
  while (spaceRun.length < length) spaceRun += spaceRun;
  return spaceRun.slice(0, length);
}
