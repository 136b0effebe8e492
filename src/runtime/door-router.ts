import { type CurlContext, curlCall } from './bindings/curl/curl-ops.ts';
import { advancedOp } from './bindings/keyspace/advanced-accessors.ts';
import {
  basicDelete,
  basicGet,
  basicSet,
  type KeyspaceContext,
} from './bindings/keyspace/basic-accessors.ts';
import {
  closeAllQueries,
  closeQuery,
  nextRows,
  type QueryContext,
  startQuery,
} from './bindings/query/query-ops.ts';
import { cancelTimer, createTimer, type TimerContext } from './bindings/timers/timer-ops.ts';
import { doorError } from './door-errors.ts';
import type { DoorHandlers, ThrownReport } from './door-protocol.ts';
import { countStat, type FunctionStats } from './stats.ts';

/** What the door's operations act on. */
export interface DoorTargets {
  keyspaces: KeyspaceContext;
  timers: TimerContext;
  queries: QueryContext;
  curl: CurlContext;
  stats: FunctionStats;
  /** Writes a `log()` text to the application log. */
  log: (text: string) => void;
  /** Handles an exception that escaped a handler. */
  thrown: (report: ThrownReport) => void;
  /** Notes that a timer fired without a callback to call. */
  timerMissing: (index: number) => void;
}

/**
 * The host side of the door: one typed handler per operation of the protocol table
 * (door-protocol.ts), which the shim is checked against too.
 */
function createHandlers(targets: DoorTargets): DoorHandlers {
  return {
    'kv.get': (binding, key) => basicGet(targets.keyspaces, binding, key),
    'kv.set': (binding, key, value) => basicSet(targets.keyspaces, binding, key, value),
    'kv.delete': (binding, key) => basicDelete(targets.keyspaces, binding, key),
    'kv.advanced': (request) => advancedOp(targets.keyspaces, request),
    log: (text) => targets.log(text),
    stat: (name) => countStat(targets.stats, name),
    'timer.create': (callback, due, reference, context) =>
      createTimer(targets.timers, callback, due, reference, context),
    'timer.cancel': (callback, reference) => cancelTimer(targets.timers, callback, reference),
    'timer.missing': (index) => targets.timerMissing(index),
    'query.start': (service, statement, params, options) =>
      startQuery(targets.queries, service, statement, params, options),
    'query.next': (handle) => nextRows(targets.queries, handle),
    'query.close': (handle) => closeQuery(targets.queries, handle),
    curl: (binding, method, request, body) =>
      curlCall(targets.curl, binding, method, request, body),
    'invocation.end': () => {
      closeAllQueries(targets.queries);
      targets.curl.jars.clear();
    },
    thrown: (report) => targets.thrown(report),
  };
}

/** A handler as the isolate calls it: positional arguments, as the shim sent them. */
type Positional = (a?: unknown, b?: unknown, c?: unknown, d?: unknown) => unknown;

/**
 * Routes every request from the shim to its handler. Positional arguments rather than rest
 * parameters, because this runs on every host call of every handler.
 */
export function createDoorRouter(targets: DoorTargets) {
  // The one place where the isolate's untyped values meet the typed table: the shim is
  // type-checked against the same DoorOps, so each request has the arguments its entry takes.
  const handlers = new Map(Object.entries(createHandlers(targets)) as Array<[string, Positional]>);
  return (op: string, a?: unknown, b?: unknown, c?: unknown, d?: unknown): unknown => {
    const handler = handlers.get(op);
    if (!handler) throw new Error(`the shim asked for an unknown host operation: ${op}`);
    return handler(a, b, c, d);
  };
}

type Route = ReturnType<typeof createDoorRouter>;

/**
 * The door for isolates entered synchronously: an operation that would have to wait (curl, a
 * query answered asynchronously) cannot, and fails with an error that says why. A function
 * planned asynchronous enters this way only while its ports said every answer comes at once.
 */
export function synchronousDoor(route: Route): Route {
  return (op, a, b, c, d) => {
    const result = route(op, a, b, c, d);
    if (typeof (result as { then?: unknown } | null)?.then !== 'function') return result;
    (result as Promise<unknown>).catch(() => undefined);
    return doorError(
      op === 'curl' ? 'CurlError' : 'N1QLError',
      `${op} had to wait for asynchronous work, but this function's isolate was entered synchronously, where nothing can wait; run it with entryMode 'async' (by default, functions with URL bindings or queries are entered asynchronously whenever an answer may come later)`,
    );
  };
}
