// Bytes of large answers being sent at once. An answer stays in memory until its client has read
// it, so a burst of requests for 64 MiB app logs, answered one after another in a single turn,
// would hold them all at once (1.7 GB for 24 requests): past the budget, a request waits for
// earlier answers to go out before its own is made. Waiting costs nothing but the request.

/** Gives back what {@link AnswerBudget.reserve} took; calling it again does nothing. */
export type Release = () => void;

export interface AnswerBudget {
  /**
   * Resolves once `bytes` fit in the budget, in the order asked (an answer larger than the
   * whole budget waits for it to be free, then takes all of it).
   */
  reserve(bytes: number): Promise<Release>;
}

export function createAnswerBudget(limitBytes: number): AnswerBudget {
  let free = limitBytes;
  const waiting: Array<{ bytes: number; grant: () => void }> = [];

  const take = (bytes: number): Release => {
    free -= bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      free += bytes;
      while (waiting[0] && waiting[0].bytes <= free) waiting.shift()?.grant();
    };
  };

  return {
    reserve(bytes) {
      const wanted = Math.min(Math.max(bytes, 0), limitBytes);
      if (waiting.length === 0 && wanted <= free) return Promise.resolve(take(wanted));
      return new Promise((resolve) => {
        waiting.push({ bytes: wanted, grant: () => resolve(take(wanted)) });
      });
    },
  };
}
