// Loaded by the vitest preset when `eventing-dev test --coverage` runs: counts handler code in
// every isolate of this worker, and after each test file leaves the counts taken so far in the
// folder the run collects them from.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import {
  collectHandlerCoverage,
  enableHandlerCoverage,
} from '../../runtime/isolate/handler-coverage.ts';
import { COVERAGE_DIR_VARIABLE } from './coverage-options.ts';

const folder = process.env[COVERAGE_DIR_VARIABLE];
if (folder) {
  enableHandlerCoverage();
  afterAll(async () => {
    const scripts = await collectHandlerCoverage();
    if (scripts.length === 0) return;
    await writeFile(join(folder, `${randomUUID()}.json`), JSON.stringify(scripts));
  });
}
