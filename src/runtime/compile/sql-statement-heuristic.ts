import { isName, isSymbol, isWord, type SqlToken, tokenizeSql } from './sql-tokens.ts';

/**
 * The server keeps a candidate only if the real SQL++ parser accepts it (spec runtime.md §7.1).
 * We have no SQL++ parser, so the default test is a heuristic tuned for the one mistake that
 * matters: turning ordinary JavaScript into a query. Candidates come from a regex that needs a
 * keyword, whitespace and a `;`, so the JavaScript that reaches here is a statement that starts
 * with (or contains a name ending in) a keyword, such as `from = 3;`, `update (doc);`,
 * `var select = a && b;` or a `for (const from of list) {…}` block.
 *
 * fidelity: a heuristic, not the server's parser. It can accept text the parser rejects (for
 * example `SELECT FROM;`) and, rarely, reject valid SQL++ (`SELECT (1);` reads as a call).
 */

/** The keywords the candidate regex starts at (`delete` is always `delete from`). */
const KEYWORDS = new Set([
  'alter',
  'build',
  'create',
  'delete',
  'drop',
  'execute',
  'advise',
  'explain',
  'from',
  'grant',
  'infer',
  'with',
  'insert',
  'merge',
  'prepare',
  'rename',
  'select',
  'revoke',
  'update',
  'upsert',
]);

/** Every symbol the SQL++ lexer knows (`;` aside). Anything else (`=>`, `&&`, `!`, `+=`, …) is JavaScript. */
const SQL_SYMBOLS = new Set(
  '. + - * / % ^ = == != <> < <= > >= || ( ) [ ] { } , : ? ??'.split(' '),
);

/** Words that make sense in JavaScript and are neither SQL++ keywords nor likely field names. */
const JAVASCRIPT_WORDS = new Set(
  'var const return typeof instanceof throw try catch finally async await yield void'.split(' '),
);

/** `FUNCTION` is SQL++ only after these (`CREATE [OR REPLACE] FUNCTION`, `EXECUTE FUNCTION`, …). */
const BEFORE_FUNCTION = new Set(['create', 'replace', 'drop', 'execute']);

/** What must follow the keyword, or appear later, for the statement to make sense. */
const NEEDS: Partial<Record<string, (rest: readonly SqlToken[]) => boolean>> = {
  insert: (rest) => isWord(rest[0], 'into'),
  upsert: (rest) => isWord(rest[0], 'into'),
  merge: (rest) => isWord(rest[0], 'into'),
  delete: (rest) => isName(rest[0]),
  update: (rest) => isName(rest[0]) && rest.some((t) => isWord(t, 'set') || isWord(t, 'unset')),
  from: (rest) => rest.some((t) => isWord(t, 'select')),
  with: (rest) => rest.some((t) => isWord(t, 'select')),
};

/**
 * The default `isStatement` of {@link transpileQueries}: does this candidate look like a SQL++
 * statement rather than JavaScript? `text` is the candidate with comments removed and its
 * final `;`. It must:
 *
 * 1. lex as SQL++ (strings, backtick identifiers and block comments closed, no `0x1f`);
 * 2. use only SQL++ symbols: no `=>`, `===`, `&&`, `++`, `+=`, `?.`, `!`, `&`, …;
 * 3. have balanced `()`, `[]` and `{}`, and no `;` but the last;
 * 4. use none of `var const return typeof instanceof throw try catch finally async await
 *    yield void`, nor `function` except after `CREATE`, `REPLACE`, `DROP` or `EXECUTE`;
 * 5. follow the keyword (after any `(`s) with an operand: a name, literal, parameter, `(`,
 *    `[` or `{` (and `*` or `-` after `SELECT`), but not `in` and not a lone parenthesised
 *    group, which is a call such as `update (doc);`;
 * 6. have the words its keyword needs: `INTO` after INSERT/UPSERT/MERGE, a keyspace after
 *    DELETE FROM, a keyspace and SET/UNSET for UPDATE, a SELECT somewhere after FROM or WITH;
 * 7. not put `SELECT` straight after `FROM` (a subquery needs parentheses), except in
 *    `PREPARE name FROM SELECT …`.
 *
 * @example
 * looksLikeSqlStatement('SELECT * FROM `travel-sample` WHERE id = $id;') // => true
 * looksLikeSqlStatement('from = 3;') // => false
 * looksLikeSqlStatement('update (doc);') // => false
 */
