import type { EventingClient } from '../../client/eventing-client.ts';
import type { FunctionStats } from '../../client/types.ts';
import type { FunctionScope } from '../../definition/types.ts';

// What the function did between two pushes: how many events it handled, which of them failed or
// timed out, and its newest application log lines. Counters are read from GET /api/v1/stats
// (whose sections differ between server versions, so every counter is read loosely) and the
// log from GET /getAppLog, which sends a window of the newest lines, newest first.

/** The function's counters and log at one moment. */
export interface ActivitySnapshot {
  /** Undefined when the function is not running (undeployed functions have no statistics). */
  stats: FunctionStats | undefined;
  /** Newest first, as the server sends them. */
  log: string[];
}

/** What changed between two snapshots. */
export interface ActivityDelta {
  running: boolean;
  /** Successful OnUpdate, OnDelete and timer callbacks. */
  handled: number;
  /** Failed OnUpdate, OnDelete and timer callbacks (timeouts included). */
  failed: number;
  timeouts: number;
  /** Every other counter that went up: `failure_stats.curl_failure_count: 2`, … */
  counters: Record<string, number>;
  /** Log lines written since the previous snapshot, oldest first, at most `maxLines`. */
  logLines: string[];
}

const HANDLED = ['on_update_success', 'on_delete_success', 'timer_callback_success'];
const FAILED = ['on_update_failure', 'on_delete_failure', 'timer_callback_failure'];
/** Execution counters that only say how much work went by, not what went wrong. */
const ROUTINE = /success|msg_counter|messages_parsed|processed|agg_queue|enqueued|no_op|filtered/;

/** Reads the function's counters and log; a failure of either leaves that part empty. */
export async function readActivity(
  client: EventingClient,
  name: string,
  scope: FunctionScope | undefined,
): Promise<ActivitySnapshot> {
  const options = scope ? { scope } : {};
  const [stats, log] = await Promise.all([
    client.getFunctionStats(name, options).catch(() => undefined),
    client.getAppLog(name, options).catch(() => [] as string[]),
  ]);
  return { stats, log };
}

/**
 * The activity between `before` and `after`. Counters that went down were reset (a fresh deploy
 * or a stats reset), so the whole of their new values is counted.
 *
 * @example
 * activityDelta(previous, await readActivity(client, 'enrich', undefined)).failed; // 2
 */
export function activityDelta(
  before: ActivitySnapshot | undefined,
  after: ActivitySnapshot,
  maxLines = 5,
): ActivityDelta {
  const was = countersOf(before?.stats);
  const now = countersOf(after.stats);
  const reset = [...was].some(([key, value]) => (now.get(key) ?? 0) < value);
  const delta = (key: string) => (now.get(key) ?? 0) - (reset ? 0 : (was.get(key) ?? 0));
  const sum = (keys: string[]) =>
    keys.reduce((total, key) => total + delta(`execution_stats.${key}`), 0);
  const counters: Record<string, number> = {};
  for (const key of now.keys()) {
    const section = key.split('.')[0];
    const name = key.slice((section?.length ?? 0) + 1);
    const worthShowing =
      section === 'failure_stats' ||
      section === 'lcb_exception_stats' ||
      (section === 'execution_stats' && !ROUTINE.test(name) && !FAILED.includes(name));
    if (worthShowing && key !== 'failure_stats.timeout_count' && delta(key) > 0) {
      counters[key] = delta(key);
    }
  }
  return {
    running: after.stats !== undefined,
    handled: sum(HANDLED),
    failed: sum(FAILED),
    timeouts: delta('failure_stats.timeout_count'),
    counters,
    logLines: newLogLines(before?.log ?? [], after.log).slice(-maxLines),
  };
}

/**
 * The lines of `next` written after the newest line of `previous`, oldest first. Both are
 * newest first; when the window slid past every line seen before, all of `next` is new.
 */
export function newLogLines(previous: readonly string[], next: readonly string[]): string[] {
  const newest = previous[0];
  const seen = newest === undefined ? -1 : next.indexOf(newest);
  return (seen < 0 ? [...next] : next.slice(0, seen)).reverse();
}

/** Every numeric counter as `section.name` (nested objects such as `curl.get` flattened). */
function countersOf(stats: FunctionStats | undefined): Map<string, number> {
  const counters = new Map<string, number>();
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === 'number') counters.set(prefix, value);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(`${prefix}.${key}`, inner);
    }
  };
  if (stats) {
    for (const section of ['execution_stats', 'failure_stats', 'lcb_exception_stats']) {
      walk(section, stats[section]);
    }
  }
  return counters;
}
