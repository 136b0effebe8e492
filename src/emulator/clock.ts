import type { Clock } from '../runtime/ports.ts';

/** A clock that only moves when told to: deterministic time for tests. */
export class ManualClock implements Clock {
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
}

/** Wall-clock time, for the local service. */
export const realClock: Clock = { now: () => Date.now() };
