/** One line of an inline statement, without its leading and trailing spaces. */
export interface StatementLine {
  body: string;
  /** The line break after the line as written (`\n`, `\r\n`, `\r`, U+2028, U+2029), or ''. */
  lineBreak: string;
}

/** Closes a `//` comment; never found inside one line, so such a comment runs to its end. */
const LINE_COMMENT = '\n';
const BLOCK_COMMENT = '*/';
const QUOTES = new Set(["'", '"', '`']);

/**
 * Removes JavaScript comments from the lines of an inline statement, as the server does before
 * it quotes them (its `stripComments`): the same scan as `blankCode` — a backslash takes
 * the next character along, `'`, `"` and `` ` `` open a literal that is kept, `/*` and `//`
 * open a comment that is dropped — except that literals are kept and nothing is blanked.
 *
 * fidelity: the server strips each line on its own, so a block comment or a literal that
 * spans lines confuses it (the tail of a comment lands in the query text). We carry block
 * comments and literals from one line to the next, as `blankCode` does. A `//` comment ends at
 * `\n` (or `\r\n`), as on the server, even after a backslash; it runs on over a lone `\r`,
 * U+2028 or U+2029, where the server does not split lines either.
 *
 * @example
 * stripStatementComments([
 *   { body: "SELECT '//x' /* a", lineBreak: '\n' },
 *   { body: 'b *\/ FROM t; // done', lineBreak: '' },
 * ]) // => ["SELECT '//x' ", ' FROM t; ']
 */
export function stripStatementComments(lines: readonly StatementLine[]): string[] {
  let open = '';
  return lines.map((line) => {
    const stripped = stripLine(line.body, open);
    const lineCommentEnds = stripped.open === LINE_COMMENT && line.lineBreak.endsWith('\n');
    open = lineCommentEnds ? '' : stripped.open;
    return stripped.text;
  });
}

/** `open` is the delimiter that closes the run the line starts in ('' in plain code). */
function stripLine(body: string, open: string): { text: string; open: string } {
  let text = '';
  let closer = open;
  let i = 0;
  while (i < body.length) {
    const inComment = closer === LINE_COMMENT || closer === BLOCK_COMMENT;
    let length = 1;
    if (body[i] === '\\') {
      length = 2; // a backslash takes the next character along, even in a comment
    } else if (closer !== '') {
      if (body.startsWith(closer, i)) {
        length = closer.length;
        closer = '';
      }
    } else if (body.startsWith('/*', i) || body.startsWith('//', i)) {
      closer = body[i + 1] === '*' ? BLOCK_COMMENT : LINE_COMMENT;
      i += 2;
      continue;
    } else if (QUOTES.has(body[i]!)) {
      closer = body[i]!;
    }
    if (!inComment) text += body.slice(i, i + length);
    i += length;
  }
  return { text, open: closer };
}
