import { readFile } from 'node:fs/promises';
import { EventingApiError } from '../../client/eventing-api-error.ts';
import { HttpTransport } from '../../client/http-transport.ts';
import { EventingDevError } from '../../errors.ts';
import { resolveCredentials } from '../../server/auth.ts';
import type { CommandContext } from '../command-context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

// The connection of the commands that talk to a service other than Eventing (`doc` to the Data
// API, `query` to the Query service): serve's address unless --url or EVENTING_DEV_URL says
// otherwise, the CB_REST_* credentials, and TLS trust from --cacert or EVENTING_DEV_CACERT.

/** Where the service is, who we are, which certificates to trust. */
export interface ServiceConnection {
  url?: string;
  username?: string;
  password?: string;
  /** Accept any certificate (serve --tls-cert with a self-signed one). */
  insecure?: boolean;
  /** PEM file of the CA that signed the server's certificate. */
  cacert?: string;
}

/** serve's address unless --url or EVENTING_DEV_URL says otherwise. */
export const DEFAULT_SERVE_URL = 'http://127.0.0.1:8096';

/** Credentials and TLS trust, as the REST clients take them. */
export interface ServiceAccess {
  username: string;
  password: string;
  insecure?: boolean;
  ca?: Buffer;
}

/** A transport to the service, never retrying: a write that timed out may have happened. */
export async function serviceTransport(
  options: ServiceConnection,
  env: CommandContext['env'],
): Promise<{ transport: HttpTransport; base: string; access: ServiceAccess }> {
  const base = options.url ?? env.EVENTING_DEV_URL ?? DEFAULT_SERVE_URL;
  const cacert = options.cacert ?? (env.EVENTING_DEV_CACERT || undefined);
  const access: ServiceAccess = {
    ...resolveCredentials({ username: options.username, password: options.password }, env),
    ...(options.insecure ? { insecure: true } : {}),
    ...(cacert === undefined ? {} : { ca: await readCa(cacert) }),
  };
  const transport = new HttpTransport({ url: base, ...access, retries: 0 });
  return { transport, base, access };
}

/**
 * Prints a refused request or an unreachable service as one line with a hint, and gives the
 * exit code; undefined for any other error, which the caller rethrows.
 */
export function reportServiceError(
  error: unknown,
  base: string,
  io: CommandContext['io'],
): ExitCode | undefined {
  if (error instanceof EventingApiError) {
    io.err(`error: ${error.message}${error.name ? ` (${error.name})` : ''}\n`);
    return EXIT.failed;
  }
  if (error instanceof EventingDevError && error.code === 'CLUSTER_UNREACHABLE') {
    io.err(`error: cannot reach eventing-dev serve at ${base}: ${error.message}\n`);
    io.err('hint: start it with `eventing-dev serve`, or pass --url (or set EVENTING_DEV_URL)\n');
    return EXIT.failed;
  }
  return undefined;
}

function readCa(path: string): Promise<Buffer> {
  return readFile(path).catch((cause: unknown) => {
    throw new EventingDevError('CONFIG_INVALID', `Cannot read the CA certificate ${path}`, {
      hint: "Give the PEM file of the CA that signed the server's certificate (--cacert or EVENTING_DEV_CACERT).",
      cause,
    });
  });
}
