/** Where a test worker leaves handler coverage for the run to report (set by the run). */
export const COVERAGE_DIR_VARIABLE = 'EVENTING_DEV_COVERAGE_DIR';

/** The share of each measure that must be covered, in percent, as vitest's thresholds. */
export interface CoverageThresholds {
  lines?: number;
  branches?: number;
  functions?: number;
  statements?: number;
}

/** Handler coverage settings, named as vitest names its own coverage settings. */
export interface CoverageOptions {
  /** Istanbul reporters (default: `text`, `lcov` and `html`). */
  reporter?: string[];
  /** Where reports go, relative to the project root (default `coverage`). */
  reportsDirectory?: string;
  thresholds?: CoverageThresholds;
}

export const DEFAULT_REPORTERS = ['text', 'lcov', 'html'];

const MEASURES = ['lines', 'branches', 'functions', 'statements'] as const;

/**
 * Reads the `coverage` field of eventing-dev.json, adding a problem for each wrong part.
 *
 * @example
 * parseCoverageOptions({ thresholds: { branches: 80 } }, problems) // => { thresholds: { branches: 80 } }
 */
export function parseCoverageOptions(
  value: unknown,
  problems: { path: string; message: string }[],
): CoverageOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ path: 'coverage', message: 'must be an object' });
    return {};
  }
  const fields = value as Record<string, unknown>;
  const options: CoverageOptions = {};
  for (const field of Object.keys(fields)) {
    if (!['reporter', 'reportsDirectory', 'thresholds'].includes(field)) {
      problems.push({
        path: `coverage.${field}`,
        message: 'is not a coverage setting (reporter, reportsDirectory, thresholds)',
      });
    }
  }
  const { reporter, reportsDirectory, thresholds } = fields;
  if (reporter !== undefined) {
    if (Array.isArray(reporter) && reporter.every((name) => typeof name === 'string'))
      options.reporter = reporter;
    else problems.push({ path: 'coverage.reporter', message: 'must be a list of reporter names' });
  }
  if (reportsDirectory !== undefined) {
    if (typeof reportsDirectory === 'string' && reportsDirectory !== '')
      options.reportsDirectory = reportsDirectory;
    else problems.push({ path: 'coverage.reportsDirectory', message: 'must be a folder name' });
  }
  if (thresholds !== undefined) options.thresholds = parseThresholds(thresholds, problems);
  return options;
}

function parseThresholds(
  value: unknown,
  problems: { path: string; message: string }[],
): CoverageThresholds {
  const result: CoverageThresholds = {};
  const fields = typeof value === 'object' && value !== null ? value : {};
  for (const [measure, pct] of Object.entries(fields)) {
    const path = `coverage.thresholds.${measure}`;
    if (!(MEASURES as readonly string[]).includes(measure)) {
      problems.push({ path, message: `is not a measure (${MEASURES.join(', ')})` });
    } else if (typeof pct !== 'number' || pct < 0 || pct > 100) {
      problems.push({ path, message: 'must be a percentage from 0 to 100' });
    } else {
      result[measure as (typeof MEASURES)[number]] = pct;
    }
  }
  return result;
}
