import { fail } from './errors.js';
import { shimState } from './state.js';
import { encodeUtf8 } from './utf8.js';

// createTimer and cancelTimer validate their arguments here, in the server's order and with its
// messages (spec §5.1, §5.3); the host stores the timers.

const CALLBACK_MESSAGE = 'First argument to createTimer must be a valid global function';

/** @param {string} name */
function isGlobalName(name) {
  return name !== '' && /** @type {Record<string, unknown>} */ (globalThis)[name] !== undefined;
}

/**
 * @param {unknown} callback
 * @returns {callback is Function}
 */
function isGlobalFunction(callback) {
  return typeof callback === 'function' && isGlobalName(callback.name);
}

/** @param {string} message */
function createFailure(message) {
  shimState.door('stat', 'timer_create_failure');
  fail('EventingError', message, createTimer);
}

/**
 * `createTimer(callback, date, reference[, context])`: returns the timer's reference.
 * @param {...unknown} args
 */
export function createTimer(...args) {
  if (args.length < 3)
    createFailure('createTimer needs atleast 3 arguments - callback function, time, reference');
  const [callback, date, reference, context] = args;
  // The server only records the callback's name, and checks that the global of that name exists.
  if (!isGlobalFunction(callback)) createFailure(CALLBACK_MESSAGE);
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    createFailure('Second argument to createTimer must be a Date object instance');
  }
  if (typeof reference !== 'string' && reference !== null && reference !== undefined) {
    createFailure('Third argument to createTimer must be a string (or null to generate an ID)');
  }
  let text;
  try {
    text = JSON.stringify(context) ?? 'undefined';
  } catch (error) {
    shimState.door('stat', 'timer_create_failure');
    throw error;
  }
  const limit = shimState.config.timerContextSize;
  if (encodeUtf8(text).length > limit) {
    shimState.door('stat', 'timer_context_size_exceeded_counter');
    createFailure(`The context payload size is more than the configured size:${limit} bytes`);
  }
  const name = /** @type {Function} */ (callback).name;
  // As the server: the due time is kept in whole seconds, the milliseconds dropped
  // (v8_consumer/src/timer.cc, Epoch), so a timer may fire up to a second before its Date.
  const due = Math.floor(/** @type {Date} */ (date).getTime() / 1000);
  return shimState.door(
    'timer.create',
    name,
    due,
    typeof reference === 'string' ? reference : null,
    text,
  );
}

/**
 * `cancelTimer(callback, reference)`: true when a pending timer was removed.
 * @param {...unknown} args
 */
export function cancelTimer(...args) {
  if (args.length < 2)
    fail(
      'EventingError',
      'cancelTimer needs 2 arguments - callback function, reference',
      cancelTimer,
    );
  const [callback, reference] = args;
  if (!isGlobalFunction(callback)) {
    fail(
      'EventingError',
      'First argument to cancelTimer must be a valid global function',
      cancelTimer,
    );
  }
  if (typeof reference !== 'string')
    fail('EventingError', 'Second argument to cancelTimer must be a string', cancelTimer);
  return shimState.door('timer.cancel', /** @type {Function} */ (callback).name, reference);
}
