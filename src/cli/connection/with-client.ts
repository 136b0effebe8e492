import { EventingClient } from '../../client/eventing-client.ts';
import { type FunctionLocation, parseLocation } from '../../client/function-location.ts';
import { realSleep } from '../../client/http-transport.ts';
import { EventingDevError } from '../../errors.ts';
import type { CommandContext } from '../command-context.ts';
import type { ExitCode } from '../exit-codes.ts';
import { reportError } from '../report-error.ts';
import {
  type ConnectionFlags,
  type ResolvedConnection,
  resolveConnection,
} from './cluster-connection.ts';
import { explainError } from './explain-error.ts';

// What every command that talks to a cluster shares: the client it opens from the connection
// flags, and how its errors end up as text and an exit code.

/** Flags of commands about one function: its scope, for scoped functions (7.1+). */
export interface ScopeFlags {
  bucket?: string;
  scope?: string;
}

/** Flags of commands that print data. */
export interface JsonFlag {
  json?: boolean;
}

/**
 * Resolves the connection, opens a client, runs `body` and closes the client. Errors are
 * printed with their hint; the exit code is 2 for usage errors and 1 for everything else.
 */
export async function withClient(
  context: CommandContext,
  flags: ConnectionFlags,
  body: (client: EventingClient, connection: ResolvedConnection) => Promise<ExitCode>,
  /** The function the command is about (or a getter of the one it is at), for hints. */
  fn?: string | (() => string | undefined),
): Promise<ExitCode> {
  let connection: ResolvedConnection | undefined;
  let client: EventingClient | undefined;
  try {
    connection = resolveConnection(flags, context.env, context.cwd);
    client = new EventingClient({
      url: connection.url,
      username: connection.username,
      password: connection.password,
      insecure: connection.insecure,
      ...(connection.ca ? { ca: connection.ca } : {}),
      ...(connection.timeoutMs ? { timeoutMs: connection.timeoutMs } : {}),
      sleep: context.sleep ?? realSleep,
      ...context.client,
    });
    return await body(client, connection);
  } catch (error) {
    const about = typeof fn === 'function' ? fn() : fn;
    return reportError(explainError(error, connection, about), context.io.err);
  } finally {
    await client?.close();
  }
}

/**
 * A function argument (`name` or `bucket/scope/name`) with the --bucket/--scope flags.
 * @throws EventingDevError `CONFIG_INVALID` for a malformed name or half a scope.
 */
export function locationOf(text: string, flags: ScopeFlags): FunctionLocation {
  if ((flags.bucket === undefined) !== (flags.scope === undefined)) {
    throw new EventingDevError('CONFIG_INVALID', 'Give --bucket and --scope together', {
      hint: "They name a scoped function's scope; or write the function as bucket/scope/name.",
    });
  }
  const scope =
    flags.bucket !== undefined && flags.scope !== undefined
      ? { bucket: flags.bucket, scope: flags.scope }
      : undefined;
  try {
    return parseLocation(text, scope);
  } catch (error) {
    const problem = error as EventingDevError;
    throw new EventingDevError('CONFIG_INVALID', problem.message, {
      ...(problem.hint ? { hint: problem.hint } : {}),
    });
  }
}

/** The flags as the client's `{ scope }` option. */
export function scopeOption(location: FunctionLocation) {
  return location.scope ? { scope: location.scope } : {};
}
