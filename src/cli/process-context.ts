import { createInterface } from 'node:readline/promises';
import type { CliIo, CommandContext, Confirm } from './command-context.ts';

/**
 * The context of a command run from a shell: this process's environment, folder and terminals.
 * A cancellable command gets a signal that the first Ctrl-C aborts.
 */
export function createProcessContext(io: CliIo, options: { cancellable?: boolean } = {}) {
  const context: CommandContext = {
    io,
    env: process.env,
    cwd: process.cwd(),
    interactive: process.stderr.isTTY === true,
    colors: process.stdout.isTTY === true,
    ...(process.stdin.isTTY ? { confirm: askOnTerminal } : {}),
  };
  if (options.cancellable) {
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    context.signal = controller.signal;
  }
  return context;
}

/** A yes/no question on the terminal; anything but y or yes is no. */
const askOnTerminal: Confirm = async (question) => {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^(y|yes)$/i.test((await terminal.question(question)).trim());
  } finally {
    terminal.close();
  }
};
