import { createZone, parseInZone } from './time-zone.js';
import { installZone } from './zoned-date.js';

// With the emulator's manual clock, `new Date()` and `Date.now()` in handler code read the
// emulator's time, so tests are deterministic; with a time zone, local times are in that zone.
// The replacement shares Date.prototype, so instanceof, methods and dates made before or after
// behave as with the builtin.

const BuiltinDate = Date;

/** Epoch milliseconds handlers see, or undefined to follow the real clock. */
let emulatedNow = /** @type {number | undefined} */ (undefined);

/** The function's own time zone, or undefined for the process's. */
let zone = /** @type {import('./time-zone.js').Zone | undefined} */ (undefined);

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
  if (args.length === 0) return Reflect.construct(BuiltinDate, [currentTime()], new.target);
  return Reflect.construct(BuiltinDate, zone ? inZone(zone, args) : args, new.target);
}

/**
 * The constructor's arguments with local times resolved in the zone: a text, or fields.
 * @param {import('./time-zone.js').Zone} zone
 * @param {unknown[]} args
 */
function inZone(zone, args) {
  if (args.length === 1) return typeof args[0] === 'string' ? [parseInZone(zone, args[0])] : args;
  const fields = /** @type {[number, number]} */ (args);
  return [zone.toUtc(BuiltinDate.UTC(...fields))];
}

/**
 * Replaces the global Date, keeping its shape: name, length, statics and prototype.
 * @param {string | undefined} timeZone an IANA zone for local times, instead of the process's
 */
export function installEmulatedDate(timeZone) {
  if (timeZone) {
    zone = createZone(timeZone);
    installZone(zone);
  }
  const inZoneParse = zone;
  Object.defineProperties(EmulatedDate, {
    name: { value: 'Date' },
    length: { value: BuiltinDate.length },
    prototype: { value: BuiltinDate.prototype },
    now: { value: () => currentTime(), writable: true, configurable: true },
    parse: {
      value: inZoneParse
        ? function parse(/** @type {unknown} */ text) {
            return parseInZone(inZoneParse, text);
          }
        : BuiltinDate.parse,
      writable: true,
      configurable: true,
    },
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
