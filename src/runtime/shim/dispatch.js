import { startWriting } from './basic-writes.js';
import { setEmulatedNow } from './emulated-date.js';
import { installLateGlobals } from './globals.js';
import { closeOpenQueries } from './n1ql.js';
import { shimState } from './state.js';

// The host enters the isolate once per batch of events, not once per event: entering is the
// costly part, and a synchronous loop here keeps per-event cost close to a plain function call.
// Each event is still its own invocation: the executing window, the exception report and the
// progress marker are per event. The host only batches handlers that cannot queue microtasks,
// so no work of one invocation can run during the next.

/** Real time, captured before anything can replace Date; it bounds a batch's length. */
const realNow = Date.now;

/** @type {Int32Array} */
let progress = new Int32Array(1);

/** @type {{ OnUpdate?: Function; OnDelete?: Function; OnDeploy?: Function }} */
const handlers = {};

/**
 * The position of the running event lives in memory the host can read even after the isolate
 * was terminated or disposed, so it knows which invocation a timeout or out-of-memory hit.
 * @param {SharedArrayBuffer} buffer
 */
export function useProgressBuffer(buffer) {
  progress = new Int32Array(buffer);
}

/**
 * Looks the entry points up once, after the user script ran, as the server does, and installs
 * the globals that come after the user's code.
 */
export function bindHandlers() {
  installLateGlobals();
  const global = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (globalThis));
  for (const name of /** @type {const} */ (['OnUpdate', 'OnDelete', 'OnDeploy'])) {
    const candidate = global[name];
    if (typeof candidate === 'function') handlers[name] = candidate;
  }
  return JSON.stringify({
    OnUpdate: handlers.OnUpdate !== undefined,
    OnDelete: handlers.OnDelete !== undefined,
    OnDeploy: handlers.OnDeploy !== undefined,
  });
}

/**
 * @param {unknown} thrown
 * @returns {{ exception: string; stack: string | undefined }}
 */
function describeThrown(thrown) {
  let exception = 'undefined';
  let stack;
  try {
    const native = Object.prototype.toString.call(thrown) === '[object Error]';
    exception = (native ? JSON.stringify(String(thrown)) : JSON.stringify(thrown)) ?? 'undefined';
  } catch {
    exception = JSON.stringify('<the thrown value could not be converted to text>');
  }
  try {
    const candidate = /** @type {{ stack?: unknown }} */ (thrown)?.stack;
    if (typeof candidate === 'string') stack = withoutShimFrames(candidate);
  } catch {
    stack = undefined;
  }
  return { exception, stack };
}

/**
 * The server's stacks end at the handler: its callers are native. Ours would go on into the
 * shim's dispatch loop, so those frames are dropped from what is reported.
 * @param {string} stack
 */
function withoutShimFrames(stack) {
  return stack
    .split('\n')
    .filter((line) => !line.includes('eventing-dev:shim'))
    .join('\n');
}

/**
 * Event tuples, as the host encodes them (see event-payload.ts):
 * `[kind, key, cas, vb, seq, keyspaceIndex, ...]` where kind 1 is a JSON mutation
 * (`expiration, doc, xattrs` follow), 3 a binary one (`expiration, binaryIndex, xattrs`) and 2 a
 * deletion (`expired`); `[4, callbackName, hasContext, context?]` a timer and
 * `[5, reason, delay]` OnDeploy.
 * @typedef {[number, string, string, number, number, number, ...unknown[]]} EventTuple
 * @typedef {[string, string, string]} KeyspaceTuple
 */

/**
 * The 8.x meta object, keys in the server's order (spec §1.6).
 * @param {EventTuple} event
 * @param {KeyspaceTuple} keyspace
 * @param {string} datatype
 * @param {number} expiration
 * @returns {Record<string, unknown>}
 */
function metaOf(event, keyspace, datatype, expiration) {
  return {
    id: event[1],
    cas: event[2],
    flags: 0,
    vb: event[3],
    seq: event[4],
    datatype,
    expiration,
    keyspace: { bucket_name: keyspace[0], scope_name: keyspace[1], collection_name: keyspace[2] },
  };
}

