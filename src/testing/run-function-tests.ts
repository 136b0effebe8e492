import { relative } from 'node:path';
import type { Project } from '../project/project-config.ts';
import { startHandlerCoverage } from './coverage/coverage-run.ts';
import { type InspectOptions, inspectedRun } from './inspect-options.ts';
import { vitestPreset } from './vitest-preset.ts';

/** What to run, and how to report it. */
export interface FunctionTestsOptions {
  /** Only test files whose path contains one of these. */
  paths?: readonly string[];
  watch?: boolean;
  reporter?: 'default' | 'junit' | 'json';
  /** Where a junit or json report goes (default: standard output, for scripts to read). */
  outputFile?: string;
  /** Arguments for vitest itself (`eventing-dev test -- --bail 1`). */
  vitestArgs?: readonly string[];
  /** Measure which lines, branches and functions of handler.js files the tests run. */
  coverage?: boolean;
  /** Open the handler isolates to debuggers (`--inspect`, `--inspect-brk`). */
  inspect?: InspectOptions;
  /** Colours in the report (default: yes); NO_COLOR and FORCE_COLOR still decide first. */
  colors?: boolean;
  /** Print nothing (the caller reports the outcome itself, e.g. as JSON). */
  silent?: boolean;
}

/**
 * Runs the tests of a project's function folders with vitest, in this process, under the
 * eventing-dev preset. Resolves with whether they passed (a run of no files does not); with
 * `watch` it resolves only when the process ends.
 */
export async function runFunctionTests(
  project: Project,
  options: FunctionTestsOptions,
): Promise<boolean> {
  // vitest colours its output unless told not to, into files and pipes too; it reads the
  // environment once, as it loads.
  if (options.colors === false && !('NO_COLOR' in process.env || 'FORCE_COLOR' in process.env)) {
    process.env.NO_COLOR = '1';
  }
  const { parseCLI, startVitest } = await import('vitest/node');
  const passed = parseCLI(['vitest', ...(options.vitestArgs ?? [])]);
  const preset = vitestPreset({
    root: project.root,
    functions: `**/${relative(project.root, project.functionsDir) || '.'}`,
    ...(project.config.test?.timeZone ? { timeZone: project.config.test.timeZone } : {}),
  });
  const coverage = options.coverage
    ? await startHandlerCoverage(project.root, project.config.coverage ?? {})
    : undefined;
  const vitest = await startVitest(
    [...(options.paths ?? []), ...passed.filter],
    {
      ...passed.options,
      watch: options.watch === true,
      run: options.watch !== true,
      // A reporter with no hooks reports nothing.
      reporters: options.silent ? [{}] : [reporter(options)],
      // The preset is the configuration: a vitest.config of the project is not read.
      config: false,
      ...(options.inspect ? inspectedRun(options.inspect) : {}),
    },
    preset,
  );
  if (options.watch) {
    // vitest keeps watching until the process is interrupted.
    await new Promise<never>(() => undefined);
  }
  const failed =
    vitest.state.getCountOfFailedTests() > 0 || vitest.state.getUnhandledErrors().length > 0;
  const ranNothing = vitest.state.getFiles().length === 0;
  await vitest.close();
  const unmet = coverage ? await coverage.finish() : [];
  for (const message of unmet) process.stderr.write(`ERROR: ${message}\n`);
  return !failed && !ranNothing && unmet.length === 0;
}

/** The vitest reporter: a junit or json report goes to a file when asked, else to stdout. */
function reporter(options: FunctionTestsOptions): string | [string, Record<string, unknown>] {
  const name = options.reporter ?? 'default';
  if (name === 'default') return name;
  return [name, options.outputFile ? { outputFile: options.outputFile } : { stdout: true }];
}
