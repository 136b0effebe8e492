import type { SelectStatement, Span } from './ast.ts';
import { type Token, tokenize } from './lexer.ts';
import { type QueryError, type SourcePosition, syntaxError, unsupported } from './query-error.ts';

/**
 * The parser's view of a statement: tokens one at a time, with helpers that turn a wrong token
 * into a syntax error pointing at it, or into an "unsupported" error naming the construct.
 *
 * @example
 * const cursor = new TokenCursor('SELECT 1');
 * cursor.expectKeyword('SELECT');
 * cursor.peek().kind; // 'number'
 */
export class TokenCursor {
  readonly source: string;
  readonly #tokens: Token[];
  #index = 0;
  #questionMarks = 0;
  /**
   * Parses a SELECT for a subquery; set by the statement parser (expressions parsed on their
   * own have none, and refuse subqueries).
   */
  selectParser: ((cursor: TokenCursor) => SelectStatement) | undefined;
  /** The scope whose collections one-part keyspace names are (a request's `query_context`). */
  queryContext: { bucket: string; scope: string } | undefined;

  constructor(source: string) {
    this.source = source;
    this.#tokens = tokenize(source);
  }

  /** The token `ahead` places on; past the end it is the `end` token. */
  peek(ahead = 0): Token {
    const last = this.#tokens.length - 1;
    return this.#tokens[Math.min(this.#index + ahead, last)]!;
  }

  next(): Token {
    const token = this.peek();
    if (this.#index < this.#tokens.length - 1) this.#index += 1;
    return token;
  }

  /** The span from `start` to the end of the last token consumed. */
  spanFrom(start: SourcePosition): Span {
    const end = this.#tokens[this.#index - 1]?.end ?? start.offset;
    return { offset: start.offset, line: start.line, column: start.column, end };
  }

  isKeyword(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'keyword' && token.word === word;
  }

  acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.next();
    return true;
  }

  expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) throw this.fail();
    return this.next();
  }

  isSymbol(symbol: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'symbol' && token.symbol === symbol;
  }

  acceptSymbol(symbol: string): boolean {
    if (!this.isSymbol(symbol)) return false;
    this.next();
    return true;
  }

  expectSymbol(symbol: string): Token {
    if (!this.isSymbol(symbol)) throw this.fail();
    return this.next();
  }

  /** Consumes an identifier (plain or backtick-quoted) and returns its name, if one is next. */
  acceptIdentifier(): string | undefined {
    const token = this.peek();
    if (token.kind !== 'identifier') return undefined;
    this.next();
    return token.name;
  }

  expectIdentifier(): string {
    const name = this.acceptIdentifier();
    if (name === undefined) throw this.fail();
    return name;
  }

  /** `?` parameters are numbered in the order they appear, from 1. */
  nextQuestionMark(): number {
    this.#questionMarks += 1;
    return this.#questionMarks;
  }

  /** A syntax error at `token` (the next one by default). */
  fail(token: Token = this.peek()): QueryError {
    const at = token.kind === 'end' ? 'end of input' : token.text;
    return syntaxError(this.source, token.at, at);
  }

  /** A subquery `(SELECT ...)` at the cursor, the opening parenthesis already consumed. */
  subquery(): SelectStatement {
    if (!this.selectParser) throw this.unsupported('subqueries');
    const select = this.selectParser(this);
    this.expectSymbol(')');
    return select;
  }

  /** An "unsupported" error for `construct`, pointing at `token` (the next one by default). */
  unsupported(construct: string, token: Token = this.peek()): QueryError {
    return unsupported(construct, token.at);
  }
}
