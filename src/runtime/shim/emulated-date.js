// With the emulator's manual clock, `new Date()` and `Date.now()` in handler code read the
// emulator's time, so tests are deterministic. The replacement shares Date.prototype, so
// instanceof, methods and dates made before or after behave as with the builtin.

const BuiltinDate = Date;

/** Epoch milliseconds handlers see, or undefined to follow the real clock. */
let emulatedNow = /** @type {number | undefined} */ (undefined);

/** @param {number | undefined} now */
export function setEmulatedNow(now) {
  emulatedNow = now;
}

function currentTime() {
  return emulatedNow ?? BuiltinDate.now();
}

/**
 * @this {unknown}
 * @param {...unknown} args
 */
function EmulatedDate(...args) {
  if (!new.target) return new BuiltinDate(currentTime()).toString();
  return Reflect.construct(BuiltinDate, args.length === 0 ? [currentTime()] : args, new.target);
}

/** Replaces the global Date, keeping its shape: name, length, statics and prototype. */
export function installEmulatedDate() {
  Object.defineProperties(EmulatedDate, {
    name: { value: 'Date' },
    length: { value: BuiltinDate.length },
    prototype: { value: BuiltinDate.prototype },
    now: { value: () => currentTime(), writable: true, configurable: true },
    parse: { value: BuiltinDate.parse, writable: true, configurable: true },
    UTC: { value: BuiltinDate.UTC, writable: true, configurable: true },
  });
  Object.defineProperty(BuiltinDate.prototype, 'constructor', {
    value: EmulatedDate,
    writable: true,
    configurable: true,
  });
  Object.defineProperty(globalThis, 'Date', {
    value: EmulatedDate,
    writable: true,
    configurable: true,
  });
}
