import { computeAggregate, containsAggregate, findAggregates } from './aggregates.ts';
import type { Aggregate, Expression, KeyspaceRef, OrderTerm, SelectStatement } from './ast.ts';
import { canonicalKey, collate, isTruthy } from './collation.ts';
import { evaluate, type Scope } from './expressions.ts';
import { checkGrouped, expressionKey, groupRows } from './grouping.ts';
import {
  namedValues,
  projectRow,
  type ResolvedProjection,
  resolveProjection,
} from './projection.ts';
import { QUERY_ERROR_CODE, QueryError } from './query-error.ts';
import { readRows, type StatementContext, useKeysList } from './query-store.ts';

// SELECT in the server's order of operations: FROM (with USE KEYS), WHERE, GROUP BY and
// aggregates, HAVING, projection, DISTINCT, ORDER BY, OFFSET, LIMIT.

/** A result row with the scope it came from, which ORDER BY evaluates in. */
interface Result {
  scope: Scope;
  value: unknown;
}

/**
 * Runs a SELECT and returns its rows.
 *
 * @example
 * executeSelect(parseStatement('SELECT RAW 1 + 1') as SelectStatement, context); // [2]
 */
export function executeSelect(statement: SelectStatement, context: StatementContext): unknown[] {
  const projection = resolveProjection(statement.projection);
  const rows = filterRows(statement.where, inputScopes(statement, context));
  let results = isAggregating(statement)
    ? aggregateResults(statement, projection, rows, context)
    : rows.map((scope) => ({ scope, value: projectRow(projection, scope) }));
  results = results.filter((result) => result.value !== undefined);
  if (statement.distinct) results = distinctResults(results);
  if (statement.orderBy.length > 0) results = sortResults(results, statement.orderBy, projection);
  return offsetAndLimit(results, statement, context).map((result) => result.value);
}

/** The statement's input: the keyspace's rows, or one empty row when there is no FROM. */
export function inputScopes(
  input: { from: KeyspaceRef | undefined; useKeys: Expression | undefined },
  context: StatementContext,
): Scope[] {
  const { parameters } = context;
  if (!input.from) return [{ row: undefined, parameters }];
  const keys = input.useKeys
    ? useKeysList(evaluate(input.useKeys, { row: undefined, parameters }))
    : undefined;
  return readRows(context.store, input.from, keys).map((row) => ({ row, parameters }));
}

/** Keeps the rows whose WHERE condition is true (MISSING and NULL count as false). */
export function filterRows(where: Expression | undefined, rows: Scope[]): Scope[] {
  if (!where) return rows;
  if (containsAggregate(where)) {
    throw new QueryError(QUERY_ERROR_CODE.semantics, 'Aggregates are not allowed in WHERE.', {
      position: where.at,
    });
  }
  return rows.filter((scope) => isTruthy(evaluate(where, scope)));
}

function isAggregating(statement: SelectStatement): boolean {
  return statement.groupBy.length > 0 || findAggregates(groupedExpressions(statement)).length > 0;
}

/** The expressions evaluated once per group rather than once per row. */
function groupedExpressions(statement: SelectStatement): Expression[] {
  const projection = statement.projection;
  const projected =
    projection.kind === 'raw'
      ? [projection.expression]
      : projection.terms.flatMap((term) => (term.kind === 'star' ? [] : [term.expression]));
  const order = statement.orderBy.map((term) => term.expression);
  return [...projected, ...(statement.having ? [statement.having] : []), ...order];
}

function aggregateResults(
  statement: SelectStatement,
  projection: ResolvedProjection,
  rows: Scope[],
  context: StatementContext,
): Result[] {
  checkGroupedStatement(statement, projection, context);
  const calls = findAggregates(groupedExpressions(statement));
  // Without GROUP BY every row forms one group, which exists even when there are no rows.
  const groups = statement.groupBy.length > 0 ? groupRows(rows, statement.groupBy) : [rows];
  const results: Result[] = [];
  for (const group of groups) {
    const scope = groupScope(group, calls, context);
    if (statement.having && !isTruthy(evaluate(statement.having, scope))) continue;
    results.push({ scope, value: projectRow(projection, scope) });
  }
  return results;
}

function groupScope(group: Scope[], calls: Aggregate[], context: StatementContext): Scope {
  const aggregates = new Map(calls.map((call) => [call, computeAggregate(call, group)]));
  return { row: group[0]?.row, parameters: context.parameters, aggregates };
}

function checkGroupedStatement(
  statement: SelectStatement,
  projection: ResolvedProjection,
  context: StatementContext,
): void {
  const alias = statement.from?.alias;
  const groupKeys = new Set(statement.groupBy.map((key) => expressionKey(key, alias)));
  const base = { groupKeys, alias, source: context.source, resultNames: new Set<string>() };
  const terms = statement.projection.kind === 'terms' ? statement.projection.terms : [];
  const star = terms.find((term) => term.kind === 'star');
  if (star) {
    throw new QueryError(
      QUERY_ERROR_CODE.notGroupKey,
      'Expression (*) must depend only on group keys or aggregates.',
      { position: star.at },
    );
  }
  const projected = groupedExpressions({ ...statement, having: undefined, orderBy: [] });
  for (const expression of projected) checkGrouped(expression, base);
  if (statement.having) checkGrouped(statement.having, base);
  const resultNames = new Set(projection.names.filter((name) => name !== undefined));
  for (const term of statement.orderBy) checkGrouped(term.expression, { ...base, resultNames });
}

function distinctResults(results: Result[]): Result[] {
  const seen = new Set<string>();
  return results.filter((result) => {
    const key = canonicalKey(result.value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A stable sort on the ORDER BY keys, which may name result aliases. */
function sortResults(
  results: Result[],
  order: OrderTerm[],
  projection: ResolvedProjection,
): Result[] {
  const keyed = results.map((result) => {
    const scope = { ...result.scope, projected: namedValues(projection, result.value) };
    return { result, keys: order.map((term) => evaluate(term.expression, scope)) };
  });
  keyed.sort((a, b) => {
    for (let i = 0; i < order.length; i++) {
      const by = collate(a.keys[i], b.keys[i]);
      if (by !== 0) return order[i]!.descending ? -by : by;
    }
    return 0;
  });
  return keyed.map((entry) => entry.result);
}

function offsetAndLimit(
  results: Result[],
  statement: SelectStatement,
  context: StatementContext,
): Result[] {
  const offset = limitValue(statement.offset, 'OFFSET', context) ?? 0;
  const limit = limitValue(statement.limit, 'LIMIT', context);
  return results.slice(offset, limit === undefined ? undefined : offset + limit);
}

/**
 * The value of a LIMIT or OFFSET expression: a non-negative whole number, or undefined when
 * the clause is absent.
 */
export function limitValue(
  expression: Expression | undefined,
  clause: 'LIMIT' | 'OFFSET',
  context: StatementContext,
): number | undefined {
  if (!expression) return undefined;
  const value = evaluate(expression, { row: undefined, parameters: context.parameters });
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw new QueryError(
    QUERY_ERROR_CODE.invalidValue,
    `Invalid ${clause} value ${JSON.stringify(value)}.`,
    {
      position: expression.at,
    },
  );
}
