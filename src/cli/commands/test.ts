import { loadProject } from '../../project/project-config.ts';
import type { FunctionTestsOptions } from '../../testing/run-function-tests.ts';
import type { CommandContext } from '../command-context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

export type TestOptions = Pick<
  FunctionTestsOptions,
  'watch' | 'reporter' | 'outputFile' | 'coverage'
>;

/**
 * `eventing-dev test [paths] [--watch] [--reporter r] [-- vitest args]`: vitest, run in this
 * process with the eventing-dev preset over the project's function folders.
 */
export async function testCommand(
  paths: string[],
  options: TestOptions,
  vitestArgs: string[],
  context: CommandContext,
): Promise<ExitCode> {
  const { runFunctionTests } = await import('../../testing/run-function-tests.ts');
  const passed = await runFunctionTests(loadProject(context.cwd), {
    ...options,
    paths,
    vitestArgs,
  });
  return passed ? EXIT.ok : EXIT.failed;
}
