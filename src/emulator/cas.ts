import type { Clock } from '../runtime/index.ts';

/**
 * CAS values that look like the Data service's: 19-digit decimal strings derived from the time
 * (the server uses a hybrid logical clock in nanoseconds), strictly increasing across writes
 * even when the clock does not move, as with a manual clock.
 */
export class CasGenerator {
  readonly #clock: Clock;
  #lastMs = 0;
  #counter = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  next(): string {
    const now = Math.floor(this.#clock.now());
    if (now > this.#lastMs) {
      this.#lastMs = now;
      this.#counter = 0;
    } else if (++this.#counter > 999_999) {
      this.#lastMs++;
      this.#counter = 0;
    }
    return `${this.#lastMs}${String(this.#counter).padStart(6, '0')}`;
  }

  /** Makes later CAS values larger than one restored from elsewhere. */
  observe(cas: string): void {
    const ms = Number(cas.slice(0, -6));
    const counter = Number(cas.slice(-6));
    if (ms > this.#lastMs || (ms === this.#lastMs && counter > this.#counter)) {
      this.#lastMs = ms;
      this.#counter = counter;
    }
  }
}
