import { readdirSync } from 'node:fs';
import { normalizeBaseUrl } from '../../client/base-url.ts';
import { EventingClient } from '../../client/eventing-client.ts';
import { realSleep } from '../../client/http-transport.ts';
import { EventingDevError } from '../../errors.ts';
import {
  type FunctionFolder,
  findFunction,
  listFunctions,
} from '../../project/function-folders.ts';
import { loadProject, type Project } from '../../project/project-config.ts';
import { formatReport } from '../../project/watch/format-report.ts';
import {
  startWatchSession,
  type TestsOutcome,
  type WatchSessionOptions,
} from '../../project/watch/watch-session.ts';
import type { WatchTarget } from '../../project/watch/watched-function.ts';
import { resolveCredentials } from '../../server/auth.ts';
import { type RunningService, startLocalService } from '../../server/serve.ts';
import type { CommandContext } from '../command-context.ts';
import type { ConnectionFlags } from '../connection/cluster-connection.ts';
import { withClient } from '../connection/with-client.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { reportError } from '../report-error.ts';

// `eventing-dev watch [fn...] (--env <name> | --cluster <url> | --local)`: pushes each checked
// save of the function folders until Ctrl-C. The cluster is chosen as for every management
// command; --local starts the local service in this process instead, creates the functions
// from their folders and deploys them, so that `eventing-dev doc put` shows their behaviour.

export interface WatchFlags extends ConnectionFlags {
  local?: boolean;
  /** With --local: the port (default 8096, 0 picks a free one). */
  port?: number;
  /** With --local: how long deploying, pausing, … last (default 300 ms, as serve). */
  transitionMs?: number;
  /** Run the function's tests before each push. */
  test?: boolean;
  /** One JSON object per line for each report (start, save, activity, watcher-error). */
  json?: boolean;
}

/** What ends the watch: SIGINT, SIGTERM or the context's abort signal; tests pass their own. */
export type UntilStopped = () => Promise<void>;

export async function watchCommand(
  names: string[],
  flags: WatchFlags,
  context: CommandContext,
  untilStopped: UntilStopped = () => waitForStop(context.signal),
): Promise<ExitCode> {
  let project: Project;
  let folders: FunctionFolder[];
  try {
    if (flags.local && (flags.cluster !== undefined || flags.env !== undefined)) {
      throw new EventingDevError('CONFIG_INVALID', 'Give one of --local, --cluster and --env', {
        hint: '--local pushes into a local service started by watch; --cluster and --env name a cluster.',
      });
    }
    project = loadProject(context.cwd);
    folders = chooseFolders(project, names);
  } catch (error) {
    return reportError(error, context.io.err);
  }
  const session = (client: EventingClient, target: WatchTarget) =>
    runSession(context, untilStopped, flags.json === true, {
      client,
      folders,
      target,
      projectFolders: listFunctions(project).map((folder) => folder.dir),
      onReport: (report) =>
        context.io.out(flags.json ? `${JSON.stringify(report)}\n` : formatReport(report)),
      ...(flags.test
        ? {
            runTests: (folder: FunctionFolder) =>
              runTests(project, folder, {
                colors: context.colors === true,
                silent: flags.json === true,
              }),
          }
        : {}),
    });
  if (!flags.local) {
    return withClient(context, flags, async (client, connection) => {
      const fromEnv = connection.origin === '--env' || connection.origin === 'EVENTING_DEV_ENV';
      const envName = fromEnv ? (flags.env ?? context.env.EVENTING_DEV_ENV) : undefined;
      const environment = envName === undefined ? undefined : project.config.environments[envName];
      return session(client, {
        label: envName ? `${connection.url} (environment ${envName})` : connection.url,
        ...(environment ? { environment } : {}),
        promoteCommand: promoteCommandFor(project, envName, connection.url),
      });
    });
  }
  // As serve: the flags, else CB_REST_USERNAME / CB_REST_PASSWORD, else Administrator / password,
  // so that `eventing-dev doc` and the management commands reach it as they reach serve.
  const credentials = resolveCredentials(
    {
      ...(flags.username === undefined ? {} : { username: flags.username }),
      ...(flags.password === undefined ? {} : { password: flags.password }),
    },
    context.env,
  );
  let running: RunningService | undefined;
  let client: EventingClient | undefined;
  try {
    running = await startLocalService({
      port: flags.port ?? 8096,
      transitionMs: flags.transitionMs ?? 300,
      credentials,
      log: (line) => context.io.err(`local service: ${line}\n`),
    });
    client = new EventingClient({
      url: running.url,
      ...credentials,
      sleep: context.sleep ?? realSleep,
      ...context.client,
    });
    return await session(client, {
      label: `the local service at ${running.url} (user ${credentials.username})`,
      promoteCommand: () => 'restart eventing-dev watch --local, which creates it from its folder',
      createMissing: true,
    });
  } catch (error) {
    return reportError(error, context.io.err);
  } finally {
    await client?.close();
    await running?.close();
  }
}

