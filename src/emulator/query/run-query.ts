import type { Clock } from '../../runtime/index.ts';
import { refuseMissingKeyspaces } from './missing-keyspaces.ts';
import { executeDelete, executeInsert, executeUpdate } from './mutations.ts';
import { bindParameters, type QueryParams } from './parameters.ts';
import { prepareStatement } from './prepared-statements.ts';
import type { QueryStore, StatementContext } from './query-store.ts';
import { executeSelect } from './select.ts';
import { statementSignature } from './signature.ts';
import type { QueryContext } from './statement-parser.ts';

// The emulated Query service's evaluator for a SQL++ subset (spec runtime §7.4): SELECT over
// one keyspace, INSERT/UPSERT ... VALUES, UPDATE and DELETE, run against the emulated store.
// fidelity: no indexes are needed (a cluster wants a primary index to scan without USE KEYS).
// A keyspace the emulated cluster does not have fails with 12003, as on a cluster.

/** A statement and its parameters, as `N1QL(statement, params)` received them. */
export interface QueryRequest {
  statement: string;
  /** Named parameters (an object; keys with or without `$`) or positional ones (an array). */
  params?: QueryParams;
  /** The scope that one-part keyspace names are collections of (the `query_context`). */
  queryContext?: QueryContext;
}

/** What one statement produced. */
export interface QueryExecution {
  /**
   * The result rows (for DML, the RETURNING rows), produced as they are read: a SELECT without
   * ORDER BY, GROUP BY or aggregates reads only as far as its consumer takes it.
   */
  rows: Iterable<unknown>;
  /** Documents the statement changed (DML changes them before the first row). */
  mutationCount: number;
  /** The results' signature as the Query service's answer gives it; undefined for none. */
  signature(): unknown;
}

/**
 * Runs one SQL++ statement against the store. Throws `QueryError`: code 3000 with line and
 * column for a syntax error, 1020 with `unsupported` set for SQL++ outside the subset, and
 * the server's codes otherwise (12009 for an INSERT of an existing key, 5010 for a parameter
 * without a value, ...).
 *
 * @example
 * runQuery({ statement: 'SELECT RAW name FROM travel.inventory.airline WHERE country = $c ORDER BY name', params: { c: 'France' } }, store, clock, 'UTC');
 * // { rows: ['Air France', ...], mutationCount: 0 }
 * runQuery({ statement: 'UPSERT INTO b (KEY, VALUE) VALUES ($1, $2)', params: ['k', { a: 1 }] }, store, clock, 'UTC');
 * // { rows: [], mutationCount: 1 }
 */
export function runQuery(
  request: QueryRequest,
  store: QueryStore,
  clock: Clock,
  timeZone: string,
): QueryExecution {
  const { statement, keyspaces } = prepareStatement(request.statement, request.queryContext);
  const signature = () => statementSignature(statement);
  const { missing } = store;
  if (missing) refuseMissingKeyspaces(keyspaces, (keyspace) => missing.call(store, keyspace));
  const context: StatementContext = {
    store,
    clock,
    timeZone,
    startedAt: clock.now(),
    subquery: (select, outer) => [...executeSelect(select, context, outer)],
    parameters: bindParameters(request.params),
    source: request.statement,
  };
  switch (statement.kind) {
    case 'select':
      return { rows: executeSelect(statement, context), mutationCount: 0, signature };
    case 'insert':
    case 'upsert':
      return { ...executeInsert(statement, context), signature };
    case 'update':
      return { ...executeUpdate(statement, context), signature };
    case 'delete':
      return { ...executeDelete(statement, context), signature };
  }
}
