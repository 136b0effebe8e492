// A time zone computed through Intl rather than taken from the process. V8 takes local time from
// the process (TZ), which every isolate in it shares; a function given a zone of its own gets it
// from here.

const DAY = 86_400_000;
const BuiltinDate = Date;
const BuiltinDateTimeFormat = Intl.DateTimeFormat;
const { getTime, setUTCFullYear, setUTCHours } = BuiltinDate.prototype;
const builtinParse = BuiltinDate.parse;

/**
 * @typedef {object} Zone
 * @property {string} name
 * @property {(t: number) => number} offsetAt milliseconds to add to UTC for the local time at t
 * @property {(wall: number) => number} toUtc the instant of a local wall time (as UTC fields)
 */

/**
 * @param {string} name an IANA time zone name
 * @returns {Zone}
 */
export function createZone(name) {
  const fields = new BuiltinDateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  /** @type {Map<number, number>} offsets by minute */
  const cache = new Map();
  /** @param {number} t */
  const offsetAt = (t) => {
    const minute = Math.floor(t / 60_000);
    const known = cache.get(minute);
    if (known !== undefined) return known;
    const offset = wallClock(fields, minute * 60_000) - minute * 60_000;
    if (cache.size > 4096) cache.clear();
    cache.set(minute, offset);
    return offset;
  };
  /** @param {number} wall */
  const toUtc = (wall) => {
    if (!Number.isFinite(wall)) return Number.NaN;
    const before = offsetAt(wall - DAY);
    const after = offsetAt(wall + DAY);
    if (before === after) return wall - before;
    const early = wall - before;
    const late = wall - after;
    const earlyFits = offsetAt(early) === before;
    const lateFits = offsetAt(late) === after;
    // A repeated hour takes its first instant; a skipped hour the offset before the change.
    if (earlyFits && lateFits) return Math.min(early, late);
    if (lateFits && !earlyFits) return late;
    return early;
  };
  return { name, offsetAt, toUtc };
}

/**
 * The local wall time at t, as milliseconds of the same fields in UTC.
 * @param {Intl.DateTimeFormat} format
 * @param {number} t
 */
function wallClock(format, t) {
  /** @type {Record<string, string>} */
  const parts = {};
  for (const part of format.formatToParts(t)) parts[part.type] = part.value;
  const year = Number(parts.year);
  const scratch = new BuiltinDate(0);
  setUTCFullYear.call(
    scratch,
    parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    Number(parts.month) - 1,
    Number(parts.day),
  );
  setUTCHours.call(scratch, Number(parts.hour), Number(parts.minute), Number(parts.second));
  return getTime.call(scratch);
}

/**
 * Date.parse in a zone: texts without an offset (other than ISO dates alone, which are UTC) are
 * local times of the zone.
 * @param {Zone} zone
 * @param {unknown} text
 */
export function parseInZone(zone, text) {
  const string = String(text);
  const parsed = builtinParse(string);
  if (Number.isNaN(parsed) || !isLocalText(string)) return parsed;
  // The same text read as UTC gives the wall time's fields, whatever the process's zone.
  const trimmed = string.trim();
  const wall = builtinParse(ISO_DATE_TIME.test(trimmed) ? `${trimmed}Z` : `${string} Z`);
  return zone.toUtc(wall);
}

const ISO_DATE_TIME = /^[+-]?\d{4,6}-\d\d-\d\dT/i;

/**
 * Whether V8 reads the text as a local time: an ISO date-time without Z or offset, or a legacy
 * text naming no zone (UT, UTC, GMT, Z, the US zones) and no offset after its time.
 * @param {string} text
 */
function isLocalText(text) {
  const bare = text.replace(/\([^)]*\)/g, ' ').trim();
  if (/^[+-]?\d{4,6}(-\d\d(-\d\d)?)?$/.test(bare)) return false;
  if (ISO_DATE_TIME.test(bare)) return !/(Z|[+-]\d\d:?\d\d)$/i.test(bare);
  if (/\b(UTC?|GMT|Z|[ECMP][SD]T)\b/i.test(bare)) return false;
  return !/\d:\d\d(:\d\d(\.\d+)?)?\s*[+-]\d/.test(bare);
}
