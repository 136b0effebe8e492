import { type QueryError, type SourcePosition, syntaxError } from './query-error.ts';

// Splits a SQL++ statement into tokens the way the Query service's lexer does: case-insensitive
// reserved words, three kinds of quotes, `$name`/`@name`/`$1`/`?` parameters, `--` and `/* */`
// comments. Reserved words are the server's whole list, not just the ones this evaluator
// implements, so an unescaped `value` or `user` fails here as it fails on a cluster.

/** The Query service's reserved words (couchbase/query `parser/n1ql/n1ql.nex`). */
const RESERVED = new Set(
  `_INDEX_CONDITION _INDEX_KEY ADVISE ALL ALTER ANALYZE AND ANY ARRAY AS ASC AT BEGIN BETWEEN
  BINARY BOOLEAN BREAK BUCKET BUILD BY CALL CASE CAST CLUSTER COLLATE COLLECTION COMMIT COMMITTED
  CONNECT CONTINUE CORRELATED COVER CREATE CURRENT CYCLE DATABASE DATASET DATASTORE DECLARE
  DECREMENT DEFAULT DELETE DERIVED DESC DESCRIBE DISTINCT DO DROP EACH ELEMENT ELSE END ESCAPE
  EVERY EXCEPT EXCLUDE EXECUTE EXISTS EXPLAIN FALSE FETCH FILTER FIRST FLATTEN FLATTEN_KEYS FLUSH
  FOLLOWING FOR FORCE FROM FTS FUNCTION GOLANG GRANT GROUP GROUPS GSI HASH HAVING IF IGNORE ILIKE
  IN INCLUDE INCREMENT INDEX INFER INLINE INNER INSERT INTERSECT INTO IS ISOLATION JAVASCRIPT JOIN
  KEY KEYS KEYSPACE KNOWN LANGUAGE LAST LATERAL LEFT LET LETTING LEVEL LIKE LIMIT LSM MAP MAPPING
  MATCHED MATERIALIZED MERGE MISSING NAMESPACE NEST NL NO NOT NTH_VALUE NULL NULLS NUMBER OBJECT
  OFFSET ON OPTION OPTIONS OR ORDER OTHERS OUTER OVER PARSE PARTITION PASSWORD PATH POOL PRECEDING
  PREPARE PRIMARY PRIVATE PRIVILEGE PROCEDURE PROBE PUBLIC RANGE RAW READ REALM RECURSIVE REDUCE
  RENAME REPLACE RESPECT RESTRICT RETURN RETURNING REVOKE RIGHT ROLE ROLLBACK ROW ROWS SATISFIES
  SAVEPOINT SCHEMA SCOPE SELECT SELF SET SHOW SOME START STATISTICS STRING SYSTEM THEN TIES TO TRAN
  TRANSACTION TRIGGER TRUE TRUNCATE UNBOUNDED UNDER UNION UNIQUE UNKNOWN UNNEST UNSET UPDATE UPSERT
  USE USER USING VALIDATE VALUE VALUED VALUES VIA VIEW WHEN WHERE WHILE WINDOW WITH WITHIN WORK
  XOR`.split(/\s+/),
);

type TokenBody =
  /** A reserved word, upper-cased in `word`. */
  | { kind: 'keyword'; word: string }
  /** A plain or backtick-quoted identifier, decoded. */
  | { kind: 'identifier'; name: string; quoted: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'named-param'; name: string }
  | { kind: 'positional-param'; index: number }
  /** `?`: the parser numbers these in order of appearance. */
  | { kind: 'next-param' }
  | { kind: 'symbol'; symbol: string }
  | { kind: 'end' };

/** One token with its source text and where it starts and ends. */
export type Token = TokenBody & { text: string; at: SourcePosition; end: number };