export function looksLikeSqlStatement(text: string): boolean {
  const { tokens, valid } = tokenizeSql(text);
  if (!valid) return false;
  const body = isSymbol(tokens.at(-1), ';') ? tokens.slice(0, -1) : tokens;
  return (
    body.every(isSqlToken) &&
    !body.some(isJavaScriptWord) &&
    !body.some(isBareSubquery) &&
    isBalanced(body) &&
    hasStatementShape(body)
  );
}

function isSqlToken(token: SqlToken): boolean {
  return token.kind !== 'symbol' || SQL_SYMBOLS.has(token.text);
}

function isJavaScriptWord(token: SqlToken, i: number, tokens: readonly SqlToken[]): boolean {
  if (token.kind !== 'word') return false;
  const word = token.text.toLowerCase();
  if (word === 'function') return !BEFORE_FUNCTION.has(tokens[i - 1]?.text.toLowerCase() ?? '');
  return JAVASCRIPT_WORDS.has(word);
}

/** `FROM SELECT …`, except in `PREPARE name FROM SELECT …`. */
function isBareSubquery(token: SqlToken, i: number, tokens: readonly SqlToken[]): boolean {
  if (!isWord(token, 'select') || !isWord(tokens[i - 1], 'from')) return false;
  return !isWord(tokens[i - 3], 'prepare');
}

const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

function isBalanced(tokens: readonly SqlToken[]): boolean {
  const open: string[] = [];
  for (const token of tokens) {
    if (token.kind !== 'symbol') continue;
    if (token.text === '(' || token.text === '[' || token.text === '{') open.push(token.text);
    const opener = CLOSERS[token.text];
    if (opener !== undefined && open.pop() !== opener) return false;
  }
  return open.length === 0;
}

function hasStatementShape(tokens: readonly SqlToken[]): boolean {
  let start = 0;
  while (isSymbol(tokens[start], '(')) start++;
  const keyword = tokens[start]?.kind === 'word' ? tokens[start]!.text.toLowerCase() : '';
  if (!KEYWORDS.has(keyword)) return false;
  const rest = tokens.slice(restStart(tokens, start, keyword));
  const first = rest[0];
  if (first === undefined || !startsOperand(first, keyword) || isLoneCall(rest, start)) {
    return false;
  }
  return NEEDS[keyword]?.(rest) ?? true;
}

/** Where the statement proper starts: after `DELETE FROM`, after `WITH name AS`, else after the keyword. */
function restStart(tokens: readonly SqlToken[], at: number, keyword: string): number {
  if (keyword === 'delete') return isWord(tokens[at + 1], 'from') ? at + 2 : tokens.length;
  if (keyword !== 'with') return at + 1;
  const as = tokens.findIndex((token, i) => i > at + 1 && isWord(token, 'as'));
  return as < 0 ? tokens.length : as + 1;
}

function startsOperand(token: SqlToken, keyword: string): boolean {
  if (token.kind === 'word') return token.text.toLowerCase() !== 'in';
  if (token.kind !== 'symbol') return true;
  if (token.text === '(' || token.text === '[' || token.text === '{') return true;
  return keyword === 'select' && (token.text === '*' || token.text === '-');
}

/** `keyword (…)` and nothing after but the `)`s closing leading `(`s: a JavaScript call. */
function isLoneCall(rest: readonly SqlToken[], leadingParens: number): boolean {
  if (!isSymbol(rest[0], '(')) return false;
  let depth = 0;
  let close = 0;
  for (; close < rest.length; close++) {
    if (isSymbol(rest[close], '(')) depth++;
    if (isSymbol(rest[close], ')')) depth--;
    if (depth === 0) break;
  }
  const after = rest.slice(close + 1);
  return after.length <= leadingParens && after.every((token) => isSymbol(token, ')'));
}
