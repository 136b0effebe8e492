import type { AggregateFunction, Expression } from './ast.ts';
import { libraryFunction } from './functions/library.ts';
import type { Token } from './lexer.ts';
import { describePosition, QUERY_ERROR_CODE, QueryError } from './query-error.ts';
import type { TokenCursor } from './token-cursor.ts';

// The innermost expressions: literals, parameters, names, parentheses, array and object
// constructors, META() and the aggregate functions. Whole sub-expressions (inside brackets and
// calls) are parsed by the function the expression parser passes in, which keeps the two
// modules free of an import cycle.

/** Parses a complete expression; supplied by the expression parser. */
export type ExpressionParser = (cursor: TokenCursor) => Expression;

const AGGREGATES = new Set<string>(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX']);
const KEYWORD_LITERALS: Record<string, unknown> = { TRUE: true, FALSE: false, NULL: null };

/** Keywords that open an expression this evaluator does not implement, and what to call it. */
const UNSUPPORTED_OPENERS: Record<string, string> = {
  ANY: 'ANY ... SATISFIES',
  SOME: 'SOME ... SATISFIES',
  EVERY: 'EVERY ... SATISFIES',
  ARRAY: 'ARRAY ... FOR comprehensions',
  FIRST: 'FIRST ... FOR comprehensions',
  OBJECT: 'OBJECT ... FOR comprehensions',
  SELECT: 'subqueries without parentheses',
  CAST: 'CAST',
};

/**
 * Parses one primary expression at the cursor.
 *
 * @example
 * parsePrimary(new TokenCursor('COUNT(DISTINCT a.x)'), parseExpression).kind; // 'aggregate'
 */
export function parsePrimary(cursor: TokenCursor, expression: ExpressionParser): Expression {
  const token = cursor.peek();
  switch (token.kind) {
    case 'number':
    case 'string':
      cursor.next();
      return { kind: 'literal', value: token.value, at: cursor.spanFrom(token.at) };
    case 'named-param':
    case 'positional-param':
    case 'next-param':
      cursor.next();
      return { kind: 'parameter', key: parameterKey(cursor, token), at: cursor.spanFrom(token.at) };
    case 'identifier':
      cursor.next();
      if (cursor.isSymbol('(')) return parseCall(cursor, token, expression);
      return { kind: 'identifier', name: token.name, at: cursor.spanFrom(token.at) };
    case 'keyword':
      return parseKeywordPrimary(cursor, token, expression);
    case 'symbol':
      return parseBracketed(cursor, token, expression);
    case 'end':
      throw cursor.fail();
  }
}

function parameterKey(cursor: TokenCursor, token: Token): string | number {
  if (token.kind === 'named-param') return token.name;
  if (token.kind === 'positional-param') return token.index;
  return cursor.nextQuestionMark();
}

function parseKeywordPrimary(
  cursor: TokenCursor,
  token: Token & { kind: 'keyword' },
  expression: ExpressionParser,
): Expression {
  if (token.word in KEYWORD_LITERALS || token.word === 'MISSING') {
    cursor.next();
    const value = KEYWORD_LITERALS[token.word];
    return { kind: 'literal', value, at: cursor.spanFrom(token.at) };
  }
  if (token.word === 'CASE') return parseCase(cursor, expression);
  // Some functions are named by reserved words (REPLACE).
  if (cursor.isSymbol('(', 1) && libraryFunction(token.word)) {
    cursor.next();
    return parseFunctionCall(cursor, token, token.word, expression);
  }
  if (token.word === 'EXISTS') {
    cursor.next();
    const operand = expression(cursor);
    return { kind: 'exists', operand, at: cursor.spanFrom(token.at) };
  }
  const construct = UNSUPPORTED_OPENERS[token.word];
  if (construct !== undefined) throw cursor.unsupported(construct);
  throw cursor.fail();
}

/** `CASE [operand] WHEN w THEN t ... [ELSE e] END`. */
function parseCase(cursor: TokenCursor, expression: ExpressionParser): Expression {
  const start = cursor.expectKeyword('CASE');
  const operand = cursor.isKeyword('WHEN') ? undefined : expression(cursor);
  const branches: Array<{ when: Expression; result: Expression }> = [];
  do {
    cursor.expectKeyword('WHEN');
    const when = expression(cursor);
    cursor.expectKeyword('THEN');
    branches.push({ when, result: expression(cursor) });
  } while (cursor.isKeyword('WHEN'));
  const otherwise = cursor.acceptKeyword('ELSE') ? expression(cursor) : undefined;
  cursor.expectKeyword('END');
  return { kind: 'case', operand, branches, otherwise, at: cursor.spanFrom(start.at) };
}

function parseBracketed(
  cursor: TokenCursor,
  token: Token & { kind: 'symbol' },
  expression: ExpressionParser,
): Expression {
  if (token.symbol === '(') {
    cursor.next();
    if (cursor.isKeyword('SELECT')) {
      const select = cursor.subquery();
      return { kind: 'subquery', select, at: cursor.spanFrom(token.at) };
    }
    const inner = expression(cursor);
    cursor.expectSymbol(')');
    return inner;
  }
  if (token.symbol === '[') {
    cursor.next();
    const items = parseList(cursor, ']', expression);
    return { kind: 'array', items, at: cursor.spanFrom(token.at) };
  }
  if (token.symbol === '{') {
    cursor.next();
    const entries = parseList(cursor, '}', (inner) => {
      const name = expression(inner);
      inner.expectSymbol(':');
      return { name, value: expression(inner) };
    });
    return { kind: 'object', entries, at: cursor.spanFrom(token.at) };
  }
  throw cursor.fail();
}

/** Comma-separated items up to `close`, which is consumed; empty lists are allowed. */
function parseList<T>(cursor: TokenCursor, close: string, item: (cursor: TokenCursor) => T): T[] {
  const items: T[] = [];
  if (cursor.acceptSymbol(close)) return items;
  do items.push(item(cursor));
  while (cursor.acceptSymbol(','));
  cursor.expectSymbol(close);
  return items;
}

function parseCall(
  cursor: TokenCursor,
  name: Token & { kind: 'identifier' },
  expression: ExpressionParser,
): Expression {
  const upper = name.name.toUpperCase();
  if (upper === 'META') return parseMeta(cursor, name);
  if (!AGGREGATES.has(upper)) return parseFunctionCall(cursor, name, upper, expression);
  cursor.expectSymbol('(');
  const distinct = cursor.acceptKeyword('DISTINCT');
  if (!distinct) cursor.acceptKeyword('ALL');
  const star = upper === 'COUNT' && !distinct && cursor.acceptSymbol('*');
  const argument = star ? undefined : expression(cursor);
  cursor.expectSymbol(')');
  if (cursor.isKeyword('FILTER')) throw cursor.unsupported('aggregate FILTER clauses');
  if (cursor.isKeyword('OVER')) throw cursor.unsupported('window functions (OVER)');
  const fn = upper.toLowerCase() as AggregateFunction;
  return { kind: 'aggregate', fn, argument, distinct, at: cursor.spanFrom(name.at) };
}

/** A call of a library function, with its number of arguments checked as the parser does. */
function parseFunctionCall(
  cursor: TokenCursor,
  name: Token,
  upper: string,
  expression: ExpressionParser,
): Expression {
  const fn = libraryFunction(upper);
  if (!fn) throw cursor.unsupported(`the function ${upper}()`, name);
  const open = cursor.expectSymbol('(');
  const args = parseList(cursor, ')', expression);
  if (args.length < fn.min || args.length > fn.max) {
    const lower = upper.toLowerCase();
    const expected =
      fn.min === fn.max
        ? `${fn.min}`
        : fn.max === Infinity
          ? `at least ${fn.min}`
          : `between ${fn.min} and ${fn.max}`;
    throw new QueryError(
      QUERY_ERROR_CODE.syntax,
      `Number of arguments to function ${lower} must be ${expected} (near ${describePosition(open.at)}).`,
      { position: open.at },
    );
  }
  return { kind: 'call', name: upper, args, at: cursor.spanFrom(name.at) };
}

function parseMeta(cursor: TokenCursor, name: Token): Expression {
  cursor.expectSymbol('(');
  const argument = cursor.peek();
  const alias = cursor.acceptIdentifier();
  if (cursor.peek().kind === 'end') throw cursor.fail();
  if (!cursor.isSymbol(')')) throw cursor.unsupported('META() of an expression', argument);
  cursor.next();
  return { kind: 'meta', alias, at: cursor.spanFrom(name.at) };
}
