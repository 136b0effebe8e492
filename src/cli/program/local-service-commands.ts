import type { Command } from 'commander';
import type { Runner } from '../command-context.ts';
import type { DocAction } from '../commands/doc.ts';
import type { QueryOptions } from '../commands/query.ts';
import { integer } from '../options/numbers.ts';

// `serve` (the local service) and `doc` (the documents of a running serve). Only types are
// imported here; each command's module loads when it runs.

export function registerLocalServiceCommands(program: Command, run: Runner): void {
  program
    .command('serve')
    .description("serve Couchbase's Eventing REST API locally, over the emulator, with real time")
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', integer(0, 65535), 8096)
    .option(
      '--cluster-port [port]',
      "also listen on the cluster manager's port (default 8091, 18091 with TLS), so that tools given only a host find serve",
      integer(0, 65535),
    )
    .option('--username <name>', 'user to accept (default CB_REST_USERNAME or Administrator)')
    .option('--password <password>', 'password to accept (default CB_REST_PASSWORD or password)')
    .option('--transition-ms <ms>', 'how long deploying, pausing, ... last', integer(0), 300)
    .option('--data-dir <dir>', 'keep functions, documents and timers here across restarts')
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate (needs --tls-key)')
    .option('--tls-key <file>', 'the private key of --tls-cert, PEM')
    .option('--offline', 'no network for functions: curl() fails as for an unreachable host')
    .option(
      '--allow-host <name>',
      'also answer requests for this host name (repeatable; IP addresses and localhost always are)',
      (name: string, names: string[] = []) => [...names, name],
    )
    .option(
      '--inspect [host:port]',
      'let Chrome DevTools or VS Code debug handler code (default 127.0.0.1:9229)',
    )
    .action((options) =>
      run(async (context) => {
        const { serveCommand } = await import('../commands/serve.ts');
        return serveCommand(options, context);
      }),
    );

  const doc = program
    .command('doc')
    .description(
      "put, get and remove documents through Couchbase's Data API (serve, or a cluster's), list them on serve",
    );
  const docCommand = (name: string, args: string, description: string) =>
    withServiceConnection(
      doc.command(`${name} ${args}`).description(description),
      'where serve or the Data API listens',
    ).option('--json', 'print JSON');
  const runDoc = (action: DocAction) =>
    run(async (context) => {
      const { docCommand } = await import('../commands/doc.ts');
      return docCommand(action, context);
    });
  docCommand(
    'put',
    '<keyspace> <id> [json]',
    'store a document in a keyspace that exists (a function names it, or it was created); deployed functions see it',
  )
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

  const query = program
    .command('query <statement>')
    .description(
      "run one SQL++ statement through the Query service's REST endpoint (serve, or --url http://host:8093)",
    )
    .option('--param <name=value>', 'a named parameter ($name), repeatable', collect, [])
    .option('--arg <value>', 'a positional parameter ($1, $2, ...), repeatable', collect, [])
    .option('--readonly', 'refuse statements that write')
    .option(
      '--timeout <duration>',
      'stop the statement after this long (a Go duration: 500ms, 75s)',
    )
    .option(
      '--query-context <bucket.scope>',
      'the scope whose collections one-part keyspace names are',
    )
    .option('--json', 'print the result rows as JSON');
  withServiceConnection(query, 'the Query service').action(
    (statement: string, options: QueryOptions) =>
      run(async (context) => {
        const { queryCommand } = await import('../commands/query.ts');
        return queryCommand(statement, options, context);
      }),
  );
}

/** The connection options of the commands that talk to serve's other services (doc, query). */
function withServiceConnection(command: Command, what: string): Command {
  return command
    .option('--url <url>', `${what} (default EVENTING_DEV_URL or http://127.0.0.1:8096)`)
    .option('-u, --username <name>', 'user (default CB_REST_USERNAME or Administrator)')
    .option('-p, --password <password>', 'password (default CB_REST_PASSWORD or password)')
    .option('--insecure', 'accept a self-signed TLS certificate')
    .option(
      '--cacert <file>',
      "PEM of the CA that signed the server's certificate (default EVENTING_DEV_CACERT)",
    );
}

/** Collects a repeatable option's values. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