const SYMBOLS = ['==', '!=', '<>', '<=', '>=', '||', '??', ...'.+-*/%^=<>(){},:[];!'];
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const PARAM_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const PARAM_INDEX = /[1-9][0-9]*/y;
const SIMPLE_ESCAPES: Record<string, string> = {
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
 * Tokenizes a statement; the last token is always `end`. Throws a code-3000 `QueryError` with
 * line and column for text that is not a token (an unclosed quote, `1abc`, a stray `#`).
 *
 * @example
 * tokenize('SELECT `name` FROM b').map((t) => t.kind); // ['keyword', 'identifier', 'keyword', 'identifier', 'end']
 */
export function tokenize(source: string): Token[] {
  return new Lexer(source).run();
}

class Lexer {
  readonly #source: string;
  readonly #tokens: Token[] = [];
  #offset = 0;
  #line = 1;
  #lineStart = 0;

  constructor(source: string) {
    this.#source = source;
  }

  run(): Token[] {
    for (;;) {
      this.#skipSpaceAndComments();
      const at = this.#position();
      if (this.#offset >= this.#source.length) {
        this.#tokens.push({ kind: 'end', text: '', at, end: this.#offset });
        return this.#tokens;
      }
      const body = this.#token(at);
      this.#tokens.push({
        ...body,
        text: this.#source.slice(at.offset, this.#offset),
        at,
        end: this.#offset,
      });
    }
  }

  #token(at: SourcePosition): TokenBody {
    const char = this.#source[this.#offset]!;
    if (char === '"' || char === "'") return { kind: 'string', value: this.#quoted(char, at) };
    if (char === '`') return { kind: 'identifier', name: this.#quoted('`', at), quoted: true };
    if (char === '$' || char === '@') return this.#parameter(at);
    if (char === '?' && this.#source[this.#offset + 1] !== '?') {
      this.#offset += 1;
      return { kind: 'next-param' };
    }
    const word = this.#match(WORD);
    if (word !== undefined) {
      const upper = word.toUpperCase();
      return RESERVED.has(upper)
        ? { kind: 'keyword', word: upper }
        : { kind: 'identifier', name: word, quoted: false };
    }
    const number = this.#match(NUMBER);
    if (number !== undefined) {
      if (/[A-Za-z_]/.test(this.#source[this.#offset] ?? ''))
        throw this.#error(at, 'invalid number');
      return { kind: 'number', value: Number(number) };
    }
    const symbol = SYMBOLS.find((s) => this.#source.startsWith(s, this.#offset));
    if (symbol === undefined) throw this.#error(at, JSON.stringify(char));
    this.#offset += symbol.length;
    return { kind: 'symbol', symbol };
  }

  #parameter(at: SourcePosition): TokenBody {
    this.#offset += 1;
    const name = this.#match(PARAM_NAME);
    if (name !== undefined) return { kind: 'named-param', name };
    const index = this.#match(PARAM_INDEX);
    if (index !== undefined) return { kind: 'positional-param', index: Number(index) };
    throw this.#error(at, 'a parameter needs a name or a number from 1');
  }

  /** Reads a quoted string or identifier, decoding escapes and doubled closing quotes. */
  #quoted(quote: string, at: SourcePosition): string {
    let text = '';
    let offset = this.#offset + 1;
    for (;;) {
      const char = this.#source[offset];
      if (char === undefined) throw this.#error(at, `unterminated ${quote} quote`);
      if (char === quote && quote !== '"' && this.#source[offset + 1] === quote) {
        text += quote;
        offset += 2;
      } else if (char === quote) {
        this.#advanceTo(offset + 1);
        return text;
      } else if (char === '\\') {
        const [decoded, length] = this.#escape(offset, at);
        text += decoded;
        offset += length;
      } else {
        text += char;
        offset += 1;
      }
    }
  }

  #escape(offset: number, at: SourcePosition): [string, number] {
    const next = this.#source[offset + 1] ?? '';
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) return [simple, 2];
    const hex = this.#source.slice(offset + 2, offset + 6);
    if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(hex))
      return [String.fromCharCode(Number.parseInt(hex, 16)), 6];
    throw this.#error(at, `invalid escape sequence \\${next}`);
  }

  #skipSpaceAndComments(): void {
    for (;;) {
      const rest = this.#source.slice(this.#offset, this.#offset + 2);
      if (/^\s/.test(rest)) this.#advanceTo(this.#offset + 1);
      else if (rest === '--') this.#advanceTo(this.#lineEnd());
      else if (rest === '/*') {
        const close = this.#source.indexOf('*/', this.#offset + 2);
        if (close < 0) throw this.#error(this.#position(), 'unterminated /* comment');
        this.#advanceTo(close + 2);
      } else return;
    }
  }

  #lineEnd(): number {
    const newline = this.#source.indexOf('\n', this.#offset);
    return newline < 0 ? this.#source.length : newline;
  }

  /** Moves to `offset`, keeping line and column right across newlines. */
  #advanceTo(offset: number): void {
    for (let i = this.#offset; i < offset; i++) {
      if (this.#source[i] === '\n') {
        this.#line += 1;
        this.#lineStart = i + 1;
      }
    }
    this.#offset = offset;
  }

  #match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.#offset;
    const found = pattern.exec(this.#source);
    if (!found) return undefined;
    this.#offset += found[0].length;
    return found[0];
  }

  #position(): SourcePosition {
    return { offset: this.#offset, line: this.#line, column: this.#offset - this.#lineStart + 1 };
  }

  #error(at: SourcePosition, problem: string): QueryError {
    return syntaxError(this.#source, at, problem);
  }
}
