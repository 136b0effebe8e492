import { dayOfYear, type ZonedTime } from './date-format.ts';

// Date arithmetic on the wall clock of a moment's own offset, as the server does it on Go's
// time.Time (couchbase/query `expression/func_date.go`: dateAdd, diffPart, datePart,
// dateTrunc). Unknown parts give undefined, which the functions turn into NULL.

const DAY = 86_400_000;

/** The moment's wall clock, as a Date whose UTC fields are the local ones. */
const wallOf = (time: ZonedTime) => new Date(time.millis + time.offset * 60_000);
const fromWall = (wall: Date, offset: number): ZonedTime => ({
  millis: wall.getTime() - offset * 60_000,
  offset,
});

const YEARS: Record<string, number> = { millennium: 1000, century: 100, decade: 10, year: 1 };
const MONTHS: Record<string, number> = { quarter: 3, month: 1, calendar_month: 1 };
const FIXED: Record<string, number> = {
  week: 7 * DAY,
  day: DAY,
  hour: 3_600_000,
  minute: 60_000,
  second: 1000,
  millisecond: 1,
};

export function dateAdd(time: ZonedTime, n: number, part: string): ZonedTime | undefined {
  const unit = part.toLowerCase();
  const wall = wallOf(time);
  if (unit in YEARS) wall.setUTCFullYear(wall.getUTCFullYear() + n * YEARS[unit]!);
  else if (unit in MONTHS) wall.setUTCMonth(wall.getUTCMonth() + n * MONTHS[unit]!);
  else if (unit in FIXED) return { millis: time.millis + n * FIXED[unit]!, offset: time.offset };
  else return undefined;
  return fromWall(wall, time.offset);
}

/** Whole units from `b` to `a`, counted on the calendar at each unit (diffPart). */
export function dateDiff(a: ZonedTime, b: ZonedTime, part: string): number | undefined {
  const sign = a.millis < b.millis ? -1 : 1;
  const [late, early] = sign < 0 ? [wallOf(b), wallOf(a)] : [wallOf(a), wallOf(b)];
  const years = late.getUTCFullYear() - early.getUTCFullYear();
  const months = years * 12 + late.getUTCMonth() - early.getUTCMonth();
  const days =
    (Date.UTC(late.getUTCFullYear(), late.getUTCMonth(), late.getUTCDate()) -
      Date.UTC(early.getUTCFullYear(), early.getUTCMonth(), early.getUTCDate())) /
    DAY;
  const hours = days * 24 + late.getUTCHours() - early.getUTCHours();
  const minutes = hours * 60 + late.getUTCMinutes() - early.getUTCMinutes();
  const seconds = minutes * 60 + late.getUTCSeconds() - early.getUTCSeconds();
  const quarter = (d: Date) => d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
  const byPart: Record<string, number> = {
    millennium: Math.trunc(years / 1000),
    century: Math.trunc(years / 100),
    decade: Math.trunc(years / 10),
    year: years,
    quarter: quarter(late) - quarter(early),
    month: months,
    calendar_month: months,
    week: Math.trunc(days / 7),
    day: days,
    hour: hours,
    minute: minutes,
    second: seconds,
    millisecond: seconds * 1000 + late.getUTCMilliseconds() - early.getUTCMilliseconds(),
  };
  const value = byPart[part.toLowerCase()];
  return value === undefined ? undefined : sign * value;
}

export function datePart(time: ZonedTime, part: string): number | undefined {
  const wall = wallOf(time);
  const year = wall.getUTCFullYear();
  const weekday = wall.getUTCDay();
  const iso = isoWeek(wall);
  const byPart: Record<string, () => number> = {
    millennium: () => Math.trunc(year / 1000) + 1,
    century: () => Math.trunc(year / 100) + 1,
    decade: () => Math.trunc(year / 10),
    year: () => year,
    quarter: () => Math.floor(wall.getUTCMonth() / 3) + 1,
    month: () => wall.getUTCMonth() + 1,
    calendar_month: () => wall.getUTCMonth() + 1,
    day: () => wall.getUTCDate(),
    hour: () => wall.getUTCHours(),
    minute: () => wall.getUTCMinutes(),
    second: () => wall.getUTCSeconds(),
    millisecond: () => wall.getUTCMilliseconds(),
    week: () => Math.ceil(dayOfYear(wall) / 7),
    day_of_year: () => dayOfYear(wall),
    doy: () => dayOfYear(wall),
    day_of_week: () => weekday,
    dow: () => weekday,
    iso_week: () => iso.week,
    iso_year: () => iso.year,
    iso_dow: () => (weekday === 0 ? 7 : weekday),
    timezone: () => time.offset * 60,
    timezone_hour: () => Math.trunc(time.offset / 60),
    timezone_minute: () => time.offset % 60,
  };
  return byPart[part.toLowerCase()]?.();
}

function isoWeek(wall: Date): { year: number; week: number } {
  const thursday = new Date(wall.getTime());
  thursday.setUTCDate(wall.getUTCDate() + 3 - ((wall.getUTCDay() + 6) % 7));
  const year = thursday.getUTCFullYear();
  return { year, week: Math.floor((dayOfYear(thursday) - 1) / 7) + 1 };
}

export function dateTrunc(time: ZonedTime, part: string): ZonedTime | undefined {
  const unit = part.toLowerCase();
  const wall = wallOf(time);
  const year = wall.getUTCFullYear();
  const span: Record<string, number> = { millennium: 1000, century: 100, decade: 10 };
  if (unit in span)
    return fromWall(new Date(Date.UTC(year - (year % span[unit]!), 0, 1)), time.offset);
  if (unit === 'year') return fromWall(new Date(Date.UTC(year, 0, 1)), time.offset);
  if (unit === 'quarter')
    return fromWall(
      new Date(Date.UTC(year, wall.getUTCMonth() - (wall.getUTCMonth() % 3), 1)),
      time.offset,
    );
  if (unit === 'month' || unit === 'calendar_month')
    return fromWall(new Date(Date.UTC(year, wall.getUTCMonth(), 1)), time.offset);
  if (unit === 'week') {
    const day = new Date(Date.UTC(year, wall.getUTCMonth(), wall.getUTCDate() - wall.getUTCDay()));
    return fromWall(day, time.offset);
  }
  const size = FIXED[unit];
  if (size === undefined || unit === 'week') return undefined;
  const truncated = wall.getTime() - (((wall.getTime() % size) + size) % size);
  return fromWall(new Date(truncated), time.offset);
}
