import { decodeQuoted, type SqlToken, tokenizeSql } from '../../runtime/index.ts';
import { type QueryError, type SourcePosition, syntaxError } from './query-error.ts';

// The evaluator's view of the shared SQL++ lexer (the one the handler transpiler uses):
// case-insensitive reserved words, decoded strings and identifiers, numbers as values, and
// every token's line and column. Reserved words are the server's whole list, not just the ones
// this evaluator implements, so an unescaped `value` or `user` fails here as on a cluster.

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

/** The symbols of SQL++; the shared lexer also reads JavaScript's, which are errors here. */
const SYMBOLS = new Set(['==', '!=', '<>', '<=', '>=', '||', '??', ...'.+-*/%^=<>(){},:[];!']);

/**
 * Tokenizes a statement; the last token is always `end`. Throws a code-3000 `QueryError` with
 * line and column for text that is not a token (an unclosed quote, `1abc`, a stray `#`).
 *
 * @example
 * tokenize('SELECT `name` FROM b').map((t) => t.kind); // ['keyword', 'identifier', 'keyword', 'identifier', 'end']
 */
export function tokenize(source: string): Token[] {
  const lexed = tokenizeSql(source);
  const lines = new LineIndex(source);
  const fail = (offset: number, problem: string): QueryError =>
    syntaxError(source, lines.position(offset), problem);
  const tokens = lexed.tokens.map((token): Token => {
    const body = tokenBody(token, (problem) => fail(token.offset, problem));
    const at = lines.position(token.offset);
    return { ...body, text: token.text, at, end: token.offset + token.text.length };
  });
  if (lexed.problem) throw fail(lexed.problem.offset, lexed.problem.reason);
  tokens.push({ kind: 'end', text: '', at: lines.position(source.length), end: source.length });
  return tokens;
}

function tokenBody(token: SqlToken, fail: (problem: string) => QueryError): TokenBody {
  switch (token.kind) {
    case 'word': {
      const upper = token.text.toUpperCase();
      return RESERVED.has(upper)
        ? { kind: 'keyword', word: upper }
        : { kind: 'identifier', name: token.text, quoted: false };
    }
    case 'identifier':
      return { kind: 'identifier', name: decoded(token, fail), quoted: true };
    case 'string':
      return { kind: 'string', value: decoded(token, fail) };
    case 'number':
      return { kind: 'number', value: Number(token.text) };
    case 'named-parameter':
      return { kind: 'named-param', name: token.value };
    case 'positional-parameter':
      return { kind: 'positional-param', index: Number(token.value) };
    case 'symbol':
      return symbolBody(token.text, fail);
  }
}

function symbolBody(symbol: string, fail: (problem: string) => QueryError): TokenBody {
  if (symbol === '?') return { kind: 'next-param' };
  if (symbol === '$' || symbol === '@') throw fail('a parameter needs a name or a number from 1');
  if (!SYMBOLS.has(symbol)) throw fail(JSON.stringify(symbol));
  return { kind: 'symbol', symbol };
}

function decoded(token: SqlToken, fail: (problem: string) => QueryError): string {
  // A case-insensitive identifier (`name`i) is read as the name as written.
  const text = token.kind === 'identifier' ? token.text.replace(/i$/, '') : token.text;
  const result = decodeQuoted(text);
  if ('value' in result) return result.value;
  throw fail(`invalid escape sequence ${result.invalidEscape}`);
}

/** Line and column of an offset, from the offsets where lines start. */
class LineIndex {
  readonly #starts = [0];

  constructor(source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1))
      this.#starts.push(i + 1);
  }

  position(offset: number): SourcePosition {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.#starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { offset, line: low + 1, column: offset - this.#starts[low]! + 1 };
  }
}
