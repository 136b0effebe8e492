import { readFileSync } from 'node:fs';
import { isLoopbackUrl, normalizeBaseUrl } from '../../client/base-url.ts';
import { EventingDevError } from '../../errors.ts';
import { loadProject, PROJECT_FILE } from '../../project/project-config.ts';

// Which cluster a management command talks to, and as whom. Flags win over environment
// variables, which win over eventing-dev.json; with none of them the command talks to a local
// `eventing-dev serve` on 127.0.0.1:8096. Passwords come from a flag or CB_REST_PASSWORD only.

/** The connection flags every management command takes. */
export interface ConnectionFlags {
  /** A URL (`https://host:18096`, `host:port`) or the name of a cluster of eventing-dev.json. */
  cluster?: string;
  /** An environment of eventing-dev.json: its cluster. */
  env?: string;
  username?: string;
  password?: string;
  /** PEM file of the CA that signed the cluster's certificate. */
  cacert?: string;
  insecure?: boolean;
  /** Per-request timeout, in seconds. */
  requestTimeout?: number;
}

/** Where to connect, resolved. */
export interface ResolvedConnection {
  url: string;
  username: string | undefined;
  password: string | undefined;
  ca: Buffer | undefined;
  insecure: boolean;
  timeoutMs: number | undefined;
  /** Where the URL came from, for messages: `--cluster`, `EVENTING_DEV_CLUSTER`, ... */
  origin: string;
}

/** serve's address, used when nothing names a cluster. */
export const LOCAL_SERVE_URL = 'http://127.0.0.1:8096';

const DEFAULT_LOCAL = { username: 'Administrator', password: 'password' };

/**
 * Resolves the flags against the environment and the project file at or above `cwd`.
 * @throws EventingDevError `CONFIG_INVALID` (a usage error) naming what is wrong.
 */
export function resolveConnection(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): ResolvedConnection {
  if (flags.cluster !== undefined && flags.env !== undefined) {
    throw usage('Give either --cluster or --env, not both', 'One of them names the cluster.');
  }
  const target = pickTarget(flags, env);
  const named = target.kind === 'url' ? undefined : lookUp(target, cwd);
  const url = normalizeBaseUrl(named?.url ?? target.value);
  // An empty variable counts as unset, as shells make clearing one easier than removing it.
  let username = flags.username ?? (env.CB_REST_USERNAME || undefined) ?? named?.username;
  let password = flags.password ?? (env.CB_REST_PASSWORD || undefined);
  if (isLoopbackUrl(url)) {
    // serve's own defaults, so that `eventing-dev serve` and these commands work together as is.
    username ??= DEFAULT_LOCAL.username;
    if (password === undefined && username === DEFAULT_LOCAL.username) {
      password = DEFAULT_LOCAL.password;
    }
  }
  if (username === undefined || password === undefined) {
    const who = username === undefined ? 'a username and password' : `the password of ${username}`;
    throw usage(
      `No credentials for ${url}: give ${who}`,
      'Set CB_REST_USERNAME and CB_REST_PASSWORD (or pass --username and --password).',
    );
  }
  const cacert = flags.cacert ?? (env.EVENTING_DEV_CACERT || undefined);
  return {
    url,
    username,
    password,
    ca: cacert === undefined ? undefined : readCa(cacert),
    insecure: flags.insecure === true,
    timeoutMs: flags.requestTimeout === undefined ? undefined : flags.requestTimeout * 1000,
    origin: target.origin,
  };
}

interface Target {
  kind: 'url' | 'cluster' | 'env';
  value: string;
  origin: string;
}

function pickTarget(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
): Target {
  if (flags.cluster !== undefined) return cluster(flags.cluster, '--cluster');
  if (flags.env !== undefined) return { kind: 'env', value: flags.env, origin: '--env' };
  if (env.EVENTING_DEV_CLUSTER) return cluster(env.EVENTING_DEV_CLUSTER, 'EVENTING_DEV_CLUSTER');
  if (env.EVENTING_DEV_ENV) {
    return { kind: 'env', value: env.EVENTING_DEV_ENV, origin: 'EVENTING_DEV_ENV' };
  }
  return {
    kind: 'url',
    value: LOCAL_SERVE_URL,
    origin: 'the default (a local eventing-dev serve)',
  };
}

/** A cluster given as text: a URL when it looks like one, otherwise a name of the project file. */
function cluster(value: string, origin: string): Target {
  const looksLikeAddress = /[:/.]/.test(value) || value === 'localhost';
  return looksLikeAddress
    ? { kind: 'url', value, origin }
    : { kind: 'cluster', value, origin: `${origin} (cluster "${value}")` };
}

function lookUp(target: Target, cwd: string): { url: string; username?: string } {
  const { config } = loadProject(cwd);
  let name = target.value;
  if (target.kind === 'env') {
    const environment = config.environments[target.value];
    if (!environment) {
      throw usage(
        `No environment "${target.value}" in ${PROJECT_FILE}`,
        `Environments: ${Object.keys(config.environments).join(', ') || 'none defined'}.`,
      );
    }
    name = environment.cluster;
  }
  const found = config.clusters[name];
  if (!found) {
    throw usage(
      `No cluster "${name}" in ${PROJECT_FILE}`,
      `Clusters: ${Object.keys(config.clusters).join(', ') || 'none defined'}; or give a URL such as http://host:8096.`,
    );
  }
  return found;
}

function readCa(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new EventingDevError('CONFIG_INVALID', `Cannot read the CA certificate ${path}`, {
      hint: "Give the PEM file of the CA that signed the cluster's certificate.",
      cause,
    });
  }
}

function usage(message: string, hint: string): EventingDevError {
  return new EventingDevError('CONFIG_INVALID', message, { hint });
}
