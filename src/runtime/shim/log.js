import { shimState } from './state.js';

// log() formats in the isolate because the rules depend on the realm: whether a value is a
// native error, and what JSON.stringify makes of it (spec §8.1).
//
// fidelity: the server writes a log() line whole, however long; here its text is cut at
// `logTextCap` code units (4 MiB with the line's head), in the isolate, so that a handler
// logging huge values neither copies them to the host nor keeps them in memory. Of a long
// string only the start that can fit is quoted: JSON.stringify of a string escapes it one code
// unit at a time, so that start gives the same text as quoting all of it would.

// Taken before user code runs, so a handler that replaces them cannot change what log() does.
const apply = Reflect.apply;
const { slice } = String.prototype;

/**
 * @param {unknown} value
 * @param {number} room how much of the text can still be written
 * @returns {string}
 */
function formatArgument(value, room) {
  const shown = isNativeError(value) ? String(value) : value;
  if (typeof shown === 'string' && shown.length > room) {
    // A surrogate pair cut in two at the end is escaped differently, but past what is kept.
    return JSON.stringify(apply(slice, shown, [0, Math.max(room, 0) + 1]));
  }
  const text = JSON.stringify(shown);
  return text === undefined ? 'undefined' : text;
}

/**
 * A native error has V8's internal error data; Eventing's own error classes do not (§2.4).
 * @param {unknown} value
 */
function isNativeError(value) {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.toString.call(value) === '[object Error]'
  );
}

/**
 * `log(...args)`: each argument as text followed by one space. When an argument cannot be
 * stringified (a cycle, a BigInt) the text so far is still written, then the error propagates.
 * Arguments past the cap are still stringified, so that they throw as they would on the server.
 * @param {...unknown} args
 */
export function log(...args) {
  const cap = shimState.config.logTextCap;
  let text = '';
  try {
    for (const arg of args) {
      const formatted = formatArgument(arg, cap - text.length);
      if (text.length < cap) text += `${formatted} `;
    }
  } finally {
    shimState.door('log', text.length > cap ? apply(slice, text, [0, cap]) : text);
  }
}
