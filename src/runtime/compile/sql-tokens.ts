/**
 * The SQL++ lexer, shared by the handler transpiler (which reads an inline statement's
 * parameters, its DML target and whether it looks like SQL++ at all) and by the emulated Query
 * service's evaluator (which reads keywords, decoded strings and positions from the same
 * tokens). It follows the query service's lexer (`couchbase/query` `parser/n1ql/n1ql.nex`):
 *
 * - `"…"` strings take backslash escapes; `'…'` strings also take `''`; `` `…` `` identifiers
 *   take `` `` `` and backslash escapes, and may end in `i` (case-insensitive identifier).
 * - `/* … *\/` and `-- …` (to the end of the line) are comments, so a `$name` inside one is no
 *   parameter.
 * - Words are `[A-Za-z_][A-Za-z0-9_]*`: `$` is not a word character, so `a$b` is `a` then `$b`.
 * - `$name` and `@name` are named parameters, `$1` and `@1` positional ones.
 */

/** What a token is, as far as the callers in this folder need to know. */
export type SqlTokenKind =
  | 'word'
  | 'identifier'
  | 'string'
  | 'number'
  | 'named-parameter'
  | 'positional-parameter'
  | 'symbol';

/** One token of a SQL++ statement. */
export interface SqlToken {
  kind: SqlTokenKind;
  /** The token as written. */
  text: string;
  /**
   * A backtick identifier's name without its quotes (escapes resolved), a parameter's name or
   * position without `$`/`@`; for every other kind the same as `text` (see {@link decodeQuoted}
   * for a string's value).
   */
  value: string;
  /** Where the token starts in the statement (0-based). */
  offset: number;
}

/** Why the lexer stopped early, and where. */
export interface SqlLexProblem {
  offset: number;
  /** `unterminated " quote`, `unterminated /* comment`, `invalid number`, ... */
  reason: string;
}

/** The tokens of a statement, and whether the whole text lexed cleanly. */
export interface SqlTokens {
  tokens: SqlToken[];
  /**
   * False when the lexer stopped early: an unterminated string, identifier or block comment,
   * or a malformed number such as `0x1f` or `2nd`. `tokens` then holds what came before.
   */
  valid: boolean;
  /** What stopped the lexer, when `valid` is false. */
  problem?: SqlLexProblem;
}

/** Multi-character operators, longest first. JavaScript-only ones are here so that a caller can see them whole. */
const OPERATORS = [
  '===',
  '!==',
  '=>',
  '==',
  '!=',
  '<>',
  '<=',
  '>=',
  '||',
  '&&',
  '++',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '?.',
  '??',
  '<<',
  '>>',
];

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const PARAMETER = /[$@](?:([A-Za-z_][A-Za-z0-9_]*)|([1-9][0-9]*))/y;
const WORD_CHAR = /[A-Za-z0-9_]/;
/** The lexer's whitespace; `\v` is not in it and is an unknown character there. */
const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\f']);

/**
 * Splits a SQL++ statement into tokens, dropping whitespace and comments.
 *
 * @example
 * tokenizeSql('SELECT `a b` FROM t WHERE x = $x -- note').tokens.map((t) => t.value)
 * // => ['SELECT', 'a b', 'FROM', 't', 'WHERE', 'x', '=', 'x']
 */
export function tokenizeSql(text: string): SqlTokens {
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < text.length) {
    if (WHITESPACE.has(text[i]!)) {
      i++;
      continue;
    }
    const comment = commentEnd(text, i);
    if (comment !== undefined) {
      if (comment < 0) return stopped(tokens, i, 'unterminated /* comment');
      i = comment;
      continue;
    }
    const next = readToken(text, i);
    if (!next) return stopped(tokens, i, malformedReason(text[i]!));
    tokens.push(next.token);
    i = next.end;
  }
  return { tokens, valid: true };
}

/**
 * Whether `token` is the word `word`, in any case (SQL++ keywords are case-insensitive).
 *
 * @example
 * isWord(tokenizeSql('select').tokens[0], 'select') // => true
 */
export function isWord(token: SqlToken | undefined, word: string): boolean {
  return token?.kind === 'word' && token.text.toLowerCase() === word;
}

/**
 * Whether `token` can name a keyspace or field: a plain word or a backtick identifier.
 *
 * @example
 * isName(tokenizeSql('`travel-sample`').tokens[0]) // => true
 */
export function isName(token: SqlToken | undefined): boolean {
  return token?.kind === 'word' || token?.kind === 'identifier';
}

/**
 * Whether `token` is the symbol `symbol`.
 *
 * @example
 * isSymbol(tokenizeSql('(').tokens[0], '(') // => true
 */
export function isSymbol(token: SqlToken | undefined, symbol: string): boolean {
  return token?.kind === 'symbol' && token.text === symbol;
}

function stopped(tokens: SqlToken[], offset: number, reason: string): SqlTokens {
  return { tokens, valid: false, problem: { offset, reason } };
}

