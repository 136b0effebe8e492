import type { Clock } from '../../runtime/index.ts';
import type { KeyspaceCatalogue } from '../keyspace-catalogue.ts';
import type { Store } from '../store.ts';
import type { QueryParams } from './parameters.ts';
import type { QueryStore } from './query-store.ts';
import { type QueryExecution, runQuery } from './run-query.ts';
import type { QueryContext } from './statement-parser.ts';

/**
 * The emulated Query service: SQL++ over the emulator's keyspaces. Handlers reach it through
 * the QueryPort (after any `em.query.on` answer), and faces such as the Query service's REST
 * endpoint call it directly.
 *
 * @example
 * const execution = em.queryService.run('SELECT RAW name FROM users WHERE age > $age', { age: 30 });
 * for (const name of execution.rows) console.log(name);
 */
export interface QueryService {
  /**
   * Runs one statement with named (an object, names with or without `$`) or positional (an
   * array) parameters, and a query context for one-part keyspace names. Throws `QueryError` (code, message, position) when the statement cannot
   * run; errors met while rows are read are thrown by the iteration.
   */
  run(
    statement: string,
    params?: QueryParams,
    options?: { queryContext?: QueryContext },
  ): QueryExecution;
}

/**
 * The Query service over a store; its writes are ordinary Data service writes. `timeZone` is
 * the node's local zone (the date functions' default).
 */
export function createQueryService(
  store: Store,
  clock: Clock,
  timeZone: string,
  keyspaces: Pick<KeyspaceCatalogue, 'missing'>,
): QueryService {
  const documents = queryStore(store, keyspaces);
  return {
    run: (statement, params, options = {}) =>
      runQuery(
        { statement, ...(params === undefined ? {} : { params }), ...options },
        documents,
        clock,
        timeZone,
      ),
  };
}

function queryStore(store: Store, keyspaces: Pick<KeyspaceCatalogue, 'missing'>): QueryStore {
  return {
    missing: (keyspace) => keyspaces.missing(keyspace),
    scan: (keyspace) => store.inKeyOrder(keyspace),
    get: (keyspace, key) => store.read(keyspace, key),
    insert: (keyspace, key, json) => {
      if (store.read(keyspace, key)) return 'exists';
      store.write(keyspace, key, json);
      return 'ok';
    },
    upsert: (keyspace, key, json) => {
      store.write(keyspace, key, json);
    },
    remove: (keyspace, key) => store.remove(keyspace, key, {}) !== undefined,
  };
}
