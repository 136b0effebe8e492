import { EventingDevError } from '../errors.ts';
import { intendedStatus, ON_THE_WAY } from './lifecycle.ts';
import type { AppStatus, CompositeStatus, RestingStatus } from './types.ts';

// Lifecycle routes only record an intent; the work happens later on every node, so a client
// polls the status until the target state shows (spec rest-api.md §9.1). Polls start quick
// (a local serve finishes in a few hundred ms) and slow down to one a second (a cluster's
// bootstrap can take minutes).

/** How long and how often to poll, and who hears about each poll. */
export interface WaitOptions {
  /** Give up after this long (default 5 minutes). */
  timeoutMs?: number;
  /** Poll at this fixed interval instead of 100 ms growing to 1 s. */
  intervalMs?: number;
  /** Called after every poll, e.g. to draw a progress indicator. */
  onProgress?: (progress: WaitProgress) => void;
}

/** One poll's news. */
export interface WaitProgress {
  name: string;
  status: CompositeStatus;
  target: RestingStatus;
  elapsedMs: number;
  polls: number;
}

/** What the wait needs from its surroundings. */
export interface WaitContext {
  name: string;
  target: RestingStatus;
  read: () => Promise<AppStatus>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const FIRST_INTERVAL_MS = 100;
const LONGEST_INTERVAL_MS = 1000;
/**
 * Polls in a row that must show the function resting elsewhere, with an intent elsewhere,
 * before the wait gives up early: reads may lag a write briefly on a cluster (§9.2).
 */
const STALLED_POLLS = 5;

const RESTING: ReadonlySet<CompositeStatus> = new Set(['deployed', 'undeployed', 'paused']);

/**
 * Polls until the function is in `target`. Transitional states on the way (including a resume
 * that 7.x reports as `deploying`) keep the wait going; a function already in `target` returns
 * at the first poll.
 * @throws EventingDevError `API_TIMEOUT` after `timeoutMs`; `FUNCTION_STATE` when the function
 * settled in another state and no longer asks for `target` (a failed deploy, another user).
 */
export async function waitForStatus(
  context: WaitContext,
  options: WaitOptions = {},
): Promise<AppStatus> {
  const { name, target } = context;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = context.now();
  let interval = options.intervalMs ?? FIRST_INTERVAL_MS;
  let stalled = 0;
  for (let polls = 1; ; polls++) {
    const app = await context.read();
    const status = app.composite_status;
    const elapsedMs = context.now() - started;
    options.onProgress?.({ name, status, target, elapsedMs, polls });
    if (status === target) return app;
    const headingThere = ON_THE_WAY[target].includes(status) || intendedStatus(app) === target;
    stalled = RESTING.has(status) && !headingThere ? stalled + 1 : 0;
    if (stalled >= STALLED_POLLS) {
      throw new EventingDevError(
        'FUNCTION_STATE',
        `${name} is ${status} and no longer on its way to ${target}`,
        {
          hint: `The operation failed on the server or someone changed the function; see the function's log (eventing-dev logs ${name}) and the Eventing service log.`,
        },
      );
    }
    if (elapsedMs >= timeoutMs) {
      throw new EventingDevError(
        'API_TIMEOUT',
        `${name} is still ${status}, not ${target}, after ${formatSeconds(elapsedMs)}`,
        {
          hint: 'It may still get there: check with `eventing-dev functions status`, or wait longer (--timeout).',
        },
      );
    }
    await context.sleep(Math.min(interval, Math.max(0, timeoutMs - elapsedMs)));
    if (options.intervalMs === undefined) {
      interval = Math.min(LONGEST_INTERVAL_MS, Math.round(interval * 1.5));
    }
  }
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
