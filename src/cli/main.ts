import { EXIT, type ExitCode } from './exit-codes.ts';
import { followParent, reexecWithIsolateFlags } from './isolate-flags.ts';
import { reportError } from './report-error.ts';

/** Runs the CLI. The only place that exits the process. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  // Decided before the command tree loads, so that a parent that only starts the child with
  // the isolate flags stays as short as it can.
  const child = reexecWithIsolateFlags(argv);
  if (child) process.exit(await child);
  followParent();
  const [{ CommanderError }, { createProgram }] = await Promise.all([
    import('commander'),
    import('./program.ts'),
  ]);
  let exitCode: ExitCode = EXIT.ok;
  const io = {
    out: (text: string) => void process.stdout.write(text),
    err: (text: string) => void process.stderr.write(text),
    exit: (code: ExitCode) => {
      exitCode = code;
    },
  };
  // Everything after `--` belongs to vitest (eventing-dev test -- --bail 1).
  const split = argv.indexOf('--');
  const ours = split < 0 ? [...argv] : argv.slice(0, split);
  const vitestArgs = split < 0 ? [] : argv.slice(split + 1);
  try {
    await createProgram(io, vitestArgs).parseAsync(ours);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version requests end here too, with exit code 0.
      exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else {
      exitCode = reportError(error, io.err);
    }
  }
  process.exitCode = exitCode;
}
