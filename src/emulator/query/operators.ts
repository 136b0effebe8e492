import type { BinaryOperator } from './ast.ts';
import { collate, isTruthy } from './collation.ts';

// The operators' four-valued semantics (MISSING is `undefined`). The common rule: a MISSING
// operand gives MISSING, else a NULL operand gives NULL, else an operand of the wrong type
// gives NULL. AND and OR follow the Query docs' truth tables instead.

/** MISSING if any operand is MISSING, else NULL if any is NULL, else `undefined` (go on). */
function absent(...operands: unknown[]): null | undefined | 'none' {
  if (operands.includes(undefined)) return undefined;
  if (operands.includes(null)) return null;
  return 'none';
}

/**
 * Applies a binary operator to two evaluated operands.
 *
 * @example
 * applyBinary('+', 1, 2); // 3
 * applyBinary('+', 1, 'a'); // null
 * applyBinary('<', 1, 'a'); // true: different types compare by collation
 */
export function applyBinary(operator: BinaryOperator, left: unknown, right: unknown): unknown {
  switch (operator) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(operator, left, right);
    case '||':
      return concat(left, right);
    case 'like':
      return like(left, right);
    case 'not like':
      return not(like(left, right));
    case 'in':
      return within(left, right);
    case 'not in':
      return not(within(left, right));
    default:
      return compare(operator, left, right);
  }
}

function arithmetic(operator: '+' | '-' | '*' | '/' | '%', left: unknown, right: unknown): unknown {
  const gate = absent(left, right);
  if (gate !== 'none') return gate;
  if (typeof left !== 'number' || typeof right !== 'number') return null;
  if (operator === '+') return left + right;
  if (operator === '-') return left - right;
  if (operator === '*') return left * right;
  // Division and modulo by zero give NULL on the server rather than Infinity or NaN.
  if (right === 0) return null;
  return operator === '/' ? left / right : left % right;
}

function concat(left: unknown, right: unknown): unknown {
  const gate = absent(left, right);
  if (gate !== 'none') return gate;
  return typeof left === 'string' && typeof right === 'string' ? left + right : null;
}

function compare(operator: BinaryOperator, left: unknown, right: unknown): unknown {
  const gate = absent(left, right);
  if (gate !== 'none') return gate;
  const order = collate(left, right);
  switch (operator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}

function within(value: unknown, list: unknown): unknown {
  const gate = absent(value, list);
  if (gate !== 'none') return gate;
  if (!Array.isArray(list)) return null;
  return list.some((item) => item !== undefined && item !== null && collate(value, item) === 0);
}

/**
 * SQL++ LIKE: `%` matches any run of characters, `_` exactly one, and a backslash makes the
 * next character literal. Matching is case-sensitive and covers the whole string.
 */
function like(value: unknown, pattern: unknown): unknown {
  const gate = absent(value, pattern);
  if (gate !== 'none') return gate;
  if (typeof value !== 'string' || typeof pattern !== 'string') return null;
  return likePattern(pattern).test(value);
}

function likePattern(pattern: string): RegExp {
  let source = '';
  const characters = Array.from(pattern);
  for (let i = 0; i < characters.length; i++) {
    const character = characters[i]!;
    if (character === '%') source += '.*';
    else if (character === '_') source += '.';
    else if (character === '\\' && i + 1 < characters.length)
      source += escapeRegExp(characters[++i]!);
    else source += escapeRegExp(character);
  }
  return new RegExp(`^${source}$`, 'su');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** NOT: MISSING and NULL pass through, anything else is negated truthiness. */
export function not(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  return !isTruthy(value);
}

/** Unary minus. */
export function negate(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  return typeof value === 'number' ? -value : null;
}

/** AND: FALSE wins, then MISSING, then NULL (the Query docs' truth table). */
export function and(left: unknown, right: unknown): unknown {
  if (isDefinitelyFalse(left) || isDefinitelyFalse(right)) return false;
  if (left === undefined || right === undefined) return undefined;
  if (left === null || right === null) return null;
  return true;
}

/** OR: TRUE wins, then NULL, then MISSING. */
export function or(left: unknown, right: unknown): unknown {
  if (isTruthy(left) || isTruthy(right)) return true;
  if (left === null || right === null) return null;
  if (left === undefined || right === undefined) return undefined;
  return false;
}

/** A present value that counts as false (MISSING and NULL are not "false" to AND). */
export function isDefinitelyFalse(value: unknown): boolean {
  return value !== undefined && value !== null && !isTruthy(value);
}

/** `x [NOT] BETWEEN low AND high`, inclusive at both ends. */
export function between(value: unknown, low: unknown, high: unknown, negated: boolean): unknown {
  const gate = absent(value, low, high);
  if (gate !== 'none') return gate;
  const inside = collate(value, low) >= 0 && collate(value, high) <= 0;
  return inside !== negated;
}

/** `IS [NOT] NULL / MISSING / VALUED`; IS [NOT] NULL of MISSING is MISSING. */
export function isCondition(
  value: unknown,
  condition: 'null' | 'missing' | 'valued',
  negated: boolean,
): unknown {
  if (condition === 'missing') return (value === undefined) !== negated;
  if (condition === 'valued') return (value !== undefined && value !== null) !== negated;
  if (value === undefined) return undefined;
  return (value === null) !== negated;
}
