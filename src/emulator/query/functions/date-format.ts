// Date strings for the SQL++ date functions: the three kinds of format the Query service reads
// (Go reference layouts such as its default `2006-01-02T15:04:05.999Z07:00`, percent formats
// such as `%Y-%m-%d`, and example dates such as `1111-11-11T11:11:11`), turned into one list of
// fields used both to print and to parse (Query docs: Date Functions, Date Formats;
// couchbase/query `expression/func_date.go`, `util/time.go`).
// fidelity: locale names are English only, and formats beyond these fields are refused (NULL).

/** One field of a date string, or text that stands for itself. */
export type DateField =
  | { kind: 'literal'; text: string }
  | {
      kind:
        | 'year'
        | 'year2'
        | 'month'
        | 'day'
        | 'hour'
        | 'hour12'
        | 'minute'
        | 'second'
        | 'dayOfYear';
      pad: boolean;
    }
  | { kind: 'monthName' | 'weekday'; short: boolean }
  | { kind: 'fraction'; digits: number; trim: boolean; dot: boolean }
  | { kind: 'zone'; z: boolean; colon: boolean }
  | { kind: 'ampm' };

/** The Query service's default output format. */
export const DEFAULT_FORMAT = '2006-01-02T15:04:05.999Z07:00';

/** Layouts a date string without a format may follow, tried in order. */
const DEFAULT_PARSE_LAYOUTS = [
  '2006-01-02T15:04:05.999999999Z07:00',
  '2006-01-02T15:04:05.999999999',
  '2006-01-02 15:04:05.999999999Z07:00',
  '2006-01-02 15:04:05.999999999',
  '2006-01-02',
  '15:04:05.999999999Z07:00',
  '15:04:05.999999999',
];

const GO_TOKENS: Array<[string, DateField]> = [
  ['2006', { kind: 'year', pad: true }],
  ['January', { kind: 'monthName', short: false }],
  ['Jan', { kind: 'monthName', short: true }],
  ['Monday', { kind: 'weekday', short: false }],
  ['Mon', { kind: 'weekday', short: true }],
  ['MST', { kind: 'zone', z: false, colon: true }],
  ['Z07:00', { kind: 'zone', z: true, colon: true }],
  ['Z0700', { kind: 'zone', z: true, colon: false }],
  ['-07:00', { kind: 'zone', z: false, colon: true }],
  ['-0700', { kind: 'zone', z: false, colon: false }],
  ['002', { kind: 'dayOfYear', pad: true }],
  ['06', { kind: 'year2', pad: true }],
  ['01', { kind: 'month', pad: true }],
  ['02', { kind: 'day', pad: true }],
  ['_2', { kind: 'day', pad: false }],
  ['15', { kind: 'hour', pad: true }],
  ['03', { kind: 'hour12', pad: true }],
  ['04', { kind: 'minute', pad: true }],
  ['05', { kind: 'second', pad: true }],
  ['PM', { kind: 'ampm' }],
  ['1', { kind: 'month', pad: false }],
  ['2', { kind: 'day', pad: false }],
  ['3', { kind: 'hour12', pad: false }],
  ['4', { kind: 'minute', pad: false }],
  ['5', { kind: 'second', pad: false }],
];

const PERCENT: Record<string, DateField[] | string> = {
  Y: [{ kind: 'year', pad: true }],
  y: [{ kind: 'year2', pad: true }],
  m: [{ kind: 'month', pad: true }],
  d: [{ kind: 'day', pad: true }],
  e: [{ kind: 'day', pad: false }],
  H: [{ kind: 'hour', pad: true }],
  I: [{ kind: 'hour12', pad: true }],
  M: [{ kind: 'minute', pad: true }],
  S: [{ kind: 'second', pad: true }],
  L: [{ kind: 'fraction', digits: 3, trim: false, dot: false }],
  N: [{ kind: 'fraction', digits: 9, trim: false, dot: false }],
  z: [{ kind: 'zone', z: false, colon: false }],
  Z: [{ kind: 'zone', z: false, colon: true }],
  p: [{ kind: 'ampm' }],
  b: [{ kind: 'monthName', short: true }],
  h: [{ kind: 'monthName', short: true }],
  B: [{ kind: 'monthName', short: false }],
  a: [{ kind: 'weekday', short: true }],
  A: [{ kind: 'weekday', short: false }],
  j: [{ kind: 'dayOfYear', pad: true }],
  D: '%Y-%m-%d',
  T: '%H:%M:%S',
  F: '%Y-%m-%dT%H:%M:%S.%N%z',
  '%': [{ kind: 'literal', text: '%' }],
};

/** The fields of a format, or undefined when it is not one this emulator reads. */
export function dateFields(format: string): DateField[] | undefined {
  if (format.includes('%')) return percentFields(format);
  if (/\d/.test(format) && !/2006|15:04|Jan|Mon/.test(format)) {
    const layout = exampleToLayout(format);
    return layout === undefined ? undefined : goFields(layout);
  }
  return goFields(format);
}

