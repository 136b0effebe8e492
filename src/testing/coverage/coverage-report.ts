import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import libCoverage, { type CoverageMap, type FileCoverageData } from 'istanbul-lib-coverage';
import libReport from 'istanbul-lib-report';
import reports from 'istanbul-reports';
import v8ToIstanbul from 'v8-to-istanbul';
import type { ScriptCoverage } from '../../runtime/isolate/handler-coverage.ts';
import { type CoverageOptions, type CoverageThresholds, DEFAULT_REPORTERS } from './coverage-options.ts';
import { toAppcodeLines } from './shift-coverage.ts';

/**
 * Merges the handler coverage the test workers left in `folder` into one map of the user's
 * handler files. Scripts of functions not loaded from a file (definitions given as objects)
 * have no file to report on and are left out.
 */
export async function readHandlerCoverage(folder: string, root: string): Promise<CoverageMap> {
  const map = libCoverage.createCoverageMap({});
  for (const name of await readdir(folder)) {
    if (!name.endsWith('.json')) continue;
    const scripts = JSON.parse(await readFile(join(folder, name), 'utf8')) as ScriptCoverage[];
    for (const script of scripts) {
      const file = await toFileCoverage(script, root);
      if (file) map.merge({ [file.path]: file });
    }
  }
  return map;
}

async function toFileCoverage(
  script: ScriptCoverage,
  root: string,
): Promise<FileCoverageData | undefined> {
  const path = resolve(root, script.filename);
  if (!existsSync(path)) return undefined;
  const lineCount = (await readFile(path, 'utf8')).split(/\r\n|\r|\n/).length;
  // The counts are of the script V8 ran (headers, appcode, footers); they are converted as
  // they are, then moved onto the appcode's own lines.
  const converter = v8ToIstanbul(path, 0, { source: script.source });
  await converter.load();
  converter.applyCoverage(script.functions as Parameters<typeof converter.applyCoverage>[0]);
  const data = converter.toIstanbul()[path];
  converter.destroy();
  return data && toAppcodeLines(data, script.headerLineCount, lineCount);
}

/** Writes the reports and returns the thresholds the coverage falls short of, as messages. */
export function reportHandlerCoverage(
  map: CoverageMap,
  root: string,
  options: CoverageOptions,
): string[] {
  const dir = resolve(root, options.reportsDirectory ?? 'coverage');
  const context = libReport.createContext({ dir, coverageMap: map, defaultSummarizer: 'nested' });
  for (const name of options.reporter ?? DEFAULT_REPORTERS) {
    reports.create(name as keyof reports.ReportOptions, { projectRoot: root }).execute(context);
  }
  return unmetThresholds(map, options.thresholds ?? {});
}

const MEASURES = ['lines', 'branches', 'functions', 'statements'] as const;

/** Vitest's wording for a global threshold that is not met. */
export function unmetThresholds(map: CoverageMap, thresholds: CoverageThresholds): string[] {
  const wanted = MEASURES.filter((measure) => thresholds[measure] !== undefined);
  // Nothing measured is not full coverage: the tests ran no handler.js at all.
  if (map.files().length === 0 && wanted.length > 0) {
    return [
      `No handler.js was run by the tests, so coverage for ${wanted.join(', ')} cannot meet its threshold`,
    ];
  }
  const summary = map.getCoverageSummary();
  const unmet: string[] = [];
  for (const measure of MEASURES) {
    const wanted = thresholds[measure];
    if (wanted === undefined) continue;
    const { pct } = summary[measure];
    // istanbul reports 'Unknown' (a string) for a measure with nothing to count.
    const actual = typeof pct === 'number' ? pct : 100;
    if (actual < wanted) {
      unmet.push(
        `Coverage for ${measure} (${actual}%) does not meet the threshold (${wanted}%) in handler code`,
      );
    }
  }
  return unmet;
}
