import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { CliIo, CommandContext, Runner } from './command-context.ts';
import { createProcessContext } from './process-context.ts';
import { registerLocalServiceCommands } from './program/local-service-commands.ts';
import { registerManagementCommands } from './program/management-commands.ts';
import { registerProjectCommands } from './program/project-commands.ts';
import { registerPromoteCommand } from './program/promote-command.ts';
import { registerWatchCommand } from './program/watch-command.ts';

export type { CliIo } from './command-context.ts';

const { version } = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

/** How the program makes each command's context; tests give their own. */
export type ContextFactory = (options: { cancellable?: boolean }) => CommandContext;

/**
 * The command tree. Every command is registered the same way: its options are declared here,
 * its module is imported when it runs (so that management commands never load isolated-vm or
 * vitest), and it receives one context.
 */
export function createProgram(
  io: CliIo,
  vitestArgs: readonly string[] = [],
  makeContext: ContextFactory = (options) => createProcessContext(io, options),
): Command {
  const program = new Command('eventing-dev')
    .description('Write, test and ship Couchbase Eventing functions.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  const run: Runner = async (command, options = {}) => {
    const context = makeContext(options);
    io.exit(await command(context));
  };
  registerProjectCommands(program, run, vitestArgs);
  registerLocalServiceCommands(program, run);
  registerPromoteCommand(program, run);
  registerWatchCommand(program, run);
  registerManagementCommands(program, run);
  return program;
}
