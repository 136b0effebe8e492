import type { StatementContext } from '../query-store.ts';
import {
  type DateField,
  DEFAULT_FORMAT,
  dateFields,
  type LocalOffset,
  parseDate,
  printDate,
  type ZonedTime,
} from './date-format.ts';
import { dateAdd, dateDiff, datePart, dateTrunc } from './date-parts.ts';
import {
  type FunctionFamily,
  isInteger,
  isNumber,
  isString,
  type SqlFunction,
  strict,
  typed,
} from './function-values.ts';

// Date functions (Query docs: Date Functions; couchbase/query `expression/func_date.go`).
// NOW_* read the emulator's clock once per statement, CLOCK_* when they are called.
// The node's local zone is the emulator's time zone (its `timeZone` option, else the
// process's); named zones are read through Intl.

const WEEKDAYS = 'Sunday Monday Tuesday Wednesday Thursday Friday Saturday'.split(' ');

/** Minutes east of UTC of a time zone at a moment, or undefined for an unknown zone. */
function zoneOffsetAt(millis: number, zone: string): number | undefined {
  if (zone.toUpperCase() === 'UTC') return 0;
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(millis))
      .find((part) => part.type === 'timeZoneName')?.value;
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
    if (!match) return 0;
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === '-' ? -minutes : minutes;
  } catch {
    return undefined;
  }
}

