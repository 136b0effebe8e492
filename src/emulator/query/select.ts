import { computeAggregate, containsAggregate, findAggregates } from './aggregates.ts';
import type {
  Aggregate,
  Expression,
  FromTerm,
  OrderTerm,
  SelectStatement,
  SubqueryTerm,
} from './ast.ts';
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
import type { StatementContext } from './query-store.ts';
import { keyspaceScopes } from './source-rows.ts';

// SELECT in the server's order of operations: FROM (with USE KEYS), WHERE, GROUP BY and
// aggregates, HAVING, projection, DISTINCT, ORDER BY, OFFSET, LIMIT. Without ORDER BY, GROUP BY
// or aggregates the rows stream: each is read, filtered and projected when it is taken, and
// LIMIT stops the reading.

/** A result row with the scope it came from, which ORDER BY evaluates in. */
interface Result {
  scope: Scope;
  value: unknown;
}

/**
 * Runs a SELECT and returns its rows, produced as they are taken. Errors in the statement's
 * shape (a bad LIMIT, an aggregate in WHERE, a duplicate alias) are thrown at once; errors met
 * while reading rows are thrown by the iteration. `outer` is the enclosing statement's scope,
 * for a subquery.
 *
 * @example
 * [...executeSelect(parseStatement('SELECT RAW 1 + 1') as SelectStatement, context)]; // [2]
 */
export function executeSelect(
  statement: SelectStatement,
  context: StatementContext,
  outer?: Scope,
): Iterable<unknown> {
  const projection = resolveProjection(statement.projection);
  checkWhere(statement.where);
  const window = {
    offset: limitValue(statement.offset, 'OFFSET', context) ?? 0,
    limit: limitValue(statement.limit, 'LIMIT', context),
  };
  const aggregating = isAggregating(statement);
  if (aggregating) checkGroupedStatement(statement, projection, context);
  const rows = filterRows(statement.where, inputScopes(statement, context, outer));
  if (!aggregating && statement.orderBy.length === 0) {
    return streamResults(rows, projection, statement.distinct, window);
  }
  let results = aggregating
    ? aggregateResults(statement, projection, [...rows], context)
    : [...rows].map((scope) => ({ scope, value: projectRow(projection, scope) }));
  results = results.filter((result) => result.value !== undefined);
  if (statement.distinct) results = distinctResults(results);
  if (statement.orderBy.length > 0) results = sortResults(results, statement.orderBy, projection);
  const end = window.limit === undefined ? undefined : window.offset + window.limit;
  return results.slice(window.offset, end).map((result) => result.value);
}

function* streamResults(
  rows: Iterable<Scope>,
  projection: ResolvedProjection,
  distinct: boolean,
  window: { offset: number; limit: number | undefined },
): Generator<unknown, void, undefined> {
  if (window.limit === 0) return;
  const seen = distinct ? new Set<string>() : undefined;
  let skipped = 0;
  let produced = 0;
  for (const scope of rows) {
    const value = projectRow(projection, scope);
    if (value === undefined) continue;
    if (seen) {
      const key = canonicalKey(value);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (skipped < window.offset) {
      skipped += 1;
      continue;
    }
    yield value;
    produced += 1;
    if (produced === window.limit) return;
  }
}

/**
 * The statement's input, read lazily: the keyspace's rows, the rows of a subquery in FROM, or
 * one empty row when there is no FROM.
 */
export function inputScopes(
  input: { from: FromTerm | undefined; useKeys: Expression | undefined; where?: Expression },
  context: StatementContext,
  outer?: Scope,
): Iterable<Scope> {
  const base: Scope = { row: undefined, context, ...(outer ? { outer } : {}) };
  const from = input.from;
  if (!from) return [base];
  if ('subquery' in from) return subqueryScopes(from, base);
  return keyspaceScopes({ ref: from, useKeys: input.useKeys, where: input.where }, context, outer);
}

function* subqueryScopes(term: SubqueryTerm, base: Scope): Generator<Scope, void, undefined> {
  for (const document of executeSelect(term.subquery, base.context, base.outer)) {
    yield { ...base, row: { alias: term.alias, document, meta: undefined } };
  }
}

function checkWhere(where: Expression | undefined): void {
  if (where && containsAggregate(where)) {
    throw new QueryError(QUERY_ERROR_CODE.semantics, 'Aggregates are not allowed in WHERE.', {
      position: where.at,
    });
  }
}

/** Keeps the rows whose WHERE condition is true (MISSING and NULL count as false), lazily. */
export function* filterRows(
  where: Expression | undefined,
  rows: Iterable<Scope>,
): Generator<Scope, void, undefined> {
  checkWhere(where);
  for (const scope of rows) if (!where || isTruthy(evaluate(where, scope))) yield scope;
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
  const outer = group[0]?.outer;
  return { row: group[0]?.row, context, aggregates, ...(outer ? { outer } : {}) };
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
  const value = evaluate(expression, { row: undefined, context });
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw new QueryError(
    QUERY_ERROR_CODE.invalidValue,
    `Invalid ${clause} value ${JSON.stringify(value)}.`,
    {
      position: expression.at,
    },
  );
}
