// Work that usually has its answer at once but sometimes must wait (a curl() call to an
// in-memory MockAgent, which replies in the same turn unless told to delay). Written once, as a
// generator that waits with `yield* settled(x)`, it runs synchronously for as long as nothing
// it waits for is a promise, and carries on asynchronously from the first one: the caller gets
// a value when nothing had to wait, and a promise otherwise.

/** A value now, or a promise of it. */
export type Eventually<T> = T | Promise<T>;

/** The steps of one piece of work; see {@link runSteps}. */
export type Steps<T> = Generator<unknown, T, unknown>;

/**
 * Waits for a value that may already be there.
 *
 * @example
 * function* twice(): Steps<number> {
 *   const n = yield* settled(maybeLater());
 *   return n * 2;
 * }
 */
export function* settled<T>(value: Eventually<T>): Steps<T> {
  return (yield value) as T;
}

/**
 * Runs the steps: synchronously up to the first promise they wait for, then asynchronously.
 * A step that throws throws here (or rejects the promise, once asynchronous); a promise that
 * rejects is thrown into the steps, where `try` can catch it.
 *
 * @example
 * const answer = runSteps(twice()); // 4, or a promise of 4 when maybeLater() had to wait
 */
export function runSteps<T>(steps: Steps<T>): Eventually<T> {
  return advance(steps, () => steps.next());
}

function advance<T>(steps: Steps<T>, resume: () => IteratorResult<unknown, T>): Eventually<T> {
  for (let step = resume(); ; ) {
    if (step.done) return step.value;
    const value = step.value;
    if (!isPromise(value)) {
      step = steps.next(value);
      continue;
    }
    return value.then(
      (ready) => advance(steps, () => steps.next(ready)),
      (error: unknown) => advance(steps, () => steps.throw(error)),
    );
  }
}

/** True for a promise or any other thenable. */
export function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
