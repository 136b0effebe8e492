import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import type { CheckCommandOptions } from './commands/check.ts';
import type { ExitCode } from './exit-codes.ts';
import { registerManagementCommands } from './register-management-commands.ts';
import { registerProjectCommands } from './register-project-commands.ts';
import { registerPromoteCommand } from './register-promote-command.ts';
import { registerWatchCommand } from './register-watch-command.ts';

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
export function createProgram(io: CliIo, vitestArgs: readonly string[] = []): Command {
  const program = new Command('eventing-dev')
    .description('Write, test and ship Couchbase Eventing functions.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command('check')
    .description(
      'validate functions and load their handlers in a real isolate, then check them together for recursion, offline',
    )
    .argument(
      '[function...]',
      "functions of the project, definition .json files as Couchbase exports them, or function folders (default: the project's functions)",
    )
    .option('--json', 'print the results as JSON')
    .option(
      '--allow-interbucket-recursion',
      'do not report write cycles, as on a cluster whose allow_interbucket_recursion is true',
    )
    .action(async (files: string[], options: CheckCommandOptions) => {
      const { checkCommand } = await import('./commands/check.ts');
      io.exit(await checkCommand(files, options, io.out));
    });

  program
    .command('serve')
    .description("serve the seed's REST API locally, over the emulator, with real time")
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', integer(0, 65535), 8096)
    .option('--username <name>', 'user to accept (default CB_REST_USERNAME or Administrator)')
    .option('--password <password>', 'password to accept (default CB_REST_PASSWORD or password)')
    .option('--transition-ms <ms>', 'how long deploying, pausing, ... last', integer(0), 300)
    .option('--data-dir <dir>', 'keep functions, documents and timers here across restarts')
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate (needs --tls-key)')
    .option('--tls-key <file>', 'the private key of --tls-cert, PEM')
    .option('--offline', 'no network for functions: curl() fails as for an unreachable host')
    .action(async (options) => {
      const { serveCommand } = await import('./commands/serve.ts');
      io.exit(await serveCommand(options, io));
    });

  const doc = program
    .command('doc')
    .description('put, get, remove and list documents of a running eventing-dev serve');
  const docCommand = (name: string, args: string, description: string) =>
    doc
      .command(`${name} ${args}`)
      .description(description)
      .option(
        '--url <url>',
        'where serve listens (default EVENTING_DEV_URL or http://127.0.0.1:8096)',
      )
      .option('-u, --username <name>', 'user (default CB_REST_USERNAME or Administrator)')
      .option('-p, --password <password>', 'password (default CB_REST_PASSWORD or password)')
      .option('--insecure', 'accept a self-signed TLS certificate')
      .option('--json', 'print JSON');
  const runDoc = async (action: Parameters<typeof import('./commands/doc.ts').docCommand>[0]) => {
    const { docCommand } = await import('./commands/doc.ts');
    io.exit(await docCommand(action, io));
  };
  docCommand('put', '<keyspace> <id> [json]', 'store a document; deployed functions see it')
    .option('--file <path>', "read the document from a file ('-' for stdin)")
    .option(
      '--expiry <seconds>',
      'expire after this many seconds (a Unix time past 30 days)',
      integer(0),
    )
    .action((keyspace, id, value, options) =>
      runDoc({ action: 'put', keyspace, id, value, options }),
    );
  docCommand('get', '<keyspace> <id>', 'print a document').action((keyspace, id, options) =>
    runDoc({ action: 'get', keyspace, id, options }),
  );
  docCommand('rm', '<keyspace> <id>', 'remove a document').action((keyspace, id, options) =>
    runDoc({ action: 'rm', keyspace, id, options }),
  );
  docCommand('ls', '<keyspace>', 'list the ids of a keyspace').action((keyspace, options) =>
    runDoc({ action: 'ls', keyspace, options }),
  );

  registerProjectCommands(program, io, vitestArgs);
  registerPromoteCommand(program, io);
  registerWatchCommand(program, io);
  registerManagementCommands(program, io);
  return program;
}

/** A commander parser for an integer option within bounds. */
function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    }
    return value;
  };
}
