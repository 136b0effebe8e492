// Lifecycle changes on the server are asynchronous: a request records the intent and returns,
// and the function reads `deploying`, `pausing`, ... until the work is done (spec/rest-api.md
// §9.1). The emulator enters those statuses itself and hands the work to a scheduler, which
// decides when it runs: at once in tests, after a while in serve, when a test says so.

/** Decides when the work that ends a lifecycle transition runs. */
export interface TransitionScheduler {
  /** Runs `work` when the transition is due to end; `work` never rejects. */
  schedule(work: () => Promise<void>): void;
  /** Drops the work that has not started and waits for the work that has. */
  close(): Promise<void>;
}

/** The default of the test API: every transition ends as soon as it begins. */
export function instantTransitions(): TransitionScheduler {
  const running = new Set<Promise<void>>();
  return {
    schedule(work) {
      const run = work().finally(() => running.delete(run));
      running.add(run);
    },
    async close() {
      await Promise.allSettled([...running]);
    },
  };
}

/** A scheduler that ends transitions only when told to: tests hold a function in `deploying`. */
export interface ManualTransitions extends TransitionScheduler {
  /** How many transitions wait to be ended. */
  readonly pending: number;
  /** Ends the oldest waiting transition; resolves once its work is done (false if none waited). */
  step(): Promise<boolean>;
  /** Ends every waiting transition, those the ending ones begin included. */
  release(): Promise<void>;
}

/**
 * Transitions that wait for the test: `deploying` lasts until `step()` or `release()`.
 *
 * @example
 * const transitions = createManualTransitions();
 * const em = await createEmulator({ transitions });
 * const deployed = em.deploy(definition);      // fn.status is 'deploying'
 * await transitions.release();
 * await deployed;                               // fn.status is 'deployed'
 */
export function createManualTransitions(): ManualTransitions {
  let waiting: Array<() => Promise<void>> = [];
  const running = new Set<Promise<void>>();
  let closed = false;
  const run = async (work: () => Promise<void>) => {
    const promise = work().finally(() => running.delete(promise));
    running.add(promise);
    await promise;
  };
  return {
    get pending() {
      return waiting.length;
    },
    schedule(work) {
      if (!closed) waiting.push(work);
    },
    async step() {
      const work = waiting.shift();
      if (!work) return false;
      await run(work);
      return true;
    },
    async release() {
      while (waiting.length > 0) {
        const works = waiting;
        waiting = [];
        await Promise.all(works.map(run));
      }
    },
    async close() {
      closed = true;
      waiting = [];
      await Promise.allSettled([...running]);
    },
  };
}
