// Application log lines as the server writes them (spec runtime §8.1):
// `2020-02-09T07:12:17.936-08:00 [INFO] "id" "airport_1255" ` — local time with milliseconds and
// a numeric offset, always [INFO] whatever the log_level setting says. Local time is the node's
// (the process's zone here), or the zone the emulator was given.

/**
 * The longest text of one `log()` line, in UTF-16 code units: the isolate cuts a longer text to
 * this length before it crosses to the host. With its timestamp and level, the line still fits
 * the app log's 4 MiB window in memory.
 */
export const LOG_TEXT_CAP = 4 * 1024 * 1024 - 64;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * Formats epoch milliseconds as Go's `2006-01-02T15:04:05.000-07:00`, in local time: the
 * process's, or that of `timeZone` (an IANA name).
 */
export function formatAppLogTimestamp(epochMs: number, timeZone?: string): string {
  const local = timeZone === undefined ? processLocal(epochMs) : zoneLocal(epochMs, timeZone);
  const { offsetMinutes } = local;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  // The local fields, read as UTC.
  const date = new Date(epochMs + offsetMinutes * 60_000);
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` +
    `.${pad(date.getUTCMilliseconds(), 3)}${offset}`
  );
}

/** One line of a function's application log. */
export function appLogLine(epochMs: number, text: string, timeZone?: string): string {
  return `${formatAppLogTimestamp(epochMs, timeZone)} [INFO] ${text}`;
}

function processLocal(epochMs: number) {
  return { offsetMinutes: -new Date(epochMs).getTimezoneOffset() };
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset at that instant, from Intl's `GMT-07:00` (or `GMT` for none). */
function zoneLocal(epochMs: number, timeZone: string) {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value;
  const match = /^GMT([+-])(\d\d):(\d\d)/.exec(name ?? '');
  const minutes = match ? Number(match[2]) * 60 + Number(match[3]) : 0;
  return { offsetMinutes: match?.[1] === '-' ? -minutes : minutes };
}
