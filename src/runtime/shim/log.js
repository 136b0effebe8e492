import { shimState } from './state.js';

// log() formats in the isolate because the rules depend on the realm: whether a value is a
// native error, and what JSON.stringify makes of it (spec §8.1).

/**
 * @param {unknown} value
 * @returns {string}
 */
function formatArgument(value) {
  if (isNativeError(value)) return JSON.stringify(String(value));
  const text = JSON.stringify(value);
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
 * @param {...unknown} args
 */
export function log(...args) {
  let text = '';
  try {
    for (const arg of args) text += `${formatArgument(arg)} `;
  } finally {
    shimState.door('log', text);
  }
}
