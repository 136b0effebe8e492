import type { BinaryOperator, Expression, IsTest } from './ast.ts';
import { parsePrimary } from './primary-parser.ts';
import type { SourcePosition } from './query-error.ts';
import type { TokenCursor } from './token-cursor.ts';

// Expressions by precedence climbing, loosest first, with the Query grammar's levels: OR, AND,
// NOT, equality, relational, LIKE, BETWEEN, IN, IS, ||, + -, * / %, unary minus, then paths.
// Comparison levels do not chain (`a = b = c` is a syntax error there too).

const EQUALITY: Record<string, BinaryOperator> = { '=': '=', '==': '=', '!=': '!=', '<>': '!=' };
const RELATIONAL: Record<string, BinaryOperator> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const ADDITIVE: Record<string, BinaryOperator> = { '+': '+', '-': '-' };
const MULTIPLICATIVE: Record<string, BinaryOperator> = { '*': '*', '/': '/', '%': '%' };
/**
 * Parses one expression at the cursor.
 *
 * @example
 * parseExpression(new TokenCursor('a.b[0] + 1 > $limit')).kind; // 'binary'
 */
export function parseExpression(cursor: TokenCursor): Expression {
  return parseOr(cursor);
}

/** A path such as `a.b[0].c`: what SET and UNSET assign to. */
export function parsePath(cursor: TokenCursor): Expression {
  return parsePostfix(cursor);
}

function parseOr(cursor: TokenCursor): Expression {
  return parseLogical(cursor, 'or', parseAnd);
}

function parseAnd(cursor: TokenCursor): Expression {
  return parseLogical(cursor, 'and', parseNot);
}

function parseLogical(
  cursor: TokenCursor,
  operator: 'and' | 'or',
  operand: (cursor: TokenCursor) => Expression,
): Expression {
  let left = operand(cursor);
  while (cursor.acceptKeyword(operator.toUpperCase())) {
    left = { kind: 'logical', operator, left, right: operand(cursor), at: span(cursor, left) };
  }
  return left;
}

function parseNot(cursor: TokenCursor): Expression {
  const start = cursor.peek();
  if (!cursor.acceptKeyword('NOT')) return parseComparison(cursor, EQUALITY, parseRelational);
  const operand = parseNot(cursor);
  return { kind: 'unary', operator: 'not', operand, at: cursor.spanFrom(start.at) };
}

function parseRelational(cursor: TokenCursor): Expression {
  return parseComparison(cursor, RELATIONAL, parseLike);
}

/** One non-chaining comparison level. */
function parseComparison(
  cursor: TokenCursor,
  operators: Record<string, BinaryOperator>,
  operand: (cursor: TokenCursor) => Expression,
): Expression {
  const left = operand(cursor);
  const token = cursor.peek();
  const operator = token.kind === 'symbol' ? operators[token.symbol] : undefined;
  if (operator === undefined) return left;
  cursor.next();
  return { kind: 'binary', operator, left, right: operand(cursor), at: span(cursor, left) };
}

/** True, consuming `NOT word`, when NOT is followed by `word`; false (consuming nothing) else. */
function acceptNegated(cursor: TokenCursor, word: string): boolean | undefined {
  if (cursor.isKeyword('NOT') && cursor.isKeyword(word, 1)) {
    cursor.next();
    cursor.next();
    return true;
  }
  return cursor.acceptKeyword(word) ? false : undefined;
}

function parseLike(cursor: TokenCursor): Expression {
  const left = parseBetween(cursor);
  if (cursor.isKeyword('ILIKE')) throw cursor.unsupported('ILIKE');
  const negated = acceptNegated(cursor, 'LIKE');
  if (negated === undefined) return left;
  const right = parseBetween(cursor);
  if (cursor.isKeyword('ESCAPE')) throw cursor.unsupported('LIKE ... ESCAPE');
  const operator = negated ? 'not like' : 'like';
  return { kind: 'binary', operator, left, right, at: span(cursor, left) };
}

function parseBetween(cursor: TokenCursor): Expression {
  const operand = parseIn(cursor);
  const negated = acceptNegated(cursor, 'BETWEEN');
  if (negated === undefined) return operand;
  // The bounds are the grammar's b_expr: arithmetic, no comparisons, so AND stays ours.
  const low = parseConcat(cursor);
  cursor.expectKeyword('AND');
  const high = parseConcat(cursor);
  return { kind: 'between', operand, low, high, negated, at: span(cursor, operand) };
}

