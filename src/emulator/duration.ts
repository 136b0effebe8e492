import { EventingDevError } from '../errors.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Milliseconds from a number of milliseconds or a text such as `'500ms'`, `'10s'`, `'2h'`,
 * `'1.5m'` or `'1d'`.
 */
export function parseDuration(duration: number | string): number {
  if (typeof duration === 'number') {
    if (Number.isFinite(duration) && duration >= 0) return duration;
  } else {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(duration);
    if (match) return Number(match[1]) * (UNITS[match[2] as string] as number);
  }
  throw new EventingDevError('ARGUMENT_INVALID', `Invalid duration ${JSON.stringify(duration)}`, {
    hint: "Give a non-negative number of milliseconds, or a text such as '500ms', '10s', '5m', '2h' or '1d'.",
  });
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
