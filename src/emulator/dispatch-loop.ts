import type { EmulatorClock, ManualClock } from './clock.ts';
import type { ManagedFunction } from './managed-function.ts';
import type { Store } from './store.ts';

/** Largest batch of queued events handed to a function at once. */
const MAX_BATCH = 4096;

/**
 * Drives the functions: releases timers and expiries as they come due, hands each deployed
 * function its queued events, and repeats until nothing is left, cascades included. Functions
 * entered off the Node thread run side by side, each in its own isolate as on the server's
 * workers: one that runs long never holds up the others.
 */
export class DispatchLoop {
  readonly #store: Store;
  readonly #functions: ReadonlyMap<string, ManagedFunction>;
  readonly #clock: EmulatorClock;
  readonly #onSettled: () => void;
  readonly #onProgress: () => void;
  #settling: Promise<void> | undefined;
  #cancelWake: (() => void) | undefined;
  /** Wakes a run waiting on functions that are busy, when new work comes for the idle ones. */
  #nudge: (() => void) | undefined;
  #stopped = false;

  constructor(
    store: Store,
    functions: ReadonlyMap<string, ManagedFunction>,
    clock: EmulatorClock,
    onSettled: () => void,
    /** Called each time a function has finished a batch. */
    onProgress: () => void = () => undefined,
  ) {
    this.#store = store;
    this.#functions = functions;
    this.#clock = clock;
    this.#onSettled = onSettled;
    this.#onProgress = onProgress;
  }

  /** Resolves once nothing is left to process. Every caller until then shares one run. */
  settle(): Promise<void> {
    if (this.#settling) {
      this.#nudge?.();
      return this.#settling;
    }
    if (!this.#hasWork()) return Promise.resolve();
    this.#settling = this.#runUntilQuiet();
    return this.#settling;
  }

  /** Moves a manual clock to `target`, stopping at each due time on the way to settle it. */
  async advanceTo(clock: ManualClock, target: number): Promise<void> {
    await this.settle();
    for (let next = this.#nextDue(); next !== undefined && next <= target; next = this.#nextDue()) {
      clock.set(next);
      await this.settle();
    }
    clock.set(target);
    await this.settle();
  }

  /**
   * Stops waking up for the real clock and taking further work; resolves once the run in
   * progress has ended (at once when its functions are disposed meanwhile).
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelWake?.();
    await this.#settling;
  }

  /** The earliest due time of a document expiry or of a deployed function's timer. */
  #nextDue(): number | undefined {
    let next = this.#store.nextExpiry();
    for (const fn of this.#functions.values()) {
      if (!fn.processing) continue;
      const due = fn.timerStore.nextDue();
      if (due !== undefined && (next === undefined || due < next)) next = due;
    }
    return next;
  }

  #hasWork(): boolean {
    const due = this.#nextDue();
    if (due !== undefined && due <= this.#clock.now()) return true;
    for (const fn of this.#functions.values()) if (fn.processing && fn.queue.size > 0) return true;
    return false;
  }

  async #runUntilQuiet(): Promise<void> {
    const busy = new Map<ManagedFunction, Promise<void>>();
    try {
      // Let synchronous callers queue more changes first, so they are handled in batches.
      await Promise.resolve();
      while (!this.#stopped) {
        const now = this.#clock.now();
        this.#store.expireDue(now);
        for (const fn of this.#functions.values()) fn.releaseDueTimers(now);
        for (const fn of this.#functions.values()) {
          if (busy.has(fn)) continue;
          const batch = fn.takeBatch(MAX_BATCH);
          if (batch.length === 0) continue;
          const pending = fn.handle(batch);
          if (!pending) {
            this.#onProgress();
            continue;
          }
          const done = () => {
            busy.delete(fn);
            this.#onProgress();
          };
          busy.set(fn, pending.finally(done));
        }
        if (busy.size > 0) await this.#firstOf(busy.values());
        else if (!this.#hasWork()) break;
      }
    } finally {
      // Cleared in the same synchronous step as the last check for work, so that a change
      // queued after it starts a new run instead of joining one that has finished.
      this.#settling = undefined;
      this.#nudge = undefined;
      this.#scheduleWake();
      this.#onSettled();
    }
    // Stopped while functions were busy: their disposal ends them.
    await Promise.all(busy.values());
  }

  /** Resolves when one of the busy functions is done, or when settle() brings new work. */
  #firstOf(busy: Iterable<Promise<void>>): Promise<void> {
    const nudged = new Promise<void>((resolve) => {
      this.#nudge = resolve;
    });
    return Promise.race([...busy, nudged]);
  }

  /** With the real clock, settles again when the next timer or expiry comes due. */
  #scheduleWake(): void {
    const clock = this.#clock;
    if (clock.kind !== 'real' || this.#stopped) return;
    this.#cancelWake?.();
    const next = this.#nextDue();
    this.#cancelWake =
      next === undefined ? undefined : clock.wakeAt(next, () => void this.settle());
  }
}
