import type { Command } from 'commander';
import type { Runner } from '../command-context.ts';
import type { WatchFlags } from '../commands/watch.ts';
import { integer } from '../options/numbers.ts';

// `eventing-dev watch`. Only types are imported here: the command's module (chokidar, the
// checks' isolates, the local service) loads when the command runs.

const HELP = `
Each save of a function's handler.js or function.json is checked as \`eventing-dev check\` does,
with the recursion rules across every function of the project as promote applies them (and
tested with --test); only then is handler.js pushed through POST .../appcode. An undeployed
or paused function just takes it; a deployed one is paused, given the code and resumed, and if it
does not come back up the previous code is put back and resumed. function.json changes that the
appcode route cannot carry are reported with the promote command that applies them.

Where pushes go: --env <name> or --cluster <url|name> (as the management commands, with
EVENTING_DEV_ENV / EVENTING_DEV_CLUSTER and a local serve on 127.0.0.1:8096 as the default), or
--local: a local service started by watch on --port, which creates and deploys the functions.
Credentials: --username/--password, else CB_REST_USERNAME / CB_REST_PASSWORD.
Handler failures of the running functions are reported as they happen, between saves.
A cluster that is down or a broken file never stops the watch: Ctrl-C does.`;

/** Registers `watch` on `program`. */
export function registerWatchCommand(program: Command, run: Runner): void {
  program
    .command('watch')
    .description(
      "check each save of the function folders and push the code to a cluster's functions",
    )
    .argument('[functions...]', 'functions of the project, or function folders (default: all)')
    .option('--env <name>', 'push to the cluster of this environment of eventing-dev.json')
    .option('--cluster <url|name>', 'push to this cluster: a URL or a name from eventing-dev.json')
    .option('--local', 'push into a local service started in this process')
    .option('--port <port>', 'with --local: its port (0 picks a free one)', integer(0, 65535), 8096)
    .option(
      '--transition-ms <ms>',
      'with --local: how long deploying, pausing, ... last',
      integer(0),
      300,
    )
    .option('--test', "run the function's tests before each push; a failure stops that push")
    .option('--json', 'one JSON object per line for each event (start, save, activity, stop)')
    .option('-u, --username <name>', 'user (default CB_REST_USERNAME)')
    .option('-p, --password <password>', 'password (default CB_REST_PASSWORD)')
    .option('--cacert <file>', "PEM file of the CA of the cluster's certificate")
    .option('--insecure', 'accept any TLS certificate (test clusters only)')
    .option('--request-timeout <seconds>', 'give up on a request after this long', integer(1), 30)
    .addHelpText('after', HELP)
    .action((names: string[], flags: WatchFlags) =>
      run(async (context) => {
        const { watchCommand } = await import('../commands/watch.ts');
        return watchCommand(names, flags, context);
      }),
    );
}
