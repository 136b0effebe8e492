import { toRealmError } from './errors.js';
import { encodeOptions, encodeParams, queryFailure, SERVICES } from './n1ql-arguments.js';
import { hostCallMayWait, shimState } from './state.js';

// N1QL(), couchbase.n1qlQuery(), analyticsQuery and searchQuery (spec §7.2, §7.3): the query
// starts at once and the call waits for its first rows, so errors up to there are thrown by the
// call and later ones by next(). Each open result holds one of `lcb_inst_capacity` connections
// of the isolate until it is exhausted, closed, left by a loop, or the invocation ends.

/** @typedef {import('./n1ql-arguments.js').QueryService} QueryService */
/** @typedef {{ error: import('../door-protocol.ts').EmulatedError } | { handle: number; rows: string; done: boolean }} QueryAnswer */

/** Results holding a connection, closed when the invocation ends. */
const open = new Set(/** @type {Array<{ close(): void }>} */ ([]));

/**
 * @param {QueryService} service
 * @param {QueryAnswer} answer
 * @param {Function} below
 * @returns {{ handle: number; rows: unknown[]; done: boolean }}
 */
function unpack(service, answer, below) {
  if ('error' in answer) {
    shimState.door('stat', SERVICES[service].stat);
    throw toRealmError(answer.error, below);
  }
  return { handle: answer.handle, rows: JSON.parse(answer.rows), done: answer.done };
}

/**
 * The iterable a query returns: `[Symbol.iterator]()` (always the same cursor) and `close()`;
 * the iterator's `next()` yields `{ value: null, done: true }` once finished.
 *
 * fidelity: the iterator also has `return()`, which a `for…of` left early (break, return,
 * throw) calls: it gives the connection back, and a later loop over the same result goes on
 * where the first stopped. The server's iterator has no `return()`: a result left behind is
 * stopped when V8 collects it, which the server forces when the pool is full
 * (`features/query/src/conn-pool.cc` ScavengeIfNeeded, `iterable.cc` WrapStop), so only results
 * still reachable hold a connection; a result kept in a variable after its loop holds one on
 * the server but not here.
 * @param {QueryService} service
 * @param {{ handle: number; rows: unknown[]; done: boolean }} first
 */
function createResult(service, first) {
  let { rows, done } = first;
  let position = 0;
  let finished = false;
  const release = () => {
    finished = true;
    open.delete(result);
    if (done) return;
    done = true;
    shimState.door('query.close', first.handle);
  };
  const iterator = {
    next() {
      if (!shimState.executing) return undefined;
      if (!finished) open.add(result);
      for (;;) {
        if (finished) return { value: null, done: true };
        if (position < rows.length) return { value: rows[position++], done: false };
        if (done) {
          release();
          return { value: null, done: true };
        }
        let more;
        try {
          more = unpack(service, hostCallMayWait('query.next', first.handle), iterator.next);
        } catch (error) {
          // The host has already ended a query that failed.
          done = true;
          release();
          throw error;
        }
        rows = more.rows;
        position = 0;
        done = more.done;
      }
    },
    return() {
      if (!shimState.executing) return undefined;
      open.delete(result);
      return { value: undefined, done: true };
    },
  };
  const result = {
    [Symbol.iterator]: () => iterator,
    close() {
      if (!shimState.executing) return undefined;
      release();
    },
  };
  // A statement that finished without rows (DML without RETURNING) holds no connection.
  if (!(done && rows.length === 0)) open.add(result);
  else finished = true;
  if (!done) shimState.touchedHost = true;
  return result;
}

/**
 * @param {QueryService} service
 * @param {unknown[]} args
 * @param {Function} below
 */
function startQuery(service, args, below) {
  if (args.length === 0) queryFailure(service, 'Need at least the query', below);
  const [statement, params, options] = args;
  if (typeof statement !== 'string')
    queryFailure(service, 'Expecting a string for the first parameter', below);
  const encodedParams = encodeParams(service, params, below);
  const encodedOptions = encodeOptions(service, options, below);
  if (open.size >= shimState.config.queryPoolSize)
    queryFailure(service, 'Connection pool maximum capacity reached', below);
  const answer = hostCallMayWait('query.start', service, statement, encodedParams, encodedOptions);
  return createResult(service, unpack(service, answer, below));
}

/** @param {...unknown} args */
export function N1QL(...args) {
  return startQuery('n1ql', args, N1QL);
}

/** @param {...unknown} args */
export function analyticsQuery(...args) {
  return startQuery('analytics', args, analyticsQuery);
}

/**
 * `couchbase.searchQuery(indexName, query, options)`: the query object's `toJson()` (or the
 * plain object) is what the Search service receives.
 * @param {...unknown} args
 */
export function searchQuery(...args) {
  const [indexName, query, options] = args;
  if (typeof indexName !== 'string')
    queryFailure('search', 'Expecting a string for the index name', searchQuery);
  const toJson = /** @type {{ toJson?: () => unknown } | undefined} */ (query)?.toJson;
  const body = {
    query: typeof toJson === 'function' ? toJson.call(query) : query,
    indexName,
    .../** @type {object} */ (options ?? {}),
  };
  return startQuery('search', [indexName, body], searchQuery);
}

/** Closes every result still open when an invocation ends (spec §1.8). */
export function closeOpenQueries() {
  for (const result of [...open]) result.close();
}

/**
 * The deprecated `N1qlQuery` class (installed after the user's code, as on the server):
 * `new N1qlQuery(statement, { namedParams, consistency }).execQuery()` returns every row.
 * @this {any}
 * @param {string} statement
 * @param {{ namedParams?: object; consistency?: string }} [options]
 */
export function N1qlQuery(statement, options = {}) {
  this.statement = statement;
  this.options = options;
}
N1qlQuery.prototype.execQuery = function execQuery() {
  const { namedParams = {}, consistency } = this.options;
  const result = N1QL(
    this.statement,
    namedParams,
    consistency === undefined ? undefined : { consistency },
  );
  const rows = Array.from(/** @type {Iterable<unknown>} */ (/** @type {unknown} */ (result)));
  result.close();
  return rows;
};
