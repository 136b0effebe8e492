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

/** Wall-clock time, for the local service, able to call back when something comes due. */
export class RealClock implements Clock {
  readonly kind = 'real';

  now(): number {
    return Date.now();
  }

  /** Calls `wake` at `epochMs` (or at once if that has passed); returns a cancel function. */
  wakeAt(epochMs: number, wake: () => void): () => void {
    let handle: NodeJS.Timeout;
    const arm = () => {
      // setTimeout may fire a millisecond before Date.now() reaches the due time (its clock is
      // monotonic, Date's is not); waking then would find nothing due, so wait the rest.
      handle = setTimeout(
        () => (Date.now() >= epochMs ? wake() : arm()),
        Math.max(0, epochMs - Date.now()),
      );
      // A pending wake-up alone must not keep the process alive.
      handle.unref();
    };
    arm();
    return () => clearTimeout(handle);
  }
}
