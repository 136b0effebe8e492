import { type Command, Option } from 'commander';
import type { Runner } from '../command-context.ts';
import type { PromoteFlags } from '../commands/promote.ts';

// `eventing-dev promote`: from a project's function folders to an environment's cluster. Only
// types are imported here; the command's module loads when it runs.

export function registerPromoteCommand(program: Command, run: Runner): void {
  program
    .command('promote')
    .description(
      "check the project's functions, show what an environment's cluster needs as a diff, then back up, import, deploy and wait",
    )
    .argument('[function...]', 'functions of the project (default: all)')
    .requiredOption('--env <name>', 'the environment of eventing-dev.json to promote to')
    .option('-y, --yes', 'apply without asking (needed without a terminal)')
    .option('--dry-run', 'show the plan and change nothing')
    .option(
      '--allow-undeploy',
      'undeploy where a change needs it: processing restarts from the boundary',
    )
    .addOption(
      new Option('--boundary <boundary>', 'where a fresh deploy starts').choices([
        'everything',
        'from_now',
      ]),
    )
    .option('--no-wait', 'do not wait for the last deploy or resume to finish')
    .option('--json', 'print the plan and the results as JSON')
    .option('-u, --username <name>', 'user (default CB_REST_USERNAME)')
    .option('-p, --password <password>', 'password (default CB_REST_PASSWORD)')
    .option('--cacert <file>', "PEM file of the CA of the cluster's certificate")
    .option('--insecure', 'accept any TLS certificate (test clusters only)')
    .addHelpText(
      'after',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder users write in function.json
      '\nURL-binding credentials written ${NAME} in function.json are read from the environment.\nBackups of what the cluster had go to .eventing-dev/backups/<env>/.',
    )
    .action((names: string[], flags: PromoteFlags) =>
      run(async (context) => {
        const { promoteCommand } = await import('../commands/promote.ts');
        return promoteCommand(names, flags, context);
      }),
    );
}
