// Lifecycle changes on the server are asynchronous: the REST call records the intent and
// returns, and the function reads `deploying`, `pausing`, ... until the work is done (spec §9.1).
// The local service holds each transition for a configurable time before doing the work, so
// that clients' wait loops are exercised as they will be against a cluster.

/** Runs lifecycle work after the transition time, and stops cleanly. */
export interface TransitionScheduler {
  /** Runs `work` once the transition time has passed; `work` reports its own failures. */
  schedule(work: () => Promise<void>): void;
  /** Drops the work that has not started and waits for the work that has. */
  close(): Promise<void>;
}

/**
 * A scheduler that holds every transition for `delayMs` of real time.
 *
 * @example
 * const transitions = createTransitionScheduler(300);
 * transitions.schedule(() => fn.deploy());
 * await transitions.close();
 */
export function createTransitionScheduler(delayMs: number): TransitionScheduler {
  const waiting = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let closed = false;
  return {
    schedule(work) {
      if (closed) return;
      const handle = setTimeout(() => {
        waiting.delete(handle);
        // A failure here was already reported by the work; it must not end the process.
        const run = work()
          .catch(() => undefined)
          .finally(() => running.delete(run));
        running.add(run);
      }, delayMs);
      waiting.add(handle);
    },
    async close() {
      closed = true;
      for (const handle of waiting) clearTimeout(handle);
      waiting.clear();
      await Promise.allSettled([...running]);
    },
  };
}