function malformedReason(first: string): string {
  return first === '"' || first === "'" || first === '`'
    ? `unterminated ${first} quote`
    : 'invalid number';
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '`': '`',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * The value of a string or backtick identifier token: quotes removed, a doubled `'` or `` ` ``
 * standing for one, JSON's backslash escapes decoded. An unknown escape is reported rather
 * than guessed at.
 *
 * @example
 * decodeQuoted(`'it''s\\n'`) // => { value: "it's\n" }
 * decodeQuoted('"\\x"') // => { invalidEscape: '\\x' }
 */
export function decodeQuoted(text: string): { value: string } | { invalidEscape: string } {
  const quote = text[0]!;
  const close = text.lastIndexOf(quote);
  let value = '';
  for (let i = 1; i < close; i++) {
    const c = text[i]!;
    if (c === quote) {
      value += quote;
      i += 1;
    } else if (c !== '\\') {
      value += c;
    } else {
      const next = text[i + 1] ?? '';
      const hex = text.slice(i + 2, i + 6);
      if (SIMPLE_ESCAPES[next] !== undefined) {
        value += SIMPLE_ESCAPES[next];
        i += 1;
      } else if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(hex)) {
        value += String.fromCharCode(Number.parseInt(hex, 16));
        i += 5;
      } else {
        return { invalidEscape: `\\${next}` };
      }
    }
  }
  return { value };
}

interface Read {
  token: SqlToken;
  end: number;
}

/** The end of a comment starting at `at`, -1 for an unterminated one, undefined for none. */
function commentEnd(text: string, at: number): number | undefined {
  if (text.startsWith('--', at)) {
    const length = text.slice(at).search(/[\n\r]/);
    return length < 0 ? text.length : at + length;
  }
  if (text.startsWith('/*', at)) {
    const close = text.indexOf('*/', at + 2);
    return close < 0 ? -1 : close + 2;
  }
  return undefined;
}

/** Reads the token at `at`; undefined when it is malformed (the lexer would report an error). */
function readToken(text: string, at: number): Read | undefined {
  const c = text[at]!;
  if (c === '"') return quoted(text, at, 'string', false);
  if (c === "'") return quoted(text, at, 'string', true);
  if (c === '`') return identifier(text, at);
  if (c >= '0' && c <= '9') return number(text, at);
  return parameter(text, at) ?? word(text, at) ?? symbol(text, at);
}

/** A quoted run from `at` to its closing quote; `doubling` lets a doubled quote stand for one. */
function quoted(text: string, at: number, kind: SqlTokenKind, doubling: boolean): Read | undefined {
  const quote = text[at];
  let j = at + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') j += 2;
    else if (c !== quote) j++;
    else if (doubling && text[j + 1] === quote) j += 2;
    else return plain(text, at, j + 1, kind);
  }
  return undefined;
}

function identifier(text: string, at: number): Read | undefined {
  const run = quoted(text, at, 'identifier', true);
  if (!run) return undefined;
  const inner = run.token.text.slice(1, -1);
  // Only the name matters here: `` `` `` and backslash escapes stand for the character.
  const value = inner.replace(/``|\\(.)/gsu, (_pair, escaped?: string) => escaped ?? '`');
  const end = text[run.end] === 'i' ? run.end + 1 : run.end;
  return { token: { kind: 'identifier', text: text.slice(at, end), value, offset: at }, end };
}

/** A number running straight into a letter or digit is the lexer's "invalid number". */
function number(text: string, at: number): Read | undefined {
  NUMBER.lastIndex = at;
  const end = at + NUMBER.exec(text)![0].length;
  return WORD_CHAR.test(text[end] ?? '') ? undefined : plain(text, at, end, 'number');
}

function parameter(text: string, at: number): Read | undefined {
  PARAMETER.lastIndex = at;
  const match = PARAMETER.exec(text);
  if (!match) return undefined;
  const [written, name, position] = match;
  const kind = name === undefined ? 'positional-parameter' : 'named-parameter';
  const token = { kind, text: written, value: name ?? position!, offset: at } as const;
  return { token, end: at + written.length };
}

function word(text: string, at: number): Read | undefined {
  WORD.lastIndex = at;
  const match = WORD.exec(text);
  return match ? plain(text, at, at + match[0].length, 'word') : undefined;
}

function symbol(text: string, at: number): Read {
  const operator = OPERATORS.find((candidate) => text.startsWith(candidate, at));
  // A whole code point, so that a character outside the BMP stays one (unknown) symbol.
  const single = String.fromCodePoint(text.codePointAt(at)!);
  return plain(text, at, at + (operator ?? single).length, 'symbol');
}

function plain(text: string, from: number, to: number, kind: SqlTokenKind): Read {
  const written = text.slice(from, to);
  return { token: { kind, text: written, value: written, offset: from }, end: to };
}
