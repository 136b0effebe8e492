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
import type { AdvancedRequest, DoorOp, QueryService, ThrownReport } from './door-protocol.ts';
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
 * The host side of the door: every request from the shim lands here and is routed to the
 * binding that serves it. Positional arguments rather than rest parameters, because this runs
 * on every host call of every handler.
 */
export function createDoorRouter(targets: DoorTargets) {
  return (op: string, a?: unknown, b?: unknown, c?: unknown, d?: unknown): unknown => {
    switch (op as DoorOp) {
      case 'kv.get':
        return basicGet(targets.keyspaces, a as number, b as string);
      case 'kv.set':
        return basicSet(targets.keyspaces, a as number, b as string, c as string | ArrayBuffer);
      case 'kv.delete':
        return basicDelete(targets.keyspaces, a as number, b as string);
      case 'kv.advanced':
        return advancedOp(targets.keyspaces, a as AdvancedRequest);
      case 'log':
        targets.log(a as string);
        return undefined;
      case 'stat':
        countStat(targets.stats, a as string);
        return undefined;
      case 'timer.create':
        return createTimer(
          targets.timers,
          a as string,
          b as number,
          c as string | null,
          d as string,
        );
      case 'timer.cancel':
        return cancelTimer(targets.timers, a as string, b as string);
      case 'timer.missing':
        targets.timerMissing(a as number);
        return undefined;
      case 'query.start':
        return startQuery(
          targets.queries,
          a as QueryService,
          b as string,
          c as string | undefined,
          d as string,
        );
      case 'query.next':
        return nextRows(targets.queries, a as number);
      case 'query.close':
        closeQuery(targets.queries, a as number);
        return undefined;
      case 'curl':
        return curlCall(
          targets.curl,
          a as number,
          b as string,
          c as string,
          d as ArrayBuffer | undefined,
        );
      case 'invocation.end':
        closeAllQueries(targets.queries);
        targets.curl.jars.clear();
        return undefined;
      case 'thrown':
        targets.thrown(a as ThrownReport);
        return undefined;
      default:
        throw new Error(`the shim asked for an unknown host operation: ${op}`);
    }
  };
}

type Route = ReturnType<typeof createDoorRouter>;

/**
 * The door for isolates entered synchronously: an operation that would have to wait (curl, a
 * query answered asynchronously) cannot, and fails with an error that says why.
 */
export function synchronousDoor(route: Route): Route {
  return (op, a, b, c, d) => {
    const result = route(op, a, b, c, d);
    if (typeof (result as { then?: unknown } | null)?.then !== 'function') return result;
    (result as Promise<unknown>).catch(() => undefined);
    const errorClass = op === 'curl' ? 'CurlError' : 'N1QLError';
    const message = `${op} had to wait for asynchronous work, but this function's isolate is entered synchronously; run it with entryMode 'async' (functions with URL bindings or queries get it by default)`;
    return op === 'curl'
      ? { ok: false, error: { class: errorClass, message } }
      : { error: { class: errorClass, message } };
  };
}

/** The door for isolates entered asynchronously: the isolate's thread waits for the answer. */
export function waitingDoor(route: Route): (op: string, ...args: unknown[]) => Promise<unknown> {
  return async (op, a, b, c, d) => route(op, a, b, c, d);
}
