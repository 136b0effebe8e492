import { afterEach, describe, expect, it } from 'vitest';
import { appLogLine, formatAppLogTimestamp } from '../../../../src/runtime/bindings/log/app-log.ts';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('app log timestamps', () => {
  it('use local time with milliseconds and a numeric offset', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(formatAppLogTimestamp(Date.UTC(2020, 1, 9, 15, 12, 17, 936))).toBe(
      '2020-02-09T07:12:17.936-08:00',
    );
  });

  it('use +00:00 for UTC and positive offsets east of it', () => {
    process.env.TZ = 'UTC';
    expect(formatAppLogTimestamp(Date.UTC(2026, 0, 1, 0, 0, 0, 5))).toBe(
      '2026-01-01T00:00:00.005+00:00',
    );
    process.env.TZ = 'Asia/Kolkata';
    expect(formatAppLogTimestamp(Date.UTC(2026, 0, 1, 0, 0, 0, 0))).toBe(
      '2026-01-01T05:30:00.000+05:30',
    );
  });

  it("use the emulator's zone when it has one, whatever the process's", () => {
    process.env.TZ = 'Asia/Tokyo';
    const t = Date.UTC(2020, 1, 9, 15, 12, 17, 936);
    expect(formatAppLogTimestamp(t, 'America/Los_Angeles')).toBe('2020-02-09T07:12:17.936-08:00');
    expect(formatAppLogTimestamp(t, 'UTC')).toBe('2020-02-09T15:12:17.936+00:00');
    expect(formatAppLogTimestamp(t, 'Asia/Kathmandu')).toBe('2020-02-09T20:57:17.936+05:45');
  });

  it('mark every line [INFO]', () => {
    process.env.TZ = 'UTC';
    expect(appLogLine(0, '"a" ')).toBe('1970-01-01T00:00:00.000+00:00 [INFO] "a" ');
  });
});
