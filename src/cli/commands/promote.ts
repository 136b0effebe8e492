import { relative } from 'node:path';
import { EventingApiError } from '../../client/eventing-api-error.ts';
import type { EventingClient } from '../../client/eventing-client.ts';
import type { FunctionDefinitionJson } from '../../client/types.ts';
import { parseDefinition } from '../../definition/parse-definition.ts';
import type { DcpStreamBoundary } from '../../definition/types.ts';
import { EventingDevError } from '../../errors.ts';
import { checkFunctions } from '../../project/check-functions.ts';
import { forEnvironment } from '../../project/environment.ts';
import { findFunction, listFunctions } from '../../project/function-folders.ts';
import { loadProject, type Project } from '../../project/project-config.ts';
import { applyPlan, writeBackup } from '../../project/promote-apply.ts';
import {
  type FunctionPlan,
  planFunction,
  type RemoteFunction,
  type RemoteStatus,
} from '../../project/promote-plan.ts';
import type { CommandContext } from '../command-context.ts';
import type { ConnectionFlags } from '../connection/cluster-connection.ts';
import { withClient } from '../connection/with-client.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { describeReport } from '../output/check-report.ts';
import { createProgress } from '../output/progress.ts';
import { describePlan, describeStep, planJson } from '../output/promote-output.ts';

export interface PromoteFlags extends Omit<ConnectionFlags, 'cluster'> {
  yes?: boolean;
  dryRun?: boolean;
  allowUndeploy?: boolean;
  boundary?: DcpStreamBoundary;
  /** commander's `--no-wait` sets this to false. */
  wait?: boolean;
  json?: boolean;
}

/**
 * `eventing-dev promote [fn...] --env <name>`: checks the functions, plans what the cluster of
 * the environment needs (shown as a diff), asks, backs up, applies and waits.
 */
export async function promoteCommand(
  names: string[],
  flags: PromoteFlags,
  context: CommandContext,
): Promise<ExitCode> {
  const { io } = context;
  const project = loadProject(context.cwd);
  const environment = environmentOf(project, flags.env);
  const folders =
    names.length > 0 ? names.map((name) => findFunction(project, name)) : listFunctions(project);
  if (folders.length === 0) throw noFunctions(project);
  const checks = await checkFunctions(
    folders.map((folder) => relative(context.cwd, folder.dir) || '.'),
    { cwd: context.cwd },
  );
  if (!checks.ok) {
    io.out(describeReport(checks));
    io.err('error: the checks failed; nothing was promoted\n');
    return EXIT.failed;
  }
  const locals = checks.functions.map((check) =>
    forEnvironment(
      check.definition as NonNullable<typeof check.definition>,
      environment.config,
      context.env,
    ),
  );
  return withClient(context, flags, async (client, connection) => {
    const plans: FunctionPlan[] = [];
    for (const local of locals) {
      const remote = await fetchRemote(client, local.appname);
      plans.push(
        planFunction(local, remote, {
          allowUndeploy: flags.allowUndeploy === true,
          ...(flags.boundary ? { boundary: flags.boundary } : {}),
        }),
      );
    }
    const target = `${environment.name} (${connection.url})`;
    const blocked = plans.filter((plan) => plan.action === 'blocked');
    const work = plans.filter((plan) => plan.steps.length > 0);
    if (flags.json && (flags.dryRun || blocked.length > 0 || work.length === 0)) {
      io.out(
        `${JSON.stringify({ environment: environment.name, cluster: connection.url, applied: false, plans: plans.map(planJson) }, null, 2)}\n`,
      );
    } else if (!flags.json) {
      io.out(`Promote to ${target}:\n\n${plans.map(describePlan).join('\n')}\n`);
    }
    if (blocked.length > 0) {
      io.err(
        `error: ${blocked.map((plan) => plan.name).join(', ')} cannot be promoted as things are; nothing was changed\n`,
      );
      return EXIT.failed;
    }
    if (flags.dryRun || work.length === 0) {
      if (!flags.json)
        io.out(flags.dryRun ? 'Dry run: nothing was changed.\n' : 'Nothing to do.\n');
      return EXIT.ok;
    }
    if (!flags.yes) {
      if (!context.confirm) {
        throw new EventingDevError(
          'CONFIG_INVALID',
          'promote changes a cluster and needs a confirmation',
          {
            hint: 'Run it in a terminal to answer, or pass --yes (and --dry-run first to see the plan).',
          },
        );
      }
      if (!(await context.confirm(`Apply these changes to ${target}? [y/N] `))) {
        io.err('Nothing was changed.\n');
        return EXIT.failed;
      }
    }
    const progress = createProgress(context, flags.json === true);
    const results = [];
    for (const plan of work) {
      const started = Date.now();
      const backup =
        plan.from === 'absent'
          ? undefined
          : writeBackup(project.root, environment.name, await client.getFunction(plan.name));
      try {
        await applyPlan(client, plan, {
          wait: flags.wait !== false,
          onStep: (step) => {
            if (!flags.json) io.err(`${plan.name}: ${describeStep(step)}…\n`);
          },
          onProgress: (p) => progress.update(p),
        });
      } catch (error) {
        progress.clear();
        const where = backup
          ? `; the cluster's previous definition is in ${relative(context.cwd, backup)}`
          : '';
        throw new EventingDevError(
          'PROMOTE_FAILED',
          `Promoting ${plan.name} failed: ${(error as Error).message}`,
          {
            hint: `Functions before it were promoted${where}. Fix the cause and run promote again: it plans from what the cluster has now.`,
            cause: error,
          },
        );
      }
      progress.clear();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      results.push({
        name: plan.name,
        seconds: Number(seconds),
        backup: backup && relative(context.cwd, backup),
      });
      if (!flags.json)
        io.out(
          `${plan.name}: done in ${seconds} s${backup ? ` (backup: ${relative(context.cwd, backup)})` : ''}\n`,
        );
    }
    if (flags.json) {
      io.out(
        `${JSON.stringify({ environment: environment.name, cluster: connection.url, applied: true, plans: plans.map(planJson), results }, null, 2)}\n`,
      );
    }
    return EXIT.ok;
  });
}

function environmentOf(project: Project, name: string | undefined) {
  const known = Object.keys(project.config.environments);
  const config = name === undefined ? undefined : project.config.environments[name];
  if (name === undefined || !config) {
    throw new EventingDevError(
      'CONFIG_INVALID',
      name === undefined
        ? 'promote needs --env <name>'
        : `No environment "${name}" in eventing-dev.json`,
      {
        hint: `Environments of this project: ${known.join(', ') || 'none; add one under "environments" in eventing-dev.json'}.`,
      },
    );
  }
  return { name, config };
}

function noFunctions(project: Project): EventingDevError {
  return new EventingDevError(
    'FUNCTION_NOT_FOUND',
    `No function folders in ${project.functionsDir}`,
    {
      hint: 'Add one with eventing-dev init --template basic --name <fn>.',
    },
  );
}

/** The cluster's definition and state of a function, or undefined when it has none. */
async function fetchRemote(
  client: EventingClient,
  name: string,
): Promise<RemoteFunction | undefined> {
  let json: FunctionDefinitionJson;
  try {
    json = await client.getFunction(name);
  } catch (error) {
    if (error instanceof EventingApiError && error.status === 404) return undefined;
    throw error;
  }
  const status = (await client.getStatus(name)).composite_status as RemoteStatus;
  return { definition: parseDefinition(json).definition, status };
}
