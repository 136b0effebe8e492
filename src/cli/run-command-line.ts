import type { CliIo } from './command-context.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { ContextFactory } from './program.ts';
import { reportError } from './report-error.ts';

/**
 * Parses `argv` (as process.argv: node, script, arguments) and runs the command, printing
 * through `io`; resolves with the exit code. main() runs it for the process; tests run it in
 * process with a context of their own.
 */
export async function runCommandLine(
  argv: readonly string[],
  io: CliIo,
  makeContext?: ContextFactory,
): Promise<ExitCode> {
  const [{ CommanderError }, { createProgram }] = await Promise.all([
    import('commander'),
    import('./program.ts'),
  ]);
  let exitCode: ExitCode = EXIT.ok;
  const recorded: CliIo = {
    ...io,
    exit: (code) => {
      exitCode = code;
      io.exit(code);
    },
  };
  // Everything after `--` belongs to vitest (eventing-dev test -- --bail 1).
  const split = argv.indexOf('--');
  const ours = split < 0 ? [...argv] : argv.slice(0, split);
  const vitestArgs = split < 0 ? [] : argv.slice(split + 1);
  try {
    await createProgram(recorded, vitestArgs, makeContext).parseAsync(ours);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version requests end here too, with exit code 0.
      exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else {
      exitCode = reportError(error, io.err);
    }
  }
  return exitCode;
}
