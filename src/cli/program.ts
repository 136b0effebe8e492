import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { ExitCode } from './exit-codes.ts';

const { version } = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

/** Where commands print and how they report their exit code. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  exit: (code: ExitCode) => void;
}

/**
 * The command tree. Command modules are imported when their command runs, so that management
 * commands never load isolated-vm or vitest.
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('eventing-dev')
    .description('Write, test and ship Couchbase Eventing functions.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command('check')
    .description('validate function definitions and load their handlers in a real isolate, offline')
    .argument(
      '<definition...>',
      'definition .json files as Couchbase exports them, or function folders',
    )
    .option('--json', 'print the results as JSON')
    .action(async (files: string[], options: { json?: boolean }) => {
      const { checkCommand } = await import('./commands/check.ts');
      io.exit(await checkCommand(files, options, io.out));
    });

  return program;
}