/** The date functions for a local zone given by its offset at each moment. */
function dateFamily(localOffset: LocalOffset): FunctionFamily {
  /** A moment printed in a zone (the local one by default) and a format (the default one). */
  function print(millis: number, format: string | undefined, zone?: string): string | null {
    const offset = zone === undefined ? localOffset(millis) : zoneOffsetAt(millis, zone);
    const fields = dateFields(format ?? DEFAULT_FORMAT);
    if (offset === undefined || !fields || !Number.isFinite(millis)) return null;
    return printDate({ millis, offset }, fields);
  }

  function read(
    text: string,
    format?: string,
  ): { time: ZonedTime; fields: DateField[] } | undefined {
    const fields = format === undefined ? undefined : dateFields(format);
    if (format !== undefined && !fields) return undefined;
    return parseDate(text, fields, localOffset);
  }

  const millisOf = (text: string, format?: string) => read(text, format)?.time.millis ?? null;
  const local = (millis: number): ZonedTime => ({ millis, offset: localOffset(millis) });
  const orNull = <T>(value: T | undefined) => (value === undefined ? null : value);

  type Clock = (context: StatementContext) => number;
  const statementTime: Clock = (context) => context.startedAt;
  const clockTime: Clock = (context) => context.clock.now();

  function clockFunctions(prefix: 'NOW' | 'CLOCK', at: Clock): FunctionFamily {
    const inZone = (zone?: string) =>
      strict(zone === 'named' ? 1 : 0, zone === 'named' ? 2 : 1, (args, context) => {
        const [first, second] = args;
        if (zone === 'named') {
          if (!isString(first) || (second !== undefined && !isString(second))) return null;
          return print(at(context), second, first);
        }
        if (first !== undefined && !isString(first)) return null;
        return print(at(context), first, zone);
      });
    return {
      [`${prefix}_MILLIS`]: strict(0, 0, (_args, context) => at(context)),
      [`${prefix}_STR`]: inZone(),
      [`${prefix}_LOCAL`]: inZone(),
      [`${prefix}_UTC`]: inZone('UTC'),
      [`${prefix}_TZ`]: inZone('named'),
    };
  }

  const strToMillis = strict(1, 2, typed([isString, isString], millisOf));

  /** A string date changed by `change` and printed back in the format it was written in. */
  function onString(
    min: number,
    max: number,
    change: (time: ZonedTime, ...rest: unknown[]) => ZonedTime | undefined,
  ): SqlFunction {
    return strict(min, max, ([text, ...rest]) => {
      if (!isString(text)) return null;
      const parsed = read(text);
      const changed = parsed && change(parsed.time, ...rest);
      return changed ? printDate(changed, parsed.fields) : null;
    });
  }

  function diff(kind: 'millis' | 'str', absolute: boolean): SqlFunction {
    return strict(3, 3, ([a, b, part]) => {
      if (!isString(part)) return null;
      const times =
        kind === 'millis'
          ? isNumber(a) && isNumber(b)
            ? [local(a), local(b)]
            : undefined
          : isString(a) && isString(b)
            ? [read(a)?.time, read(b)?.time]
            : undefined;
      if (!times?.[0] || !times[1]) return null;
      const value = dateDiff(times[0], times[1], part);
      return value === undefined ? null : absolute ? Math.abs(value) : value;
    });
  }

  return {
    ...clockFunctions('NOW', statementTime),
    ...clockFunctions('CLOCK', clockTime),
    STR_TO_MILLIS: strToMillis,
    MILLIS: strToMillis,
    MILLIS_TO_STR: strict(
      1,
      2,
      typed([isNumber, isString], (ms: number, f?: string) => print(ms, f)),
    ),
    MILLIS_TO_LOCAL: strict(
      1,
      2,
      typed([isNumber, isString], (ms: number, f?: string) => print(ms, f)),
    ),
    MILLIS_TO_UTC: strict(
      1,
      2,
      typed([isNumber, isString], (ms: number, f?: string) => print(ms, f, 'UTC')),
    ),
    MILLIS_TO_TZ: strict(
      2,
      3,
      typed([isNumber, isString, isString], (ms: number, zone: string, f?: string) =>
        print(ms, f, zone),
      ),
    ),
    MILLIS_TO_ZONE_NAME: strict(
      2,
      3,
      typed([isNumber, isString, isString], (ms: number, zone: string, f?: string) =>
        print(ms, f, zone),
      ),
    ),
    STR_TO_UTC: strict(
      1,
      2,
      typed([isString, isString], (text: string, f?: string) => {
        const parsed = read(text, f);
        return parsed ? printDate({ millis: parsed.time.millis, offset: 0 }, parsed.fields) : null;
      }),
    ),
    STR_TO_TZ: strict(
      2,
      3,
      typed([isString, isString, isString], (text: string, zone: string, f?: string) => {
        const parsed = read(text, f);
        const offset = parsed && zoneOffsetAt(parsed.time.millis, zone);
        return parsed && offset !== undefined
          ? printDate({ millis: parsed.time.millis, offset }, parsed.fields)
          : null;
      }),
    ),
    DATE_FORMAT_STR: strict(
      2,
      2,
      typed([isString, isString], (text: string, format: string) => {
        const parsed = read(text);
        const fields = dateFields(format);
        return parsed && fields ? printDate(parsed.time, fields) : null;
      }),
    ),
    DATE_ADD_MILLIS: strict(
      3,
      3,
      typed([isNumber, isInteger, isString], (ms: number, n: number, part: string) =>
        orNull(dateAdd(local(ms), n, part)?.millis),
      ),
    ),
    DATE_ADD_STR: onString(3, 3, (time, n, part) =>
      isInteger(n) && isString(part) ? dateAdd(time, n, part) : undefined,
    ),
    DATE_DIFF_MILLIS: diff('millis', false),
    DATE_DIFF_STR: diff('str', false),
    DATE_DIFF_ABS_MILLIS: diff('millis', true),
    DATE_DIFF_ABS_STR: diff('str', true),
    DATE_PART_MILLIS: strict(
      2,
      3,
      typed([isNumber, isString, isString], (ms: number, part: string, zone?: string) => {
        const offset = zone === undefined ? localOffset(ms) : zoneOffsetAt(ms, zone);
        return offset === undefined ? null : orNull(datePart({ millis: ms, offset }, part));
      }),
    ),
    DATE_PART_STR: strict(
      2,
      2,
      typed([isString, isString], (text: string, part: string) => {
        const parsed = read(text);
        return parsed ? orNull(datePart(parsed.time, part)) : null;
      }),
    ),
    DATE_TRUNC_MILLIS: strict(
      2,
      2,
      typed([isNumber, isString], (ms: number, part: string) =>
        orNull(dateTrunc(local(ms), part)?.millis),
      ),
    ),
    DATE_TRUNC_STR: onString(2, 2, (time, part) =>
      isString(part) ? dateTrunc(time, part) : undefined,
    ),
    WEEKDAY_MILLIS: strict(
      1,
      2,
      typed([isNumber, isString], (ms: number, zone?: string) => {
        const offset = zone === undefined ? localOffset(ms) : zoneOffsetAt(ms, zone);
        return offset === undefined ? null : WEEKDAYS[new Date(ms + offset * 60_000).getUTCDay()];
      }),
    ),
    WEEKDAY_STR: strict(
      1,
      1,
      typed([isString], (text: string) => {
        const parsed = read(text);
        return parsed
          ? WEEKDAYS[new Date(parsed.time.millis + parsed.time.offset * 60_000).getUTCDay()]
          : null;
      }),
    ),
  };
}

const families = new Map<string, FunctionFamily>();

function familyFor(timeZone: string): FunctionFamily {
  let family = families.get(timeZone);
  if (!family) {
    family = dateFamily((millis) => zoneOffsetAt(millis, timeZone) ?? 0);
    families.set(timeZone, family);
  }
  return family;
}

/** Each date function, run in the statement's local time zone. */
export const DATE_FUNCTIONS: FunctionFamily = Object.fromEntries(
  Object.entries(dateFamily(() => 0)).map(([name, fn]) => [
    name,
    {
      min: fn.min,
      max: fn.max,
      evaluate: (args, context) => familyFor(context.timeZone)[name]!.evaluate(args, context),
    },
  ]),
);
