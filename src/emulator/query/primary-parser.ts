import type { AggregateFunction, Expression } from './ast.ts';
import type { Token } from './lexer.ts';
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
  CASE: 'CASE expressions',
  ANY: 'ANY ... SATISFIES',
  SOME: 'SOME ... SATISFIES',
  EVERY: 'EVERY ... SATISFIES',
  ARRAY: 'ARRAY ... FOR comprehensions',
  FIRST: 'FIRST ... FOR comprehensions',
  OBJECT: 'OBJECT ... FOR comprehensions',
  EXISTS: 'EXISTS',
  SELECT: 'subqueries',
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
      return parseKeywordPrimary(cursor, token);
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

function parseKeywordPrimary(cursor: TokenCursor, token: Token & { kind: 'keyword' }): Expression {
  if (token.word in KEYWORD_LITERALS || token.word === 'MISSING') {
    cursor.next();
    const value = KEYWORD_LITERALS[token.word];
    return { kind: 'literal', value, at: cursor.spanFrom(token.at) };
  }
  const construct = UNSUPPORTED_OPENERS[token.word];
  if (construct !== undefined) throw cursor.unsupported(construct);
  throw cursor.fail();
}

function parseBracketed(
  cursor: TokenCursor,
  token: Token & { kind: 'symbol' },
  expression: ExpressionParser,
): Expression {
  if (token.symbol === '(') {
    cursor.next();
    if (cursor.isKeyword('SELECT')) throw cursor.unsupported('subqueries');
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
  if (!AGGREGATES.has(upper)) throw cursor.unsupported(`the function ${upper}()`, name);
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

function parseMeta(cursor: TokenCursor, name: Token): Expression {
  cursor.expectSymbol('(');
  const argument = cursor.peek();
  const alias = cursor.acceptIdentifier();
  if (cursor.peek().kind === 'end') throw cursor.fail();
  if (!cursor.isSymbol(')')) throw cursor.unsupported('META() of an expression', argument);
  cursor.next();
  return { kind: 'meta', alias, at: cursor.spanFrom(name.at) };
}
