import { readFile } from 'node:fs/promises';
import { EventingDevError } from '../../errors.ts';
import { resolveCredentials } from '../../server/auth.ts';
import {
  describeInspector,
  parseInspectorAddress,
  startInspectorServer,
} from '../../server/inspector/inspector-server.ts';
import { type RunningService, startLocalService } from '../../server/serve.ts';
import { checkExposedCredentials, checkTlsPair } from '../../server/serve-safety.ts';
import type { CommandContext } from '../command-context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

export interface ServeOptions {
  host: string;
  port: number;
  /** Also listen on the cluster manager's port: the default one (`true`) or this one. */
  clusterPort?: number | true;
  username?: string;
  password?: string;
  transitionMs: number;
  dataDir?: string;
  tlsCert?: string;
  tlsKey?: string;
  offline?: boolean;
  /** `--inspect[=host:port]`: open the handler isolates to debuggers. */
  inspect?: string | true;
  /** `--allow-host <name>` (repeatable): more host names to answer for. */
  allowHost?: string[];
}

/** What ends `serve`: a signal (SIGINT, SIGTERM) by default; tests pass their own. */
export type StopSignal = (running: RunningService) => Promise<void>;

/**
 * `eventing-dev serve`: Couchbase's Eventing REST API on this machine, until SIGINT or SIGTERM; then it
 * stops listening, saves the data directory and frees every isolate.
 */
export async function serveCommand(
  options: ServeOptions,
  context: CommandContext,
  untilStopped: StopSignal = waitForSignal,
): Promise<ExitCode> {
  const credentials = resolveCredentials(
    { username: options.username, password: options.password },
    context.env,
  );
  const { io } = context;
  checkExposedCredentials(options.host, credentials);
  if (options.password !== undefined) {
    io.err(
      'warning: --password shows in the process list; set CB_REST_PASSWORD in the environment instead\n',
    );
  }
  const tls = await readTls(options);
  // Before any function is deployed, so that every handler isolate is open to debuggers.
  const inspector =
    options.inspect === undefined
      ? undefined
      : await startInspectorServer(parseInspectorAddress(options.inspect));
  if (inspector) io.err(describeInspector(inspector));
  const running = await startLocalService({
    host: options.host,
    port: options.port,
    ...clusterPortOf(options),
    credentials,
    transitionMs: options.transitionMs,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.offline ? { offline: true } : {}),
    ...(options.allowHost ? { allowHosts: options.allowHost } : {}),
    ...tls,
    log: (line) => io.err(`serve: ${line}\n`),
  });
  const where = `${options.dataDir ? `data in ${options.dataDir}` : 'in memory (use --data-dir to keep the state)'}${options.offline ? '; curl() offline' : ''}`;
  // One write, so that whoever reads the banner gets it whole.
  const cluster =
    running.clusterPort === undefined
      ? ''
      : `  cluster manager on port ${running.clusterPort} (couchbase-cli -c ${clusterAddress(running, options)})\n`;
  const chosen =
    options.username ??
    options.password ??
    context.env.CB_REST_USERNAME ??
    context.env.CB_REST_PASSWORD;
  const user = chosen
    ? `user ${credentials.username}`
    : `user ${credentials.username} / ${credentials.password} (the defaults; set CB_REST_USERNAME and CB_REST_PASSWORD)`;
  io.out(
    `eventing-dev serve: listening on ${running.url}\n${cluster}  ${user}; ${where}; Ctrl-C stops\n`,
  );
  await untilStopped(running);
  io.out('eventing-dev serve: stopping\n');
  await running.close();
  await inspector?.close();
  return EXIT.ok;
}

/** The cluster manager's own ports: 8091, and 18091 over TLS. */
const CLUSTER_MANAGER_PORT = { http: 8091, https: 18091 };

function clusterPortOf(options: ServeOptions): { clusterPort?: number } {
  if (options.clusterPort === undefined) return {};
  if (options.clusterPort !== true) return { clusterPort: options.clusterPort };
  const tls = options.tlsCert !== undefined || options.tlsKey !== undefined;
  return { clusterPort: tls ? CLUSTER_MANAGER_PORT.https : CLUSTER_MANAGER_PORT.http };
}

/** What to give couchbase-cli's -c: the host alone when the port is the cluster manager's own. */
function clusterAddress(running: RunningService, options: ServeOptions): string {
  const tls = running.url.startsWith('https:');
  const scheme = tls ? 'https://' : '';
  const standard = running.clusterPort === CLUSTER_MANAGER_PORT[tls ? 'https' : 'http'];
  return `${scheme}${options.host}${standard ? '' : `:${running.clusterPort}`}`;
}

async function readTls(options: ServeOptions) {
  if (!options.tlsCert && !options.tlsKey) return {};
  if (!options.tlsCert || !options.tlsKey) {
    throw new EventingDevError('CONFIG_INVALID', 'TLS needs both --tls-cert and --tls-key', {
      hint: 'Give the PEM certificate with --tls-cert and its private key with --tls-key.',
    });
  }
  const read = (path: string) =>
    readFile(path).catch((cause: unknown) => {
      throw new EventingDevError(
        'FILE_NOT_FOUND',
        `Cannot read ${path}: ${(cause as NodeJS.ErrnoException).code ?? 'unreadable'}`,
        {
          hint: 'Give PEM files for --tls-cert and --tls-key.',
          cause,
        },
      );
    });
  const cert = await read(options.tlsCert);
  const key = await read(options.tlsKey);
  checkTlsPair({ path: options.tlsCert, pem: cert }, { path: options.tlsKey, pem: key });
  return { tls: { cert, key } };
}

/** Resolves on the first SIGINT or SIGTERM; later ones are ignored while serve stops. */
function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      // Keep a listener so that a second Ctrl-C does not kill the process mid-save.
      process.on('SIGINT', ignore).on('SIGTERM', ignore);
      resolve();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}

function ignore(): void {}
