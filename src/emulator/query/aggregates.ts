import { type Aggregate, childExpressions, type Expression } from './ast.ts';
import { canonicalKey, collate } from './collation.ts';
import { evaluate, type Scope } from './expressions.ts';
import { QUERY_ERROR_CODE, QueryError } from './query-error.ts';

// COUNT, SUM, AVG, MIN and MAX over the rows of a group. They skip MISSING and NULL; SUM and
// AVG also skip non-numbers; over nothing, COUNT is 0 and the others are NULL.

/**
 * The aggregate calls in some expressions, outermost first. An aggregate inside another one's
 * argument is an error, as on the server.
 *
 * @example
 * findAggregates([parseExpression(new TokenCursor('SUM(price) / COUNT(*)'))]).map((c) => c.fn);
 * // ['sum', 'count']
 */
export function findAggregates(expressions: ReadonlyArray<Expression | undefined>): Aggregate[] {
  const found: Aggregate[] = [];
  const visit = (expression: Expression): void => {
    if (expression.kind !== 'aggregate') {
      childExpressions(expression).forEach(visit);
      return;
    }
    if (expression.argument && containsAggregate(expression.argument)) {
      throw new QueryError(QUERY_ERROR_CODE.semantics, 'Aggregate functions cannot be nested.', {
        position: expression.at,
      });
    }
    found.push(expression);
  };
  for (const expression of expressions) if (expression) visit(expression);
  return found;
}

/** True when an aggregate call appears anywhere in the expression. */
export function containsAggregate(expression: Expression): boolean {
  return expression.kind === 'aggregate' || childExpressions(expression).some(containsAggregate);
}

/** The value of one aggregate call over the scopes (rows) of a group. */
export function computeAggregate(call: Aggregate, rows: readonly Scope[]): unknown {
  const argument = call.argument;
  if (argument === undefined) return rows.length;
  let values: unknown[] = rows
    .map((scope) => evaluate(argument, scope))
    .filter((value) => value !== undefined && value !== null);
  if (call.distinct) values = distinctValues(values);
  switch (call.fn) {
    case 'count':
      return values.length;
    case 'sum':
    case 'avg':
      return numericAggregate(call.fn, values);
    case 'min':
    case 'max':
      return extreme(call.fn, values);
  }
}

function distinctValues(values: unknown[]): unknown[] {
  const byKey = new Map<string, unknown>();
  for (const value of values) {
    const key = canonicalKey(value);
    if (!byKey.has(key)) byKey.set(key, value);
  }
  return [...byKey.values()];
}

function numericAggregate(fn: 'sum' | 'avg', values: unknown[]): number | null {
  const numbers = values.filter((value): value is number => typeof value === 'number');
  if (numbers.length === 0) return null;
  const sum = numbers.reduce((total, value) => total + value, 0);
  return fn === 'sum' ? sum : sum / numbers.length;
}

function extreme(fn: 'min' | 'max', values: unknown[]): unknown {
  if (values.length === 0) return null;
  const sign = fn === 'min' ? -1 : 1;
  return values.reduce((best, value) => (collate(value, best) * sign > 0 ? value : best));
}
