// Date and Intl.DateTimeFormat in a function's own time zone: the local-time methods, toString,
// and the toLocale*String and Intl.DateTimeFormat defaults follow the zone the emulator was given
// (the constructor and Date.parse use parseInZone and Zone.toUtc, see emulated-date.js).

/** @typedef {import('./time-zone.js').Zone} Zone */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const BuiltinDate = Date;
const BuiltinDateTimeFormat = Intl.DateTimeFormat;
const builtin = {
  getTime: Date.prototype.getTime,
  setTime: Date.prototype.setTime,
  toLocaleString: Date.prototype.toLocaleString,
  toLocaleDateString: Date.prototype.toLocaleDateString,
  toLocaleTimeString: Date.prototype.toLocaleTimeString,
};

/**
 * Makes Date.prototype, Date.parse's local texts and Intl.DateTimeFormat follow `zone`.
 * @param {Zone} zone
 */
export function installZone(zone) {
  const proto = BuiltinDate.prototype;
  const scratch = new BuiltinDate(0);
  /** @param {Date} date */
  const localTime = (date) => {
    const t = builtin.getTime.call(date);
    return Number.isNaN(t) ? t : t + zone.offsetAt(t);
  };
  /** The local fields of `date` read through a UTC getter. @param {(this: Date) => number} utcGetter */
  const getter = (utcGetter) =>
    /** @this {Date} */ function () {
      const local = localTime(this);
      if (Number.isNaN(local)) return local;
      builtin.setTime.call(scratch, local);
      return utcGetter.call(scratch);
    };
  /**
   * Sets local fields through a UTC setter. @param {(this: Date, ...args: number[]) => number} utcSetter
   * @param {boolean} fromZero a NaN date counts as local time zero (setFullYear)
   */
  const setter = (utcSetter, fromZero = false) =>
    /** @this {Date} @param {...number} args */ function (...args) {
      const local = localTime(this);
      builtin.setTime.call(scratch, Number.isNaN(local) && fromZero ? 0 : local);
      const wall = utcSetter.apply(scratch, args);
      return builtin.setTime.call(this, zone.toUtc(wall));
    };
  /** @type {Record<string, Function>} */
  const methods = {
    getFullYear: getter(proto.getUTCFullYear),
    getMonth: getter(proto.getUTCMonth),
    getDate: getter(proto.getUTCDate),
    getDay: getter(proto.getUTCDay),
    getHours: getter(proto.getUTCHours),
    getMinutes: getter(proto.getUTCMinutes),
    getSeconds: getter(proto.getUTCSeconds),
    getMilliseconds: getter(proto.getUTCMilliseconds),
    setFullYear: setter(proto.setUTCFullYear, true),
    setMonth: setter(proto.setUTCMonth),
    setDate: setter(proto.setUTCDate),
    setHours: setter(proto.setUTCHours),
    setMinutes: setter(proto.setUTCMinutes),
    setSeconds: setter(proto.setUTCSeconds),
    setMilliseconds: setter(proto.setUTCMilliseconds),
  };
  const zoneNames = createZoneNames(zone);
  Object.assign(methods, {
    /** @this {Date} */
    getYear() {
      return /** @type {number} */ (methods.getFullYear?.call(this)) - 1900;
    },
    /** @this {Date} @param {number} year */
    setYear(year) {
      const y = Number(year);
      const whole = Math.trunc(y);
      return methods.setFullYear?.call(this, whole >= 0 && whole <= 99 ? 1900 + whole : y);
    },
    /** @this {Date} */
    getTimezoneOffset() {
      const t = builtin.getTime.call(this);
      return Number.isNaN(t) ? t : -zone.offsetAt(t) / 60_000;
    },
    /** @this {Date} */
    toString() {
      const t = builtin.getTime.call(this);
      return Number.isNaN(t) ? 'Invalid Date' : `${dateText(t)} ${timeText(t)}`;
    },
    /** @this {Date} */
    toDateString() {
      const t = builtin.getTime.call(this);
      return Number.isNaN(t) ? 'Invalid Date' : dateText(t);
    },
    /** @this {Date} */
    toTimeString() {
      const t = builtin.getTime.call(this);
      return Number.isNaN(t) ? 'Invalid Date' : timeText(t);
    },
    /** @this {Date} @param {Intl.LocalesArgument} locales @param {Intl.DateTimeFormatOptions} [options] */
    toLocaleString(locales, options) {
      return builtin.toLocaleString.call(this, locales, withZone(options));
    },
    /** @this {Date} @param {Intl.LocalesArgument} locales @param {Intl.DateTimeFormatOptions} [options] */
    toLocaleDateString(locales, options) {
      return builtin.toLocaleDateString.call(this, locales, withZone(options));
    },
    /** @this {Date} @param {Intl.LocalesArgument} locales @param {Intl.DateTimeFormatOptions} [options] */
    toLocaleTimeString(locales, options) {
      return builtin.toLocaleTimeString.call(this, locales, withZone(options));
    },
  });
  for (const [name, method] of Object.entries(methods)) {
    Object.defineProperty(method, 'name', { value: name });
    const original = /** @type {Record<string, Function>} */ (/** @type {unknown} */ (proto))[name];
    Object.defineProperty(method, 'length', { value: original?.length ?? 0 });
    Object.defineProperty(proto, name, { value: method, writable: true, configurable: true });
  }

  /** @param {number} t */
  function fieldsAt(t) {
    builtin.setTime.call(scratch, t + zone.offsetAt(t));
    return scratch;
  }
  /** `Mon Jun 29 2009` @param {number} t */
  function dateText(t) {
    const d = fieldsAt(t);
    const year = d.getUTCFullYear();
    const yearText = year < 0 ? `-${pad(-year, 6)}` : pad(year, 4);
    return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate(), 2)} ${yearText}`;
  }
  /** `13:30:10 GMT-0700 (Pacific Daylight Time)` @param {number} t */
  function timeText(t) {
    const d = fieldsAt(t);
    const offset = zone.offsetAt(t) / 60_000;
    const sign = offset < 0 ? '-' : '+';
    const zoneName = zoneNames.at(t);
    return (
      `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)} ` +
      `GMT${sign}${pad(Math.floor(Math.abs(offset) / 60), 2)}${pad(Math.abs(offset) % 60, 2)} (${zoneName})`
    );
  }
  /**
   * Options with the zone unless they name one; the caller's object is left as it is.
   * @param {unknown} options
   * @returns {Intl.DateTimeFormatOptions}
   */
  function withZone(options) {
    if (options === undefined) return { timeZone: zone.name };
    const given = Object(options);
    if (given.timeZone !== undefined) return given;
    return Object.create(given, { timeZone: { value: zone.name, enumerable: true } });
  }
  installDateTimeFormat(withZone);
}

/**
 * `Intl.DateTimeFormat` with the zone as its default, keeping its prototype and statics.
 * @param {(options: unknown) => unknown} withZone
 */
function installDateTimeFormat(withZone) {
  /** @param {unknown} locales @param {unknown} options */
  function DateTimeFormat(locales, options) {
    const args = [locales, withZone(options)];
    return new.target
      ? Reflect.construct(BuiltinDateTimeFormat, args, new.target)
      : Reflect.apply(BuiltinDateTimeFormat, undefined, args);
  }
  Object.defineProperties(DateTimeFormat, {
    length: { value: 0 },
    prototype: { value: BuiltinDateTimeFormat.prototype },
    supportedLocalesOf: {
      value: BuiltinDateTimeFormat.supportedLocalesOf,
      writable: true,
      configurable: true,
    },
  });
  Object.defineProperty(BuiltinDateTimeFormat.prototype, 'constructor', {
    value: DateTimeFormat,
    writable: true,
    configurable: true,
  });
  Object.defineProperty(Intl, 'DateTimeFormat', {
    value: DateTimeFormat,
    writable: true,
    configurable: true,
  });
}

/**
 * The zone's long name in toString, as V8 gives it: the zone's present-day name for standard
 * time, or for summer time when the date is ahead of the lowest offset of its year.
 * fidelity: V8 asks ICU whether the date is in daylight saving time; Intl does not say, so a zone
 * whose standard offset itself moved for a time (British Standard Time, 1968–71) may be named
 * for summer time then.
 * @param {Zone} zone
 */
function createZoneNames(zone) {
  const names = new BuiltinDateTimeFormat('en-US', { timeZone: zone.name, timeZoneName: 'long' });
  /** @param {number} t */
  const nameAt = (t) =>
    names.formatToParts(t).find((part) => part.type === 'timeZoneName')?.value ?? zone.name;
  /** @type {Map<number, number>} */
  const standardOffsets = new Map();
  /** @param {number} year */
  const standardOffset = (year) => {
    let offset = standardOffsets.get(year);
    if (offset === undefined) {
      offset = Math.min(
        ...Array.from({ length: 12 }, (_, month) =>
          zone.offsetAt(BuiltinDate.UTC(year, month, 15)),
        ),
      );
      standardOffsets.set(year, offset);
    }
    return offset;
  };
  const standard = { offset: standardOffset(2025), name: '' };
  const reference = [BuiltinDate.UTC(2025, 0, 15), BuiltinDate.UTC(2025, 6, 15)];
  const summerAt = reference.find((t) => zone.offsetAt(t) > standard.offset);
  const standardAt = reference.find((t) => zone.offsetAt(t) === standard.offset) ?? 0;
  standard.name = nameAt(standardAt);
  const summerName = summerAt === undefined ? standard.name : nameAt(summerAt);
  return {
    /** @param {number} t */
    at(t) {
      const offset = zone.offsetAt(t);
      const year = new BuiltinDate(t + offset).getUTCFullYear();
      return offset > standardOffset(year) ? summerName : standard.name;
    },
  };
}

/** @param {number} value @param {number} width */
function pad(value, width) {
  return String(value).padStart(width, '0');
}
