import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CoverageMap } from 'istanbul-lib-coverage';
import { COVERAGE_DIR_VARIABLE, type CoverageOptions } from './coverage-options.ts';
import { readHandlerCoverage, reportHandlerCoverage } from './coverage-report.ts';

/** Handler coverage over one run of the tests. */
export interface HandlerCoverageRun {
  /** Writes the reports; resolves to the thresholds not met, as messages. */
  finish(): Promise<string[]>;
}

/**
 * Prepares a test run to measure handler coverage: the test workers (started after this, with
 * the vitest preset) count handler code and leave the counts in a temporary folder, which
 * `finish` turns into the reports.
 */
export async function startHandlerCoverage(
  root: string,
  options: CoverageOptions,
): Promise<HandlerCoverageRun> {
  const folder = await mkdtemp(join(tmpdir(), 'eventing-dev-coverage-'));
  process.env[COVERAGE_DIR_VARIABLE] = folder;
  const started = Date.now();
  return {
    async finish() {
      delete process.env[COVERAGE_DIR_VARIABLE];
      try {
        const map = await readHandlerCoverage(folder, root);
        await mergeVitestCoverage(map, resolve(root, options.reportsDirectory ?? 'coverage'), started);
        return reportHandlerCoverage(map, root, options);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}

/**
 * When vitest measured the test code too in this run (`-- --coverage.enabled`, with
 * @vitest/coverage-v8 installed), its coverage joins the handlers', so the reports written
 * after it show both.
 */
async function mergeVitestCoverage(map: CoverageMap, dir: string, since: number): Promise<void> {
  const file = join(dir, 'coverage-final.json');
  const written = await stat(file).catch(() => undefined);
  if (!written || written.mtimeMs < since) return;
  map.merge(JSON.parse(await readFile(file, 'utf8')));
}
