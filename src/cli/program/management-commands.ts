import type { Command } from 'commander';
import type { LifecycleOperation } from '../../client/lifecycle.ts';
import type { Runner } from '../command-context.ts';
import { number } from '../options/numbers.ts';

// The commands that manage functions on a cluster (or on `eventing-dev serve`) through its REST
// API: functions, settings, keyspaces, appcode, logs, stats, config and list. Only types are
// imported here; each command's module (and undici with it) loads when the command runs, and
// none of them reaches isolated-vm or vitest.

const CONNECTION_HELP = `
Cluster selection (flags win over environment variables, which win over eventing-dev.json):
  --cluster <url|name>   a URL (http://host:8096, https://host:18096) or a cluster of eventing-dev.json
  --env <name>           the cluster of an environment of eventing-dev.json
  EVENTING_DEV_CLUSTER   a URL or cluster name, when neither flag is given
  EVENTING_DEV_ENV       an environment name, when neither flag is given
  (none of these)        a local eventing-dev serve at http://127.0.0.1:8096
Credentials: --username/--password, else CB_REST_USERNAME / CB_REST_PASSWORD (as couchbase-cli
uses), else the cluster's username in eventing-dev.json; passwords never come from that file.
A local serve gets Administrator / password when no credentials are given.
TLS: --cacert <file> (or EVENTING_DEV_CACERT) with the cluster's CA; --insecure skips the check.
Exit codes: 0 done, 1 failed (the server's error name and message, and a hint), 2 usage error.`;