/**
 * @param {EventTuple} event
 * @param {KeyspaceTuple} keyspace
 * @param {ArrayBuffer[] | undefined} binaries
 * @param {number} index
 */
function invoke(event, keyspace, binaries, index) {
  const kind = event[0];
  try {
    if (kind === 4) {
      fireTimer(
        /** @type {[4, string, number, unknown?]} */ (/** @type {unknown} */ (event)),
        index,
      );
      return;
    }
    if (kind === 5) {
      handlers.OnDeploy?.call(globalThis, { reason: event[1], delay: event[2] });
      return;
    }
    if (kind === 2) {
      handlers.OnDelete?.call(globalThis, metaOf(event, keyspace, 'json', 0), {
        expired: event[6],
      });
      return;
    }
    const expiration = /** @type {number} */ (event[6]);
    const meta = metaOf(event, keyspace, kind === 1 ? 'json' : 'binary', expiration);
    if (expiration !== 0) meta.expiry_date = new Date(expiration * 1000);
    const doc = kind === 1 ? event[7] : binaries?.[/** @type {number} */ (event[7])];
    handlers.OnUpdate?.call(globalThis, doc, meta, event[8]);
  } catch (thrown) {
    shimState.door('thrown', {
      entry: ENTRY_POINTS[kind] ?? 'OnUpdate',
      index,
      ...describeThrown(thrown),
    });
  }
}

/** @type {Record<number, import('../door-protocol.ts').EntryPoint>} */
const ENTRY_POINTS = { 1: 'OnUpdate', 2: 'OnDelete', 3: 'OnUpdate', 4: 'Timer', 5: 'OnDeploy' };

/**
 * A timer's callback is looked up by name when it fires (spec §1.5) and called with itself as
 * `this` and the stored context as its one argument.
 * @param {[4, string, number, unknown?]} event
 * @param {number} index
 */
function fireTimer(event, index) {
  const callback = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (globalThis))[
    event[1]
  ];
  if (typeof callback !== 'function') {
    shimState.door('timer.missing', index);
    return;
  }
  callback.call(callback, event[2] === 1 ? event[3] : undefined);
}

/**
 * Query results still open are closed and the host drops what it kept for this invocation
 * (cookies, query cursors) (spec §1.8, §6.4). Only invocations that used those built-ins pay.
 */
function endInvocation() {
  shimState.touchedHost = false;
  closeOpenQueries();
  shimState.door('invocation.end');
}

/**
 * Runs a batch of events and returns how many ran. Stops early, between invocations, once the
 * real-time `deadline` has passed, so one entry never holds the isolate for long.
 * @param {string} payload JSON array of event tuples
 * @param {ArrayBuffer[] | undefined} binaries
 * @param {number} deadline epoch milliseconds
 * @param {number | undefined} now the emulator's time, or undefined for the real clock
 * @param {boolean} offThread entered on isolated-vm's thread pool, so host calls may wait
 * @param {boolean} writesLand every basic write will land: its answer need not be waited for
 * @param {boolean} optionsRead something reads the options of queries (see state.js)
 */
export function dispatch(payload, binaries, deadline, now, offThread, writesLand, optionsRead) {
  setEmulatedNow(now);
  shimState.offThread = offThread;
  shimState.writesLand = writesLand;
  shimState.queryCallSites = offThread || optionsRead;
  startWriting();
  const decoded = JSON.parse(payload);
  const keyspaces = /** @type {KeyspaceTuple[]} */ (decoded[0]);
  const count = decoded.length - 1;
  for (let index = 0; index < count; index++) {
    if (index > 0 && realNow() > deadline) return index;
    progress[0] = index;
    shimState.executing = true;
    const event = /** @type {EventTuple} */ (decoded[index + 1]);
    invoke(event, /** @type {KeyspaceTuple} */ (keyspaces[event[5]]), binaries, index);
    if (shimState.touchedHost) endInvocation();
    else closeOpenQueries();
  }
  return count;
}
