import type { EventingClient } from '../../client/eventing-client.ts';
import { type FunctionLocation, formatLocation } from '../../client/function-location.ts';
import { alreadyInState, type LifecycleOperation, TARGET_STATUS } from '../../client/lifecycle.ts';
import type { AppStatus } from '../../client/types.ts';
import type { CommandContext } from '../command-context.ts';
import type { ConnectionFlags } from '../connection/cluster-connection.ts';
import {
  type JsonFlag,
  locationOf,
  type ScopeFlags,
  scopeOption,
  withClient,
} from '../connection/with-client.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { createProgress } from '../output/progress.ts';
import { formatTable, toJson } from '../output/table.ts';

// `eventing-dev functions deploy|undeploy|pause|resume <fn...>` and `functions status [fn...]`.
// Lifecycle routes only start a change, so the commands wait (with a progress indicator) until
// each function is in its target state, unless --no-wait. A function already in the target
// state counts as done, as couchbase-cli counts it (spec rest-api.md §9.1).

export interface LifecycleFlags extends ConnectionFlags, ScopeFlags, JsonFlag {
  /** false with --no-wait. */
  wait?: boolean;
  /** How long to wait, in seconds (default 300). */
  timeout?: number;
  /** Fixed poll interval (tests); the default starts at 100 ms and grows to 1 s. */
  intervalMs?: number;
}

/** What happened to one function. */
interface LifecycleResult {
  name: string;
  operation: LifecycleOperation;
  /** The composite status at the end (the target, unless --no-wait). */
  status: string;
  already_in_state: boolean;
  /** The server's message, when it accepted the request. */
  info?: unknown;
  waited_ms?: number;
}

const DEFAULT_TIMEOUT_S = 300;

/** Runs one lifecycle operation on each function in turn, waiting for each unless --no-wait. */
export async function lifecycleCommand(
  operation: LifecycleOperation,
  names: string[],
  flags: LifecycleFlags,
  context: CommandContext,
): Promise<ExitCode> {
  let current: string | undefined;
  return withClient(
    context,
    flags,
    async (client) => {
      const locations = names.map((name) => locationOf(name, flags));
      const results: LifecycleResult[] = [];
      for (const location of locations) {
        current = formatLocation(location);
        const result = await runOne(client, operation, location, flags, context);
        results.push(result);
        if (!flags.json) context.io.out(describe(result));
      }
      if (flags.json) context.io.out(toJson(results));
      return EXIT.ok;
    },
    () => current,
  );
}

async function runOne(
  client: EventingClient,
  operation: LifecycleOperation,
  location: FunctionLocation,
  flags: LifecycleFlags,
  context: CommandContext,
): Promise<LifecycleResult> {
  const target = TARGET_STATUS[operation];
  const name = formatLocation(location);
  const options = scopeOption(location);
  const result: LifecycleResult = { name, operation, status: target, already_in_state: false };
  try {
    result.info = (await client[operation](location.name, options)).info;
  } catch (error) {
    if (alreadyInState(error, operation) !== target) throw error;
    result.already_in_state = true;
  }
  if (flags.wait === false) {
    result.status = (await client.getStatus(location.name, options)).composite_status;
    return result;
  }
  const progress = createProgress(context, flags.json === true);
  const started = Date.now();
  try {
    const app = await client.waitForStatus(location.name, target, {
      ...options,
      timeoutMs: (flags.timeout ?? DEFAULT_TIMEOUT_S) * 1000,
      ...(flags.intervalMs === undefined ? {} : { intervalMs: flags.intervalMs }),
      onProgress: (p) => progress.update(p),
    });
    result.status = app.composite_status;
  } finally {
    progress.clear();
  }
  result.waited_ms = Date.now() - started;
  return result;
}

function describe(result: LifecycleResult): string {
  if (result.already_in_state)
    return `${result.name} was already ${TARGET_STATUS[result.operation]}\n`;
  if (result.waited_ms === undefined) {
    return `${result.name}: ${result.operation} requested; now ${result.status} (not waiting)\n`;
  }
  return `${result.name} ${result.status} (${(result.waited_ms / 1000).toFixed(1)} s)\n`;
}

/** `functions status [fn...]`: the composite status of some or every function. */
export async function statusCommand(
  names: string[],
  flags: ConnectionFlags & ScopeFlags & JsonFlag,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(
    context,
    flags,
    async (client) => {
      let apps: AppStatus[];
      let nodes: number | undefined;
      if (names.length === 0) {
        const list = await client.getStatuses();
        apps = list.apps;
        nodes = list.num_eventing_nodes;
      } else {
        apps = [];
        for (const name of names) {
          const location = locationOf(name, flags);
          apps.push(await client.getStatus(location.name, scopeOption(location)));
        }
      }
      apps.sort((a, b) => locationText(a).localeCompare(locationText(b)));
      if (flags.json) {
        context.io.out(toJson(apps));
      } else if (apps.length === 0) {
        context.io.out(`No functions on ${client.baseUrl}\n`);
      } else {
        const rows = apps.map((app) => [
          locationText(app),
          app.composite_status,
          `${app.num_deployed_nodes}${nodes === undefined ? '' : `/${nodes}`}`,
          app.num_bootstrapping_nodes > 0 ? String(app.num_bootstrapping_nodes) : '-',
        ]);
        context.io.out(formatTable(['NAME', 'STATUS', 'NODES', 'BOOTSTRAPPING'], rows));
      }
      return EXIT.ok;
    },
    names.length === 1 ? names[0] : undefined,
  );
}

function locationText(app: AppStatus): string {
  return formatLocation({
    name: app.name,
    ...(app.function_scope ? { scope: app.function_scope } : {}),
  });
}