function goFields(layout: string): DateField[] {
  const fields: DateField[] = [];
  let at = 0;
  while (at < layout.length) {
    const fraction = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(at));
    if (fraction) {
      const digits = fraction[1]!;
      fields.push({ kind: 'fraction', digits: digits.length, trim: digits[0] === '9', dot: true });
      at += fraction[0].length;
      continue;
    }
    const token = GO_TOKENS.find(([text]) => layout.startsWith(text, at));
    if (token) {
      fields.push(token[1]);
      at += token[0].length;
    } else {
      fields.push({ kind: 'literal', text: layout[at]! });
      at += 1;
    }
  }
  return fields;
}

function percentFields(format: string): DateField[] | undefined {
  const fields: DateField[] = [];
  for (let at = 0; at < format.length; at++) {
    if (format[at] !== '%') {
      fields.push({ kind: 'literal', text: format[at]! });
      continue;
    }
    const expansion = PERCENT[format[++at] ?? ''];
    if (expansion === undefined) return undefined;
    if (typeof expansion === 'string') fields.push(...(percentFields(expansion) ?? []));
    else fields.push(...expansion);
  }
  return fields;
}

/** `1111-11-11T11:11:11.111Z` style: each run of digits by its place. */
function exampleToLayout(example: string): string | undefined {
  const match =
    /^(?:(\d{4})-(\d{1,2})-(\d{1,2}))?([T ])?(?:(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      example,
    );
  if (!match || (match[1] === undefined && match[5] === undefined)) return undefined;
  let layout = match[1] === undefined ? '' : '2006-01-02';
  if (match[5] !== undefined)
    layout += `${match[4] ?? ''}15:04${match[7] === undefined ? '' : ':05'}`;
  if (match[8] !== undefined) layout += `.${'0'.repeat(match[8].length)}`;
  if (match[9] !== undefined)
    layout += match[9].includes(':') || match[9] === 'Z' ? 'Z07:00' : '-0700';
  return layout;
}

/** A moment with the offset (minutes east of UTC) its text was written in. */
export interface ZonedTime {
  millis: number;
  offset: number;
}

const MONTHS =
  'January February March April May June July August September October November December'.split(
    ' ',
  );
const WEEKDAYS = 'Sunday Monday Tuesday Wednesday Thursday Friday Saturday'.split(' ');

const padded = (n: number, width: number, pad: boolean) =>
  pad ? String(n).padStart(width, '0') : String(n);

/** Prints a moment in its offset by the fields of a format. */
export function printDate(time: ZonedTime, fields: DateField[]): string {
  const wall = new Date(time.millis + time.offset * 60_000);
  const hour = wall.getUTCHours();
  return fields.map((field) => printField(field, wall, hour, time.offset)).join('');
}

function printField(field: DateField, wall: Date, hour: number, offset: number): string {
  switch (field.kind) {
    case 'literal':
      return field.text;
    case 'year':
      return padded(wall.getUTCFullYear(), 4, field.pad);
    case 'year2':
      return padded(wall.getUTCFullYear() % 100, 2, true);
    case 'month':
      return padded(wall.getUTCMonth() + 1, 2, field.pad);
    case 'day':
      return padded(wall.getUTCDate(), 2, field.pad);
    case 'dayOfYear':
      return padded(dayOfYear(wall), 3, field.pad);
    case 'hour':
      return padded(hour, 2, field.pad);
    case 'hour12':
      return padded(hour % 12 === 0 ? 12 : hour % 12, 2, field.pad);
    case 'minute':
      return padded(wall.getUTCMinutes(), 2, field.pad);
    case 'second':
      return padded(wall.getUTCSeconds(), 2, field.pad);
    case 'fraction': {
      const digits = String(wall.getUTCMilliseconds())
        .padStart(3, '0')
        .padEnd(field.digits, '0')
        .slice(0, field.digits);
      const shown = field.trim ? digits.replace(/0+$/, '') : digits;
      return shown === '' ? '' : `${field.dot ? '.' : ''}${shown}`;
    }
    case 'zone':
      return printZone(offset, field);
    case 'ampm':
      return hour < 12 ? 'AM' : 'PM';
    case 'monthName':
      return named(MONTHS[wall.getUTCMonth()]!, field.short);
    case 'weekday':
      return named(WEEKDAYS[wall.getUTCDay()]!, field.short);
  }
}

const named = (name: string, short: boolean) => (short ? name.slice(0, 3) : name);

function printZone(offset: number, field: { z: boolean; colon: boolean }): string {
  if (offset === 0 && field.z) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${sign}${hours}${field.colon ? ':' : ''}${minutes}`;
}

export function dayOfYear(wall: Date): number {
  return Math.floor((wall.getTime() - Date.UTC(wall.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** Minutes east of UTC of the zone a text without one is read in, at a moment. */
export type LocalOffset = (millis: number) => number;

/**
 * Reads a date string by the fields of a format, or by the default layouts when there is none;
 * `local` gives the zone assumed when the text names none. Gives the moment and the fields it
 * matched (to print a result the same way), or undefined when the text does not match.
 */
export function parseDate(
  text: string,
  fields: DateField[] | undefined,
  local: LocalOffset,
): { time: ZonedTime; fields: DateField[] } | undefined {
  const candidates = fields ? [fields] : DEFAULT_PARSE_LAYOUTS.map(goFields);
  for (const candidate of candidates) {
    const time = matchFields(text, candidate, local);
    if (time) return { time, fields: fields ?? outputFields(text, candidate) };
  }
  return undefined;
}

/** A default layout prints back as the text was written: fraction digits and zone as given. */
function outputFields(text: string, layout: DateField[]): DateField[] {
  const fraction = /[.,](\d+)/.exec(text.replace(/^[^T ]*[T ]?/, ''));
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text);
  return layout.flatMap((field): DateField[] => {
    if (field.kind === 'fraction')
      return fraction
        ? [{ kind: 'fraction', digits: fraction[1]!.length, trim: false, dot: true }]
        : [];
    if (field.kind === 'zone') return zoned ? [field] : [];
    return [field];
  });
}

const FIELD_PATTERN: Record<string, string> = {
  year: '([+-]?\\d{4})',
  year2: '(\\d{2})',
  month: '(\\d{1,2})',
  day: '(\\d{1,2})',
  dayOfYear: '(\\d{1,3})',
  hour: '(\\d{1,2})',
  hour12: '(\\d{1,2})',
  minute: '(\\d{1,2})',
  second: '(\\d{1,2})',
  ampm: '([AaPp][Mm])',
  monthName: '([A-Za-z]+)',
  weekday: '([A-Za-z]+)',
};

function matchFields(text: string, fields: DateField[], local: LocalOffset): ZonedTime | undefined {
  let source = '';
  const order: DateField[] = [];
  for (const field of fields) {
    if (field.kind === 'literal') source += field.text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    else if (field.kind === 'fraction') source += field.dot ? '(?:[.,](\\d+))?' : '(\\d+)';
    else if (field.kind === 'zone') source += '(Z|[+-]\\d{2}:?\\d{2})?';
    else source += FIELD_PATTERN[field.kind];
    if (field.kind !== 'literal') order.push(field);
  }
  const match = new RegExp(`^${source}$`).exec(text);
  if (!match) return undefined;
  const parts = {
    year: 0,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    ms: 0,
    pm: undefined as boolean | undefined,
  };
  let offset: number | undefined;
  order.forEach((field, index) => {
    const value = match[index + 1];
    if (value === undefined) return;
    const number = Number(value);
    switch (field.kind) {
      case 'year':
        parts.year = number;
        break;
      case 'year2':
        parts.year = number + (number < 69 ? 2000 : 1900);
        break;
      case 'month':
        parts.month = number;
        break;
      case 'monthName':
        parts.month =
          MONTHS.findIndex((m) => m.toLowerCase().startsWith(value.toLowerCase().slice(0, 3))) + 1;
        break;
      case 'day':
        parts.day = number;
        break;
      case 'hour':
      case 'hour12':
        parts.hour = number;
        break;
      case 'minute':
        parts.minute = number;
        break;
      case 'second':
        parts.second = number;
        break;
      case 'fraction':
        parts.ms = Number(value.padEnd(3, '0').slice(0, 3));
        break;
      case 'ampm':
        parts.pm = value.toUpperCase() === 'PM';
        break;
      case 'zone':
        offset = zoneOffset(value);
        break;
    }
  });
  if (parts.pm !== undefined) parts.hour = (parts.hour % 12) + (parts.pm ? 12 : 0);
  if (!inRange(parts)) return undefined;
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
    parts.ms,
  );
  const year = new Date(wall);
  year.setUTCFullYear(parts.year);
  const wallMillis = year.getTime();
  // Without a zone in the text, the local zone's offset at that wall time.
  offset ??= local(wallMillis - local(wallMillis) * 60_000);
  return { millis: wallMillis - offset * 60_000, offset };
}

function inRange(parts: {
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}): boolean {
  return (
    parts.month >= 1 &&
    parts.month <= 12 &&
    parts.day >= 1 &&
    parts.day <= 31 &&
    parts.hour <= 23 &&
    parts.minute <= 59 &&
    parts.second <= 59
  );
}

function zoneOffset(zone: string): number {
  if (zone === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits[0] === '-' ? -minutes : minutes;
}
