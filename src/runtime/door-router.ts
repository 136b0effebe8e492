import {
  basicDelete,
  basicGet,
  basicSet,
  type KeyspaceContext,
} from './bindings/keyspace/basic-accessors.ts';
import { cancelTimer, createTimer, type TimerContext } from './bindings/timers/timer-ops.ts';
import type { DoorOp, ThrownReport } from './door-protocol.ts';
import { countStat, type FunctionStats } from './stats.ts';

/** What the door's operations act on. */
export interface DoorTargets {
  keyspaces: KeyspaceContext;
  timers: TimerContext;
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
      case 'thrown':
        targets.thrown(a as ThrownReport);
        return undefined;
      default:
        throw new Error(`the shim asked for an unknown host operation: ${op}`);
    }
  };
}
