import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { Agent, type Dispatcher } from 'undici';
import { createEmulator } from '../emulator/emulator.ts';
import { EventingDevError } from '../errors.ts';
import { type Credentials, createBasicAuth, DEFAULT_CREDENTIALS } from './auth.ts';
import type { NodeAddress } from './cluster-manager/pools.ts';
import { openDataDir } from './data-dir/data-dir.ts';
import { unreadable } from './data-dir/legacy-state-file.ts';
import { createRequestListener } from './http-server.ts';
import { LocalService } from './local-service.ts';
import { memoryPersistence, type Persistence } from './persistence.ts';
import { createServiceRoutes } from './service-routes.ts';
import { createTransitionScheduler, type TransitionScheduler } from './transition-scheduler.ts';

/** How to run the local service. */
export interface LocalServiceOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 8096); 0 picks a free one (see {@link RunningService.port}). */
  port?: number;
  /**
   * Also listen on this port, as the cluster manager does on 8091 (18091 with TLS), so that
   * clients given only a host name find the node; 0 picks a free one. Default: not at all.
   */
  clusterPort?: number;
  /** The one user that may call the API (default Administrator / password). */
  credentials?: Credentials;
  /** How long deploying, pausing, resuming and undeploying last (default 300 ms). */
  transitionMs?: number;
  /** Keep everything in this directory across restarts (default: in memory only). */
  dataDir?: string;
  /** Serve HTTPS with this PEM certificate and key. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Host names answered besides IP addresses, `localhost` and `host` (requests naming any
   * other are refused: DNS rebinding).
   */
  allowHosts?: string[];
  /** Larger request bodies are refused with 413 (default 20 MiB). */
  maxBodyBytes?: number;
  /** Heap limit of each function's isolate, in MiB. */
  memoryLimitMb?: number;
  /** Receives lines for the operator (failed deploys, unexpected errors). */
  log?: (line: string) => void;
  /** Where functions' curl() requests go (default: the network, through an undici Agent). */
  dispatcher?: Dispatcher;
  /** No network for functions: curl() fails as for an unreachable host (ignored with `dispatcher`). */
  offline?: boolean;
  /**
   * Decides when transitions end, instead of `transitionMs` of real time: tests hold a
   * function in `deploying` or `pausing` for as long as they need.
   */
  transitions?: TransitionScheduler;
}

/** A local service that is listening. */
export interface RunningService {
  /** `http(s)://host:port`. */
  readonly url: string;
  readonly port: number;
  /** The cluster manager's port, when `clusterPort` was given. */
  readonly clusterPort?: number;
  readonly service: LocalService;
  /** Stops listening, finishes what is in flight, saves the state, frees every isolate. */
  close(): Promise<void>;
}

const DEFAULT_PORT = 8096;
const DEFAULT_MAX_BODY = 20 * 1024 * 1024;
/** How long close() lets open requests finish before cutting their connections. */
const CLOSE_GRACE_MS = 2000;

/**
 * Starts Couchbase's Eventing REST API on a new emulator with the real clock: deployed functions run,
 * timers fire in real time, and with `dataDir` everything survives a restart.
 *
 * @example
 * const running = await startLocalService({ port: 0, transitionMs: 20 });
 * await fetch(`${running.url}/api/v1/status`, { headers: { authorization: 'Basic ...' } });
 * await running.close();
 */
