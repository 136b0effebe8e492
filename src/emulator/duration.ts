import { EventingDevError } from '../errors.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Units from the largest down: a compound duration names each at most once, in this order. */
const ORDER = ['d', 'h', 'm', 's', 'ms'];

const PART = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/y;

/**
 * Milliseconds from a number of milliseconds or a text: one unit (`'500ms'`, `'10s'`, `'1.5m'`,
 * `'2h'`, `'2d'`) or several from the largest down (`'1h30m'`, `'8m30s'`, `'1d 2h'`).
 */
export function parseDuration(duration: number | string): number {
  const ms = typeof duration === 'number' ? duration : parseText(duration);
  if (ms !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  throw new EventingDevError('ARGUMENT_INVALID', `Invalid duration ${JSON.stringify(duration)}`, {
    hint: "Give a non-negative number of milliseconds, or a text of numbers with units ms, s, m, h or d, largest first: '500ms', '10s', '8m30s', '1h30m', '2d'.",
  });
}

function parseText(text: string): number | undefined {
  const trimmed = text.trim();
  let total = 0;
  let at = 0;
  let lastUnit = -1;
  while (at < trimmed.length) {
    PART.lastIndex = at;
    const match = PART.exec(trimmed);
    if (!match) return undefined;
    const unit = ORDER.indexOf(match[2] as string);
    if (unit <= lastUnit) return undefined;
    lastUnit = unit;
    total += Number(match[1]) * (UNITS[match[2] as string] as number);
    at = PART.lastIndex;
    while (trimmed[at] === ' ') at++;
  }
  return at === 0 ? undefined : total;
}

/** Epoch milliseconds of a Date, epoch milliseconds or an ISO text; undefined means now. */
export function parseTime(now: Date | number | string | undefined): number {
  if (now === undefined) return Date.now();
  const ms = new Date(now).getTime();
  if (Number.isNaN(ms)) {
    throw new EventingDevError('CONFIG_INVALID', `Invalid time ${String(now)}`, {
      hint: "Pass a Date, epoch milliseconds or an ISO string such as '2026-01-01T00:00:00Z'.",
    });
  }
  return ms;
}

/**
 * A time zone name Intl knows (IANA, such as `'Europe/Paris'`, or `'UTC'`), as given.
 * @throws EventingDevError `CONFIG_INVALID` when Intl does not know the zone.
 */
export function parseTimeZone(timeZone: string | undefined): string | undefined {
  if (timeZone === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    throw new EventingDevError('CONFIG_INVALID', `Unknown time zone ${JSON.stringify(timeZone)}`, {
      hint: "Give an IANA time zone name such as 'UTC', 'Europe/Paris' or 'America/Los_Angeles'.",
    });
  }
}
