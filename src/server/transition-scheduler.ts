import type { TransitionScheduler } from '../emulator/transitions.ts';

// serve's transition timing: each transition lasts `--transition-ms` of real time, so that
// clients' wait loops are exercised as they will be against a cluster.

export type { TransitionScheduler } from '../emulator/transitions.ts';

/**
 * A scheduler that holds every transition for `delayMs` of real time.
 *
 * @example
 * const emulator = await createEmulator({ transitions: createTransitionScheduler(300) });
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
        const run = work().finally(() => running.delete(run));
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