export async function startLocalService(
  options: LocalServiceOptions = {},
): Promise<RunningService> {
  const log = options.log ?? (() => undefined);
  const persistence = options.dataDir ? await openDataDir(options.dataDir) : memoryPersistence();
  // Served functions reach the real network, as on a cluster.
  const agents =
    options.dispatcher || options.offline
      ? []
      : [new Agent(), new Agent({ connect: { rejectUnauthorized: false } })];
  const dispatcher = options.dispatcher ?? agents[0];
  const transitions = options.transitions ?? createTransitionScheduler(options.transitionMs ?? 300);
  const emulator = await createEmulator({
    clock: 'real',
    transitions,
    // Handlers run on isolated-vm's threads, so one that loops forever never holds up the
    // thread that answers HTTP: execution_timeout ends it while every route keeps answering.
    entryMode: 'async',
    // A write answers once the functions it reached have handled it, without waiting for a
    // function stuck in a long handler since before.
    writesWaitFor: 'reached',
    // Without a dispatcher, the emulator's own: a MockAgent that refuses the network.
    ...(dispatcher ? { dispatcher } : {}),
    ...(agents[1] ? { insecureDispatcher: agents[1] } : {}),
    // POST /api/v1/config changes it later (LocalService.applyConfig).
    allowInterbucketRecursion:
      persistence.loaded?.config['*']?.allow_interbucket_recursion ?? false,
    ...(options.memoryLimitMb === undefined ? {} : { memoryLimitMb: options.memoryLimitMb }),
    ...(persistence.storage ? { storage: persistence.storage } : {}),
  });
  const service = new LocalService({ emulator, persistence });
  // A service that started saves its last state; one that failed to start leaves the data as it
  // found it. Transitions not yet ended stay in the saved state, to begin again on the next start.
  const undo = async (save: boolean) => {
    await transitions.close();
    try {
      if (save) await persistence.save();
    } finally {
      await emulator.dispose();
      await Promise.all(agents.map((agent) => agent.close()));
      await persistence.close();
    }
  };
  try {
    await restore(service, persistence);
  } catch (error) {
    await undo(false);
    throw error;
  }
  persistence.attach(() => service.snapshot());
  // Transitions end, timers fire and expiries happen without a request: save then as well.
  const stopWatching = emulator.watch((event) => {
    if (event.type === 'status' && event.failure) {
      log(`${event.function}: ${event.status}: ${event.failure.message}`);
    }
    if (!options.dataDir || event.type === 'document') return;
    persistence.save().catch((error: unknown) => {
      log(`cannot save the data directory: ${(error as Error).message}`);
    });
  });
  let address: NodeAddress | undefined;
  const listener = createRequestListener({
    service,
    routes: createServiceRoutes(() => {
      if (!address) throw new Error('a request arrived before serve listened');
      return address;
    }),
    authenticate: createBasicAuth(options.credentials ?? DEFAULT_CREDENTIALS),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
    hosts: { listenHost: options.host ?? '127.0.0.1', allowHosts: options.allowHosts ?? [] },
    log,
  });
  const createServer = () =>
    options.tls
      ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
      : createHttpServer(listener);
  const host = options.host ?? '127.0.0.1';
  const servers: Server[] = [];
  let port: number;
  let clusterPort: number | undefined;
  try {
    port = await listen(createServer(), { host, port: options.port ?? DEFAULT_PORT, servers });
    if (options.clusterPort !== undefined) {
      const at = { host, port: options.clusterPort, servers, flag: '--cluster-port' };
      clusterPort = await listen(createServer(), at);
    }
  } catch (error) {
    await Promise.all(servers.map(stopListening));
    stopWatching();
    await undo(false);
    throw error;
  }
  address = { servicePort: port, clusterPort, tls: options.tls !== undefined };
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    ...(clusterPort === undefined ? {} : { clusterPort }),
    service,
    close() {
      closing ??= (async () => {
        await Promise.all(servers.map(stopListening));
        stopWatching();
        await undo(true);
      })();
      return closing;
    },
  };
}

async function restore(service: LocalService, persistence: Persistence) {
  const snapshot = persistence.loaded;
  if (!snapshot) return;
  try {
    await service.emulator.importState(snapshot.emulator);
    service.restore(snapshot);
  } catch (error) {
    throw unreadable(persistence.source ?? 'state', (error as Error).message, error);
  }
}

interface ListenAt {
  host: string;
  port: number;
  /** Where the server goes once it listens, to be closed with the others. */
  servers: Server[];
  /** The option that picks this port, for the hint. */
  flag?: string;
}

function listen(
  server: Server,
  { host, port, servers, flag = '--port' }: ListenAt,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const hint = `Stop what uses it, or pick another with ${flag} (0 picks a free one).`;
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new EventingDevError(
              'CONFIG_INVALID',
              `Cannot listen on ${host}:${port}: ${error.code}`,
              {
                hint,
                cause: error,
              },
            )
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      servers.push(server);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Stops accepting connections and waits for the requests in flight, for a while. */
function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
