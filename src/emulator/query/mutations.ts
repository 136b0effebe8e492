import type {
  DeleteStatement,
  Expression,
  InsertStatement,
  Projection,
  UpdateStatement,
} from './ast.ts';
import { evaluate, type Scope } from './expressions.ts';
import { projectRow, resolveProjection } from './projection.ts';
import { QUERY_ERROR_CODE, QueryError } from './query-error.ts';
import { readRow, type SourceRow, type StatementContext } from './query-store.ts';
import { filterRows, inputScopes, limitValue } from './select.ts';
import { pathSteps, setPath, unsetPath } from './update-paths.ts';

// INSERT, UPSERT, UPDATE and DELETE. Each document is written on its own, as on the server
// (no statement-level transaction): a failure part-way leaves earlier writes in place.

/** The rows a DML statement returns (RETURNING only) and how many documents it changed. */
export interface MutationResult {
  rows: unknown[];
  mutationCount: number;
}

/**
 * INSERT or UPSERT of `(key, value)` pairs. A key that exists fails an INSERT with 12009
 * after the other pairs have been written.
 *
 * @example
 * executeInsert(parseStatement('INSERT INTO b VALUES ("k", {"a": 1})') as InsertStatement, context);
 * // { rows: [], mutationCount: 1 }
 */
export function executeInsert(
  statement: InsertStatement,
  context: StatementContext,
): MutationResult {
  const returned = returningCollector(statement.returning, context);
  const verb = statement.kind.toUpperCase();
  let mutationCount = 0;
  let duplicate: QueryError | undefined;
  for (const pair of statement.values) {
    const key = documentKey(pair.key, verb, context);
    const json = documentJson(pair.value, key, verb, context);
    if (statement.kind === 'upsert') {
      context.store.upsert(statement.target.keyspace, key, json);
    } else if (context.store.insert(statement.target.keyspace, key, json) === 'exists') {
      duplicate ??= duplicateKey(key, pair.key);
      continue;
    }
    mutationCount += 1;
    if (returned.wanted) returned.add(readRow(context.store, statement.target, key));
  }
  if (duplicate) throw duplicate;
  return { rows: returned.rows, mutationCount };
}

function documentKey(expression: Expression, verb: string, context: StatementContext): string {
  const key = evaluate(expression, { row: undefined, context });
  if (typeof key === 'string') return key;
  const code = verb === 'INSERT' ? QUERY_ERROR_CODE.insertKeyType : QUERY_ERROR_CODE.upsertKeyType;
  const shown = key === undefined ? 'MISSING' : JSON.stringify(key);
  const type = key === null ? 'null' : Array.isArray(key) ? 'array' : typeof key;
  throw new QueryError(code, `Cannot ${verb} non-string key ${shown} of type ${type}.`, {
    position: expression.at,
  });
}

function documentJson(
  expression: Expression,
  key: string,
  verb: string,
  context: StatementContext,
): string {
  const value = evaluate(expression, { row: undefined, context });
  if (value !== undefined) return JSON.stringify(value);
  throw new QueryError(QUERY_ERROR_CODE.insertValue, `No ${verb} value for key ${key}.`, {
    position: expression.at,
  });
}

function duplicateKey(key: string, expression: Expression): QueryError {
  return new QueryError(
    QUERY_ERROR_CODE.duplicateKey,
    `DML Error, possible causes include concurrent modification. Failed to perform INSERT on key ${key} - cause: Duplicate Key: ${key}`,
    { position: expression.at },
  );
}

/**
 * UPDATE: SET and UNSET in order on each matching document (each SET sees the ones before it),
 * then a full write which, as on the server without `preserve_expiry`, clears the expiry.
 */
export function executeUpdate(
  statement: UpdateStatement,
  context: StatementContext,
): MutationResult {
  const returned = returningCollector(statement.returning, context);
  const { target } = statement;
  let mutationCount = 0;
  for (const scope of matchingRows(statement, context)) {
    // The rows of a keyspace are documents, with their META().
    const row = scope.row!;
    const id = row.meta!.id;
    for (const term of statement.set) {
      const steps = pathSteps(term.path, target.alias, scope);
      if (steps) setPath(row.document, steps, evaluate(term.value, scope));
    }
    for (const path of statement.unset) {
      const steps = pathSteps(path, target.alias, scope);
      if (steps) unsetPath(row.document, steps);
    }
    context.store.upsert(target.keyspace, id, JSON.stringify(row.document));
    mutationCount += 1;
    if (returned.wanted) returned.add(readRow(context.store, target, id));
  }
  return { rows: returned.rows, mutationCount };
}

/** DELETE: removes each matching document; RETURNING sees it as it was. */
export function executeDelete(
  statement: DeleteStatement,
  context: StatementContext,
): MutationResult {
  const returned = returningCollector(statement.returning, context);
  let mutationCount = 0;
  for (const scope of matchingRows(statement, context)) {
    const row = scope.row!;
    if (!context.store.remove(statement.target.keyspace, row.meta!.id)) continue;
    mutationCount += 1;
    returned.add(row);
  }
  return { rows: returned.rows, mutationCount };
}

/**
 * The documents an UPDATE or DELETE acts on: USE KEYS, the keys WHERE names, or a scan; then
 * WHERE, then LIMIT. Read whole before the first write, so a write never meets its own rows.
 */
function matchingRows(
  statement: UpdateStatement | DeleteStatement,
  context: StatementContext,
): Scope[] {
  const { target, useKeys, where } = statement;
  const limit = limitValue(statement.limit, 'LIMIT', context);
  const rows: Scope[] = [];
  if (limit === 0) return rows;
  for (const scope of filterRows(where, inputScopes({ from: target, useKeys, where }, context))) {
    rows.push(scope);
    if (rows.length === limit) break;
  }
  return rows;
}

/** Collects RETURNING rows; `add` does nothing for a statement without RETURNING. */
function returningCollector(returning: Projection | undefined, context: StatementContext) {
  const resolved = returning && resolveProjection(returning);
  const rows: unknown[] = [];
  const add = (row: SourceRow | undefined): void => {
    if (!resolved) return;
    const value = projectRow(resolved, { row, context });
    if (value !== undefined) rows.push(value);
  };
  return { rows, wanted: resolved !== undefined, add };
}
