/** Where a possible inline statement sits in the handler: `start` inclusive, `end` exclusive. */
export interface CandidateSpan {
  start: number;
  /** Just after the statement's `;`. */
  end: number;
}

/** Go's `[[:space:]]`: ASCII only, so U+00A0 does not separate a keyword from the rest. */
const SPACE = '[\\t\\n\\v\\f\\r ]';
/** Go's `[[:word:]]` and `[[:punct:]]`, the characters of the name in `with <name> as`. */
const NAME_CHAR = '[0-9A-Za-z_!-\\/:-@\\[-`{-~]';

const KEYWORD = [
  'alter',
  'build',
  'create',
  `delete${SPACE}+?from`,
  'drop',
  'execute',
  'advise',
  'explain',
  'from',
  'grant',
  'infer',
  `with${SPACE}+?${NAME_CHAR}+?${SPACE}+?as\\(??`,
  'insert',
  'merge',
  'prepare',
  'rename',
  'select',
  'revoke',
  'update',
  'upsert',
].join('|');

/**
 * The server's pattern (`parser/parser.go` `maybe_n1ql`, flags `(?iU)`) up to the first
 * character of the statement's body: optional `(`s, a keyword, one whitespace character and
 * one more character that is not `;`. The server's pattern goes on with "anything up to the
 * first `;`"; we find that `;` with `indexOf` instead, which gives the same span but stays
 * linear on long handlers that have few semicolons (RE2 is linear, JavaScript regexes are not).
 * The `u` flag makes case folding Unicode's, as Go's `(?i)`: `ſelect` (long s) is `select`.
 */
const STATEMENT_START = new RegExp(`(?:\\(${SPACE}*?)*?(?:${KEYWORD})${SPACE}[^;]`, 'giu');

/**
 * Finds the spans of the blanked handler (see `blankCode`) that the server would hand to the
 * SQL++ parser, left to right, without overlaps, exactly where its regex finds them:
 *
 * - case-insensitive keywords: `alter build create drop execute advise explain from grant
 *   infer insert merge prepare rename select revoke update upsert`, `delete` only as
 *   `delete from`, `with` only as `with <name> as`, each after any number of `(`s (spaces
 *   allowed after each `(`);
 * - at least one ASCII whitespace after the keyword, then at least one character, up to and
 *   including the first `;`. With no `;` after it, a keyword starts nothing;
 * - word boundaries: only on the right, and only because whitespace must follow. So
 *   `selected = 1;`, `updateCount(x);`, `select(x);` and `doc.update= 1;` are no candidates,
 *   but nothing is checked on the left: `lastupdate = 1;` yields the candidate `update = 1;`
 *   (which no parser accepts) and `myselect * from t;` yields `select * from t;`, just as on
 *   the server.
 *
 * A candidate always ends at a `;` and the search goes on after it, so text that a rejected
 * candidate covered is never looked at again (as on the server).
 *
 * @example
 * const code = 'var a = 1; SELECT 1;';
 * findCandidates(code) // => [{ start: 11, end: 20 }]
 */
export function findCandidates(blanked: string): CandidateSpan[] {
  const spans: CandidateSpan[] = [];
  const pattern = new RegExp(STATEMENT_START);
  for (;;) {
    const match = pattern.exec(blanked);
    if (!match) return spans;
    const semicolon = blanked.indexOf(';', pattern.lastIndex);
    // No `;` after this start means none after any later start either.
    if (semicolon < 0) return spans;
    spans.push({ start: match.index, end: semicolon + 1 });
    pattern.lastIndex = semicolon + 1;
  }
}
