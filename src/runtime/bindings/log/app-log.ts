// Application log lines as the server writes them (spec runtime §8.1):
// `2020-02-09T07:12:17.936-08:00 [INFO] "id" "airport_1255" ` — local time with milliseconds and
// a numeric offset, always [INFO] whatever the log_level setting says.

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Formats epoch milliseconds as Go's `2006-01-02T15:04:05.000-07:00`, in local time. */
export function formatAppLogTimestamp(epochMs: number): string {
  const date = new Date(epochMs);
  const offsetMinutes = -date.getTimezoneOffset();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `.${pad(date.getMilliseconds(), 3)}${offset}`
  );
}

/** One line of a function's application log. */
export function appLogLine(epochMs: number, text: string): string {
  return `${formatAppLogTimestamp(epochMs)} [INFO] ${text}`;
}
