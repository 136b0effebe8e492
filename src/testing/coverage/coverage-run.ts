import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  return {
    async finish() {
      delete process.env[COVERAGE_DIR_VARIABLE];
      try {
        const map = await readHandlerCoverage(folder, root);
        return reportHandlerCoverage(map, root, options);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}
