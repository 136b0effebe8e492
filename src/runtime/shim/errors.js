// The Eventing error classes, built inside the isolate so that `instanceof` and `try/catch` in
// handler code behave as on the server (spec runtime §2.4): `new KVError(m)` has own enumerable
// `message` (only when given) and `stack` (from a fresh Error, so it starts with "Error"), and its
// prototype derives from Error.prototype without a `name` of its own.

/** @typedef {'KVError' | 'N1QLError' | 'EventingError' | 'CurlError' | 'AnalyticsError' | 'SearchError'} EventingErrorName */

/**
 * @param {string} name
 * @returns {ErrorConstructor}
 */
function defineErrorClass(name) {
  /** @this {any} @param {unknown[]} args */
  const EventingErrorClass = function (...args) {
    const self = new.target ? this : Object.create(EventingErrorClass.prototype);
    if (args.length > 0) self.message = args[0];
    const origin = new Error();
    Error.captureStackTrace(origin, EventingErrorClass);
    self.stack = origin.stack;
    return self;
  };
  EventingErrorClass.prototype = Object.create(Error.prototype);
  Object.defineProperty(EventingErrorClass, 'name', { value: name });
  return /** @type {any} */ (EventingErrorClass);
}

export const errorClasses = {
  KVError: defineErrorClass('KVError'),
  N1QLError: defineErrorClass('N1QLError'),
  EventingError: defineErrorClass('EventingError'),
  CurlError: defineErrorClass('CurlError'),
  AnalyticsError: defineErrorClass('AnalyticsError'),
  SearchError: defineErrorClass('SearchError'),
};

/**
 * An error as the host describes it when it crosses the door (see door-protocol.ts).
 * @typedef {import('../door-protocol.ts').EmulatedError} EmulatedError
 */

/**
 * Builds the in-realm error object for an emulated error, with a stack that starts at the
 * user's frame: frames of `below` and above it (our own shim) are left out.
 * @param {EmulatedError} error
 * @param {Function} below
 * @returns {unknown}
 */
export function toRealmError(error, below) {
  if (error.class === 'TypeError') {
    const typeError = new TypeError(String(error.message));
    Error.captureStackTrace(typeError, below);
    return typeError;
  }
  const ErrorClass = errorClasses[error.class];
  const instance = new ErrorClass(/** @type {any} */ (error.message));
  const origin = new Error();
  Error.captureStackTrace(origin, below);
  /** @type {any} */ (instance).stack = origin.stack;
  return instance;
}

/**
 * Throws an emulated error from inside a built-in.
 * @param {EmulatedError['class']} errorClass
 * @param {unknown} message
 * @param {Function} below
 * @returns {never}
 */
export function fail(errorClass, message, below) {
  throw toRealmError({ class: errorClass, message }, below);
}
