// The server calls handlers from C++, so the stacks handler code sees end at the handler. Ours
// are called from the shim's dispatch loop: its frames are left out of every `stack` text,
// formatted otherwise as V8 formats it (the error's toString, then `    at <frame>` lines).

/** Scripts of eventing-dev's own: the shim and the constants script. */
const OWN_SCRIPT_PREFIX = 'eventing-dev:';

/**
 * @param {unknown} error
 * @param {V8CallSite[]} frames
 * @returns {string}
 */
function formatStack(error, frames) {
  let text;
  try {
    text = Error.prototype.toString.call(error);
  } catch {
    text = '<error>';
  }
  for (const frame of frames) {
    if (frame.getFileName()?.startsWith(OWN_SCRIPT_PREFIX)) continue;
    text += `\n    at ${frame}`;
  }
  return text;
}

/**
 * fidelity: V8 formats stacks through `Error.prepareStackTrace`, which the server leaves
 * undefined; here it is eventing-dev's formatter (not enumerable, replaceable by handler code,
 * which then sees eventing-dev's frames again).
 */
export function hideShimFrames() {
  Object.defineProperty(Error, 'prepareStackTrace', {
    value: formatStack,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

/** Frames looked at to find a caller: the built-in's own wrappers, then the caller. */
const CALLER_FRAMES = 5;

/** @param {unknown} _error @param {V8CallSite[]} frames */
const structured = (_error, frames) => frames;

/**
 * The frame that called `below`, as V8 writes it in a stack (`lookup (fn.js:9:16)`), skipping
 * eventing-dev's own frames. Only a few frames are taken and none other is formatted: a query
 * call asks for it every time.
 * @param {Function} below
 * @returns {string | undefined}
 */
export function callerFrame(below) {
  const { prepareStackTrace, stackTraceLimit } = Error;
  try {
    Error.prepareStackTrace = structured;
    Error.stackTraceLimit = CALLER_FRAMES;
    const probe = /** @type {{ stack?: V8CallSite[] }} */ ({});
    Error.captureStackTrace(probe, below);
    const frame = probe.stack?.find((site) => !site.getFileName()?.startsWith(OWN_SCRIPT_PREFIX));
    return frame?.toString();
  } catch {
    // Handler code made Error's stack settings read-only: no caller to name.
    return undefined;
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
}