function parseIn(cursor: TokenCursor): Expression {
  const left = parseIs(cursor);
  if (cursor.isKeyword('WITHIN') || (cursor.isKeyword('NOT') && cursor.isKeyword('WITHIN', 1))) {
    throw cursor.unsupported('WITHIN');
  }
  const negated = acceptNegated(cursor, 'IN');
  if (negated === undefined) return left;
  const operator = negated ? 'not in' : 'in';
  return { kind: 'binary', operator, left, right: parseIs(cursor), at: span(cursor, left) };
}

function parseIs(cursor: TokenCursor): Expression {
  let operand = parseConcat(cursor);
  while (cursor.acceptKeyword('IS')) {
    const negated = cursor.acceptKeyword('NOT');
    const [condition, flips] = isCondition(cursor);
    operand = {
      kind: 'is',
      operand,
      condition,
      negated: negated !== flips,
      at: span(cursor, operand),
    };
  }
  return operand;
}

/** The word after IS [NOT]; UNKNOWN means NOT VALUED and KNOWN means VALUED. */
function isCondition(cursor: TokenCursor): [IsTest['condition'], boolean] {
  const token = cursor.next();
  if (token.kind === 'keyword') {
    if (token.word === 'NULL') return ['null', false];
    if (token.word === 'MISSING') return ['missing', false];
    if (token.word === 'VALUED' || token.word === 'KNOWN') return ['valued', false];
    if (token.word === 'UNKNOWN') return ['valued', true];
  }
  throw cursor.fail(token);
}

function parseConcat(cursor: TokenCursor): Expression {
  return parseLeftAssociative(cursor, { '||': '||' }, parseAdditive);
}

function parseAdditive(cursor: TokenCursor): Expression {
  return parseLeftAssociative(cursor, ADDITIVE, parseMultiplicative);
}

function parseMultiplicative(cursor: TokenCursor): Expression {
  return parseLeftAssociative(cursor, MULTIPLICATIVE, parseUnary);
}

function parseLeftAssociative(
  cursor: TokenCursor,
  operators: Record<string, BinaryOperator>,
  operand: (cursor: TokenCursor) => Expression,
): Expression {
  let left = operand(cursor);
  for (;;) {
    const token = cursor.peek();
    const operator = token.kind === 'symbol' ? operators[token.symbol] : undefined;
    if (operator === undefined) return left;
    cursor.next();
    left = { kind: 'binary', operator, left, right: operand(cursor), at: span(cursor, left) };
  }
}

function parseUnary(cursor: TokenCursor): Expression {
  const start = cursor.peek();
  if (!cursor.acceptSymbol('-')) return parsePostfix(cursor);
  const operand = parseUnary(cursor);
  return { kind: 'unary', operator: 'negate', operand, at: cursor.spanFrom(start.at) };
}

function parsePostfix(cursor: TokenCursor): Expression {
  let target = parsePrimary(cursor, parseExpression);
  for (;;) {
    // `alias.*` belongs to the projection, which looks for it after the expression.
    if (cursor.isSymbol('.') && !cursor.isSymbol('*', 1)) {
      cursor.next();
      target = { kind: 'field', target, name: fieldName(cursor), at: span(cursor, target) };
    } else if (cursor.acceptSymbol('[')) {
      const index = parseExpression(cursor);
      if (cursor.isSymbol(':')) throw cursor.unsupported('array slices');
      cursor.expectSymbol(']');
      target = { kind: 'element', target, index, at: span(cursor, target) };
    } else {
      return target;
    }
  }
}

/**
 * After a dot any word names a field, reserved or not, keeping its spelling. fidelity: this is
 * looser than the server may be about reserved words there (write `a.\`value\`` to be safe);
 * we prefer accepting a statement the cluster might refuse to refusing one it accepts.
 */
function fieldName(cursor: TokenCursor): string {
  const token = cursor.next();
  if (token.kind === 'identifier') return token.name;
  if (token.kind === 'keyword') return token.text;
  throw cursor.fail(token);
}

function span(cursor: TokenCursor, from: { at: SourcePosition }) {
  return cursor.spanFrom(from.at);
}
