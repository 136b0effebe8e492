import type { Clock } from '../runtime/index.ts';

/** The emulator's clock: either moved by the test, or the wall clock with wake-ups. */
export type EmulatorClock = ManualClock | RealClock;

/** A clock that only moves when told to: deterministic time for tests. */
export class ManualClock implements Clock {
  readonly kind = 'manual';
  #now: number;

  constructor(start: number) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Moves time forward to `epochMs`; time never goes back. */
  set(epochMs: number): void {
    this.#now = Math.max(this.#now, epochMs);
  }

  /** Puts the clock where a restored state left it, even if that is earlier. */
  restore(epochMs: number): void {
    this.#now = epochMs;
  }
}

/** The timer functions a {@link RealClock} uses: Node's by default, a fake one in tests. */
export interface TimerFacility {
  now(): number;
  /** Calls `callback` after `ms` milliseconds; the pending call alone keeps no process alive. */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers, unreferenced so that a pending wake-up alone never keeps the process alive. */
export const NODE_TIMERS: TimerFacility = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Longest delay Node's setTimeout takes (2^31 - 1 ms, about 24.8 days): a longer one fires
 * after 1 ms with a TimeoutOverflowWarning. Wake-ups further ahead are armed in steps of it.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** Wall-clock time, for the local service, able to call back when something comes due. */
export class RealClock implements Clock {
  readonly kind = 'real';
  readonly #timers: TimerFacility;

  constructor(timers: TimerFacility = NODE_TIMERS) {
    this.#timers = timers;
  }

  now(): number {
    return this.#timers.now();
  }

  /**
   * Calls `wake` once at `epochMs` (or at once if that has passed), however far ahead that
   * is; returns a cancel function.
   */
  wakeAt(epochMs: number, wake: () => void): () => void {
    const timers = this.#timers;
    let handle: unknown;
    const arm = () => {
      const delay = Math.min(Math.max(0, epochMs - timers.now()), MAX_TIMER_DELAY_MS);
      // Also re-armed when the timer fires a millisecond before the wall clock reaches the due
      // time (timers run on a monotonic clock, Date does not): waking then finds nothing due.
      handle = timers.setTimeout(() => (timers.now() >= epochMs ? wake() : arm()), delay);
    };
    arm();
    return () => timers.clearTimeout(handle);
  }
}
