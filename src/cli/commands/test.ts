import { relative } from 'node:path';
import { loadProject } from '../../project/project-config.ts';
import { vitestPreset } from '../../testing/vitest-preset.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

export interface TestOptions {
  watch?: boolean;
  reporter?: 'default' | 'junit' | 'json';
  /** Where a junit or json report goes (default: standard output, for scripts to read). */
  outputFile?: string;
}

/**
 * `eventing-dev test [paths] [--watch] [--reporter r] [-- vitest args]`: vitest, run in this
 * process with the eventing-dev preset over the project's function folders.
 */
export async function testCommand(
  paths: string[],
  options: TestOptions,
  vitestArgs: string[],
): Promise<ExitCode> {
  const { parseCLI, startVitest } = await import('vitest/node');
  const project = loadProject(process.cwd());
  const passed = parseCLI(['vitest', ...vitestArgs]);
  const preset = vitestPreset({
    root: project.root,
    functions: `**/${relative(project.root, project.functionsDir) || '.'}`,
  });
  const vitest = await startVitest(
    [...paths, ...passed.filter],
    {
      ...passed.options,
      watch: options.watch === true,
      run: options.watch !== true,
      reporters: [reporter(options)],
      // The preset is the configuration: a vitest.config of the project is not read.
      config: false,
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
  return failed || ranNothing ? EXIT.failed : EXIT.ok;
}

/** The vitest reporter: a junit or json report goes to a file when asked, else to stdout. */
function reporter(options: TestOptions): string | [string, Record<string, unknown>] {
  const name = options.reporter ?? 'default';
  if (name === 'default') return name;
  return [name, options.outputFile ? { outputFile: options.outputFile } : { stdout: true }];
}