async function runSession(
  context: CommandContext,
  untilStopped: UntilStopped,
  json: boolean,
  options: WatchSessionOptions,
): Promise<ExitCode> {
  const session = await startWatchSession(options);
  try {
    await untilStopped();
  } finally {
    await session.close();
  }
  context.io.out(
    json ? `${JSON.stringify({ type: 'stop', at: new Date() })}\n` : 'stopped watching\n',
  );
  return EXIT.ok;
}

/**
 * How to apply function.json: promote, which works on environments only. Without --env, an
 * environment of eventing-dev.json whose cluster has this URL is named when there is one.
 */
function promoteCommandFor(project: Project, envName: string | undefined, url: string) {
  const environments = Object.entries(project.config.environments);
  const sameCluster = environments.find(([, environment]) => {
    const cluster = project.config.clusters[environment.cluster];
    return cluster !== undefined && sameUrl(cluster.url, url);
  });
  const name = envName ?? sameCluster?.[0];
  return (fn: string) =>
    name === undefined
      ? `eventing-dev promote ${fn} --env <name>, once eventing-dev.json has an environment for ${url}`
      : `eventing-dev promote ${fn} --env ${name}`;
}

function sameUrl(a: string, b: string): boolean {
  try {
    return normalizeBaseUrl(a) === normalizeBaseUrl(b);
  } catch {
    return false;
  }
}

function chooseFolders(project: Project, names: readonly string[]): FunctionFolder[] {
  const folders =
    names.length > 0 ? names.map((name) => findFunction(project, name)) : listFunctions(project);
  if (folders.length === 0) {
    throw new EventingDevError(
      'FUNCTION_NOT_FOUND',
      `No function folders in ${project.functionsDir}`,
      {
        hint: 'Create one with `eventing-dev init`, or name function folders to watch.',
      },
    );
  }
  return folders;
}

/** The function's own tests, through `eventing-dev test`; a folder without tests passes. */
async function runTests(
  project: Project,
  folder: FunctionFolder,
  output: { colors: boolean; silent: boolean },
): Promise<TestsOutcome> {
  const testFile = /\.(test|spec)\.(js|mjs|ts|mts)$/;
  const files = readdirSync(folder.dir, { recursive: true, encoding: 'utf8' });
  if (!files.some((file) => testFile.test(file) && !file.includes('node_modules'))) {
    return { ok: true, summary: 'no tests' };
  }
  const { runFunctionTests } = await import('../../testing/run-function-tests.ts');
  const passed = await runFunctionTests(project, { paths: [`${folder.dir}/`], ...output });
  return passed
    ? { ok: true, summary: 'tests passed' }
    : { ok: false, summary: `eventing-dev test ${folder.name} failed; its output is above` };
}

/** Resolves on the first SIGINT or SIGTERM, or when `signal` aborts. */
function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop);
  });
}