/** Registers the management commands on `program`. */
export function registerManagementCommands(program: Command, run: Runner): void {
  const connected = (
    command: Command,
    options: { scoped?: 'function' | 'namespace' | false } = {},
  ) => {
    command
      .option('--cluster <url|name>', 'the cluster: a URL or a name from eventing-dev.json')
      .option('--env <name>', 'the cluster of an environment of eventing-dev.json')
      .option('-u, --username <name>', 'user (default CB_REST_USERNAME)')
      .option('-p, --password <password>', 'password (default CB_REST_PASSWORD)')
      .option('--cacert <file>', "PEM file of the CA of the cluster's certificate")
      .option('--insecure', 'accept any TLS certificate (test clusters only)')
      .option('--request-timeout <seconds>', 'give up on a request after this long', number(1), 30);
    if (options.scoped === 'namespace') {
      command
        .option('--bucket <bucket>', "a bucket's own settings (8.x)")
        .option('--scope <scope>', "with --bucket: a scope's own settings (8.x)");
    } else if (options.scoped !== false) {
      command
        .option('--bucket <bucket>', "a scoped function's bucket (with --scope)")
        .option('--scope <scope>', "a scoped function's scope (with --bucket)");
    }
    command.option('--json', 'print JSON for scripts');
    return command.addHelpText('after', CONNECTION_HELP);
  };

  const functions = program
    .command('functions')
    .description('manage the functions of a cluster (or of eventing-dev serve) over its REST API');
  connected(functions.command('list').description('every function with its status and keyspaces'), {
    scoped: false,
  }).action((options) =>
    run(async (context) => {
      const { functionsListCommand } = await import('../commands/functions.ts');
      return functionsListCommand(options, context);
    }),
  );
  connected(
    functions.command('get').description("a function's definition").argument('<fn>'),
  ).action((fn, options) =>
    run(async (context) => {
      const { functionsGetCommand } = await import('../commands/functions.ts');
      return functionsGetCommand(fn, options, context);
    }),
  );
  connected(
    functions
      .command('export')
      .description('definitions as the export file `functions import` reads (all by default)')
      .argument('[fn...]', 'only these functions')
      .option('-o, --output <file>', 'write to this file instead of standard output')
      .option('--keep-status', 'keep the status flags (by default they are reset to undeployed)'),
  ).action((names, options) =>
    run(async (context) => {
      const { functionsExportCommand } = await import('../commands/functions.ts');
      return functionsExportCommand(names, options, context);
    }),
  );
  connected(
    functions
      .command('import')
      .description('import definitions: export files (one or many functions) or function folders')
      .argument('<path...>'),
    { scoped: false },
  ).action((paths, options) =>
    run(async (context) => {
      const { functionsImportCommand } = await import('../commands/functions-import.ts');
      return functionsImportCommand(paths, options, context);
    }),
  );
  connected(
    functions
      .command('delete')
      .description('delete undeployed functions (irreversible)')
      .argument('[fn...]')
      .option('--all', 'every undeployed function (needs --yes)')
      .option('--yes', 'confirm --all')
      .option('--handleruuid <n>', 'only if the function still has this handleruuid', number(0))
      .option('--no-wait', 'do not wait until the functions are gone'),
  ).action((names, options) =>
    run(async (context) => {
      const { functionsDeleteCommand } = await import('../commands/functions-import.ts');
      return functionsDeleteCommand(names, options, context);
    }),
  );
  const lifecycle: Array<[LifecycleOperation, string]> = [
    ['deploy', 'deploy functions and wait until they are deployed'],
    ['undeploy', 'undeploy functions and wait until they are undeployed'],
    ['pause', 'pause functions (at a checkpoint) and wait until they are paused'],
    ['resume', 'resume paused functions and wait until they are deployed'],
  ];
  for (const [operation, description] of lifecycle) {
    connected(
      functions
        .command(operation)
        .description(description)
        .argument('<fn...>')
        .option('--no-wait', 'return once the server accepted the request')
        .option('--timeout <seconds>', 'how long to wait', number(1), 300),
    ).action((names, options) =>
      run(async (context) => {
        const { lifecycleCommand } = await import('../commands/functions-lifecycle.ts');
        return lifecycleCommand(operation, names, options, context);
      }),
    );
  }
  connected(
    functions.command('status').description('composite status of functions').argument('[fn...]'),
  ).action((names, options) =>
    run(async (context) => {
      const { statusCommand } = await import('../commands/functions-lifecycle.ts');
      return statusCommand(names, options, context);
    }),
  );

  const settings = program.command('settings').description("a function's settings");
  connected(settings.command('get').description('every setting').argument('<fn>')).action(
    (fn, options) =>
      run(async (context) => {
        const { settingsGetCommand } = await import('../commands/settings.ts');
        return settingsGetCommand(fn, options, context);
      }),
  );
  connected(
    settings
      .command('set')
      .description('change settings (paused or undeployed functions, but for a few)')
      .argument('<fn>')
      .argument('<key=value...>', 'e.g. worker_count=4 log_level=DEBUG'),
  ).action((fn, pairs, options) =>
    run(async (context) => {
      const { settingsSetCommand } = await import('../commands/settings.ts');
      return settingsSetCommand(fn, pairs, options, context);
    }),
  );

  const keyspaces = program
    .command('keyspaces')
    .description("a function's source and metadata keyspaces (the config endpoint)");
  connected(
    keyspaces.command('get').description('source and metadata keyspaces').argument('<fn>'),
  ).action((fn, options) =>
    run(async (context) => {
      const { keyspacesGetCommand } = await import('../commands/keyspaces.ts');
      return keyspacesGetCommand(fn, options, context);
    }),
  );
  connected(
    keyspaces
      .command('set')
      .description('change the keyspaces of an undeployed function')
      .argument('<fn>')
      .option('--source <keyspace>', 'bucket or bucket.scope.collection')
      .option('--metadata <keyspace>', 'bucket or bucket.scope.collection')
      .option('--file <depcfg.json>', 'store this whole depcfg (bindings included) instead'),
  ).action((fn, options) =>
    run(async (context) => {
      const { keyspacesSetCommand } = await import('../commands/keyspaces.ts');
      return keyspacesSetCommand(fn, options, context);
    }),
  );

  const appcode = program.command('appcode').description("a function's JavaScript");
  connected(
    appcode
      .command('get')
      .description('print the code, or write it to a file')
      .argument('<fn>')
      .argument('[file]'),
  ).action((fn, file, options) =>
    run(async (context) => {
      const { appcodeGetCommand } = await import('../commands/appcode.ts');
      return appcodeGetCommand(fn, file, options, context);
    }),
  );
  connected(
    appcode
      .command('set')
      .description('replace the code with a file (or standard input: - or nothing)')
      .argument('<fn>')
      .argument('[file]'),
  ).action((fn, file, options) =>
    run(async (context) => {
      const { appcodeSetCommand } = await import('../commands/appcode.ts');
      return appcodeSetCommand(fn, file, options, context);
    }),
  );

  connected(
    program
      .command('logs')
      .description("a function's application log, oldest line first")
      .argument('<fn>')
      .option('-f, --follow', 'keep printing new lines until Ctrl-C')
      .option('--aggregate', 'from every Eventing node, not only the one answering')
      .option('--size <bytes>', 'about this much of the log (server default 40960)', number(1))
      .option('--interval <ms>', 'how often --follow asks', number(100), 1000),
  ).action((fn, options) =>
    run(
      async (context) => {
        const { logsCommand } = await import('../commands/logs.ts');
        return logsCommand(fn, options, context);
      },
      { cancellable: options.follow === true },
    ),
  );

  const stats = connected(
    program
      .command('stats')
      .description('statistics of running functions, or of one')
      .argument('[fn]')
      .option('--full', 'every section, latency histograms included'),
  ).action((fn, options) =>
    run(async (context) => {
      const { statsCommand } = await import('../commands/stats.ts');
      return statsCommand(fn, options, context);
    }),
  );
  connected(
    stats.command('reset').description("zero a function's counters").argument('<fn>'),
  ).action((fn, options) =>
    run(async (context) => {
      const { statsResetCommand } = await import('../commands/stats.ts');
      return statsResetCommand(fn, options, context);
    }),
  );

  const config = program
    .command('config')
    .description("the Eventing service's own settings (ram_quota, enable_debugger, ...)");
  const namespaceHelp = { scoped: 'namespace' } as const;
  connected(config.command('get').description('every setting'), namespaceHelp).action((options) =>
    run(async (context) => {
      const { configGetCommand } = await import('../commands/global-config.ts');
      return configGetCommand(options, context);
    }),
  );
  connected(
    config
      .command('set')
      .description('change settings')
      .argument('<key=value...>', 'e.g. ram_quota=512'),
    namespaceHelp,
  ).action((pairs, options) =>
    run(async (context) => {
      const { configSetCommand } = await import('../commands/global-config.ts');
      return configSetCommand(pairs, options, context);
    }),
  );
  connected(
    config.command('delete').description("drop a bucket's or scope's own settings (8.x)"),
    namespaceHelp,
  ).action((options) =>
    run(async (context) => {
      const { configDeleteCommand } = await import('../commands/global-config.ts');
      return configDeleteCommand(options, context);
    }),
  );

  connected(
    program
      .command('list')
      .description('names of functions, filtered by the server')
      .option('--deployed', 'deployed (or paused) functions only')
      .option('--undeployed', 'undeployed functions only')
      .option('--source-bucket <bucket>', 'functions listening to this bucket')
      .option('--source-scope <scope>', 'with --source-bucket: to this scope')
      .option('--source-collection <collection>', 'with --source-scope: to this collection')
      .option('--type <type>', 'sbm (writes to its own source) or notsbm'),
    { scoped: false },
  ).action((options) =>
    run(async (context) => {
      const { listCommand } = await import('../commands/list.ts');
      return listCommand(options, context);
    }),
  );
}
