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
