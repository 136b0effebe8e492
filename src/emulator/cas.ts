import type { Clock } from '../runtime/ports.ts';

/**
 * CAS values that look like the Data service's: 19-digit decimal strings derived from the time
 * (the server uses a hybrid logical clock in nanoseconds), strictly increasing across writes
 * even when the clock does not move, as with a manual clock.
 */
export function createCasGenerator(clock: Clock): () => string {
  let lastMs = 0;
  let counter = 0;
  return () => {
    const now = Math.floor(clock.now());
    if (now > lastMs) {
      lastMs = now;
      counter = 0;
    } else if (++counter > 999_999) {
      lastMs++;
      counter = 0;
    }
    return `${lastMs}${String(counter).padStart(6, '0')}`;
  };
}
