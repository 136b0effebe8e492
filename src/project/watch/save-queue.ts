// Saves come in bursts: an editor's atomic save is a write to a temporary file and a rename,
// "save all" touches handler.js and function.json together, and people save again before the
// last push has finished. The queue waits for a quiet moment per function, runs one job at a
// time (so reports never interleave and a function is never pushed twice at once), and folds
// every save that arrives while a job runs into a single later run, which reads the files as
// they are by then: only the latest content is ever pushed.

/** Timer functions, injected so that tests drive the queue with a fake clock. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SaveQueueOptions {
  /** How long a function's files must stay untouched before its job runs. */
  quietMs: number;
  /** The job: `files` are the names saved since the last run of this key, in first-seen order. */
  run: (key: string, files: string[]) => Promise<void>;
  timers?: Timers;
  /** A job that throws is reported here; the queue carries on with the next one. */
  onError?: (key: string, error: unknown) => void;
}

/**
 * Debounces saves per key and runs their jobs one at a time.
 *
 * @example
 * const queue = new SaveQueue({ quietMs: 40, run: async (fn, files) => push(fn, files) });
 * queue.notify('enrich', 'handler.js');
 */
export class SaveQueue {
  readonly #options: SaveQueueOptions;
  readonly #timers: Timers;
  /** Files saved per key that no job has taken yet. */
  readonly #pending = new Map<string, Set<string>>();
  readonly #quietTimers = new Map<string, unknown>();
  /** Keys whose quiet period is over, oldest first; each at most once. */
  readonly #ready: string[] = [];
  #running: Promise<void> | undefined;
  #closed = false;
  #idleWaiters: Array<() => void> = [];

  constructor(options: SaveQueueOptions) {
    this.#options = options;
    this.#timers = options.timers ?? realTimers;
  }

  /** A file of `key` was saved: (re)start its quiet period. */
  notify(key: string, file: string): void {
    if (this.#closed) return;
    const files = this.#pending.get(key) ?? new Set<string>();
    files.add(file);
    this.#pending.set(key, files);
    const previous = this.#quietTimers.get(key);
    if (previous !== undefined) this.#timers.clear(previous);
    this.#quietTimers.set(
      key,
      this.#timers.set(() => this.#quiet(key), this.#options.quietMs),
    );
  }

  /** True when nothing waits for quiet, for its turn, or runs. */
  get idle(): boolean {
    return this.#quietTimers.size === 0 && this.#ready.length === 0 && !this.#running;
  }

  /** Resolves the next time the queue is idle (at once when it is). */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Drops saves still waiting for quiet or for their turn; waits for the running job. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const handle of this.#quietTimers.values()) this.#timers.clear(handle);
    this.#quietTimers.clear();
    this.#ready.length = 0;
    this.#pending.clear();
    await this.#running;
    this.#wakeIdle();
  }

  #quiet(key: string): void {
    this.#quietTimers.delete(key);
    if (!this.#ready.includes(key)) this.#ready.push(key);
    this.#pump();
  }

  #pump(): void {
    if (this.#running || this.#closed) return;
    const key = this.#ready.shift();
    if (key === undefined) {
      if (this.idle) this.#wakeIdle();
      return;
    }
    const files = [...(this.#pending.get(key) ?? [])];
    this.#pending.delete(key);
    this.#running = this.#options
      .run(key, files)
      .catch((error: unknown) => this.#options.onError?.(key, error))
      .finally(() => {
        this.#running = undefined;
        this.#pump();
      });
  }

  #wakeIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
