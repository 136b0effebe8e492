import { loadProject } from '../../project/project-config.ts';
import { parseInspectorAddress } from '../../server/inspector/inspector-server.ts';
import type { FunctionTestsOptions } from '../../testing/run-function-tests.ts';
import type { CommandContext } from '../command-context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

export interface TestOptions
  extends Pick<FunctionTestsOptions, 'watch' | 'reporter' | 'outputFile' | 'coverage'> {
  /** `--inspect[=host:port]`: open the handler isolates to debuggers. */
  inspect?: string | true;
  /** `--inspect-brk[=host:port]`: the same, and wait for a debugger before the tests run. */
  inspectBrk?: string | true;
}

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
  const { inspect, inspectBrk, ...rest } = options;
  const debugging = inspectBrk ?? inspect;
  const { runFunctionTests } = await import('../../testing/run-function-tests.ts');
  const passed = await runFunctionTests(loadProject(context.cwd), {
    ...rest,
    paths,
    vitestArgs,
    ...(debugging === undefined
      ? {}
      : { inspect: { address: parseInspectorAddress(debugging), wait: inspectBrk !== undefined } }),
    colors: context.colors === true,
  });
  return passed ? EXIT.ok : EXIT.failed;
}
