// Durations as Couchbase's Go services read and write them: Go's time.ParseDuration for request
// parameters and headers (`1h30m`, `1.5s`, `250ms`), and time.Duration's String for answers
// (`812.5µs`, `1m15s`).

const UNITS_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Go's time.ParseDuration, in milliseconds; undefined for text Go refuses.
 *
 * @example
 * parseGoDuration('1h30m'); // 5400000
 * parseGoDuration('-1.5s'); // -1500
 */
export function parseGoDuration(text: string): number | undefined {
  const match = /^([-+]?)((?:\d*\.?\d+|\d+\.)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (!match) return text === '0' ? 0 : undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d*\.?\d*)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(amount) * (UNITS_MS[unit as string] ?? 0);
  }
  return match[1] === '-' ? -total : total;
}

const NS_PER_S = 1e9;

/**
 * A duration in milliseconds as Go's time.Duration prints it, to the nanosecond.
 *
 * @example
 * formatGoDuration(0.8125); // '812.5µs'
 * formatGoDuration(75_000); // '1m15s'
 */
export function formatGoDuration(ms: number): string {
  let ns = Math.round(Math.abs(ms) * 1e6);
  const sign = ms < 0 && ns > 0 ? '-' : '';
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${sign}${ns}ns`;
  if (ns < 1e6) return `${sign}${decimal(ns, 1e3)}µs`;
  if (ns < NS_PER_S) return `${sign}${decimal(ns, 1e6)}ms`;
  const hours = Math.floor(ns / (3600 * NS_PER_S));
  ns -= hours * 3600 * NS_PER_S;
  const minutes = Math.floor(ns / (60 * NS_PER_S));
  ns -= minutes * 60 * NS_PER_S;
  const larger = hours > 0 ? `${hours}h${minutes}m` : minutes > 0 ? `${minutes}m` : '';
  return `${sign}${larger}${decimal(ns, NS_PER_S)}s`;
}

/** `value / unit` with the fraction's trailing zeros left out, as Go prints it. */
function decimal(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const digits = String(Math.round(unit)).length - 1;
  const fraction = String(value - whole * unit)
    .padStart(digits, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}
