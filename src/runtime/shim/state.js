// State shared by the shim's modules. It holds no data of the emulated service (that lives on the
// host); only the door to the host and whether a handler invocation is running.

/** @typedef {import('../door-protocol.ts').Door} Door */

/**
 * The parts of the function's configuration the shim needs at run time.
 * @typedef {{
 *   timerContextSize: number;
 *   bucketCacheAge: number;
 *   bucketCacheSize: number;
 *   queryPoolSize: number;
 *   n1qlConsistency: string;
 *   n1qlPrepareAll: boolean;
 *   logTextCap: number;
 * }} RuntimeConfig
 */

/**
 * The host's door for operations that wait on asynchronous work, as isolated-vm hands it in.
 * @typedef {{ applySyncPromise(receiver: undefined, args: unknown[], options?: object): unknown }} AsyncDoor
 */

export const shimState = {
  /** @type {Door} */
  door: /** @type {any} */ (undefined),
  /** The same door for requests whose answer is not waited for: it returns undefined at once. */
  /** @type {Door} */
  sendingDoor: /** @type {any} */ (undefined),
  /** @type {RuntimeConfig} */
  config: {
    timerContextSize: 1024,
    bucketCacheAge: 1000,
    bucketCacheSize: 67108864,
    queryPoolSize: 10,
    n1qlConsistency: '',
    n1qlPrepareAll: false,
    logTextCap: 4194240,
  },
  /** @type {AsyncDoor | undefined} */
  asyncDoor: undefined,
  /**
   * True while the running entry is on isolated-vm's thread pool, where a host call may wait
   * for the host's promise; entered on the Node thread, every answer must come at once.
   */
  offThread: false,
  /**
   * True while the host has said that every basic write of the running entry will land (no
   * fault rules, every binding's keyspace there).
   */
  writesLand: false,
  /**
   * True while a query's default `clientContextId` (its call site) may be read: capturing the
   * stack for it costs more than the rest of the query, so without a reader it is left out.
   */
  queryCallSites: true,
  /** Set when an invocation left state on the host to drop at its end (cookies, cursors). */
  touchedHost: false,
  /**
   * True from the start of a handler invocation until the next entry into the isolate. Every
   * Eventing built-in is inert while it is false (spec §1.1 item 6). It stays true after the
   * handler returns so that microtasks the handler queued, which V8 runs when the host call
   * unwinds, still count as part of the invocation, as on the server.
   */
  executing: false,
};

/**
 * Wraps a built-in so that it does nothing and returns undefined outside an invocation.
 * @template {(...args: any[]) => any} F
 * @param {F} builtin
 * @returns {F}
 */
export function inertOutsideInvocation(builtin) {
  const wrapped = /** @type {F} */ (
    /** @type {unknown} */ (
      function (/** @type {any[]} */ ...args) {
        if (!shimState.executing) return undefined;
        // @ts-expect-error `this` is whatever the caller used, passed through unchanged.
        return builtin.apply(this, args);
      }
    )
  );
  Object.defineProperty(wrapped, 'name', { value: builtin.name });
  Object.defineProperty(wrapped, 'length', { value: builtin.length });
  return wrapped;
}

const COPY_ARGUMENTS = Object.freeze({ arguments: Object.freeze({ copy: true }) });

/**
 * Calls the host for an operation that may wait on asynchronous work. When the isolate runs on
 * isolated-vm's thread pool this waits for the host's promise; entered synchronously, the host
 * must answer at once through the ordinary door.
 * @param {string} op
 * @param {...unknown} args
 * @returns {any}
 */
export function hostCallMayWait(op, ...args) {
  const asyncDoor = shimState.asyncDoor;
  if (asyncDoor && shimState.offThread) {
    return asyncDoor.applySyncPromise(undefined, [op, ...args], COPY_ARGUMENTS);
  }
  return /** @type {(op: string, ...args: unknown[]) => unknown} */ (shimState.door)(op, ...args);
}
