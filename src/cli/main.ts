import { followParent, reexecWithIsolateFlags } from './isolate-flags.ts';

/** Runs the CLI. The only place that exits the process. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  // Decided before the command tree loads, so that a parent that only starts the child with
  // the isolate flags stays as short as it can.
  const child = reexecWithIsolateFlags(argv);
  if (child) process.exit(await child);
  followParent();
  const { runCommandLine } = await import('./run-command-line.ts');
  process.exitCode = await runCommandLine(argv, {
    out: (text: string) => void process.stdout.write(text),
    err: (text: string) => void process.stderr.write(text),
    exit: () => undefined,
  });
}
