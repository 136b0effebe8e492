import type { ManagedFunction } from './managed-function.ts';

// What a write waits for when writes wait for the functions they reached (the emulator's
// `writesWaitFor: 'reached'`, which serve uses): the functions its change was queued for, until
// they have handled it, and the functions that had nothing to do, until they have nothing to do
// again (cascades run through them). A function already busy with earlier work, one stuck in a
// long handler say, is not waited for.

/** What a function was doing just before a write. */
interface Before {
  pushed: number;
  idle: boolean;
}

interface Waiter {
  conditions: Array<() => boolean>;
  resolve: () => void;
}

export class WriteWaits {
  readonly #functions: () => Iterable<ManagedFunction>;
  readonly #waiting = new Set<Waiter>();

  constructor(functions: () => Iterable<ManagedFunction>) {
    this.#functions = functions;
  }

  /** Notes what every function is doing, just before a write. */
  before(): Map<ManagedFunction, Before> {
    const noted = new Map<ManagedFunction, Before>();
    for (const fn of this.#functions()) noted.set(fn, { pushed: fn.queue.pushed, idle: fn.idle });
    return noted;
  }

  /** Resolves once what the write reached is done (see above). */
  after(before: Map<ManagedFunction, Before>): Promise<void> {
    const conditions: Array<() => boolean> = [];
    for (const [fn, was] of before) {
      const mark = fn.queue.pushed;
      if (mark > was.pushed) conditions.push(() => !fn.processing || fn.finished >= mark);
      else if (was.idle) conditions.push(() => !fn.processing || fn.idle);
    }
    return new Promise((resolve) => {
      const waiter = { conditions, resolve };
      if (!this.#release(waiter)) this.#waiting.add(waiter);
    });
  }

  /** Releases the writes that are done; called whenever a function has made progress. */
  check(): void {
    for (const waiter of this.#waiting) if (this.#release(waiter)) this.#waiting.delete(waiter);
  }

  /** Releases every write still waiting: the emulator is being disposed. */
  releaseAll(): void {
    for (const waiter of this.#waiting) waiter.resolve();
    this.#waiting.clear();
  }

  // Every condition is asked again each time: a function that was idle may have been given
  // work by a cascade since.
  #release(waiter: Waiter): boolean {
    if (!waiter.conditions.every((done) => done())) return false;
    waiter.resolve();
    return true;
  }
}
