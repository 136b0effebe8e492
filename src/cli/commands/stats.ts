import { formatLocation } from '../../client/function-location.ts';
import type { FunctionStats } from '../../client/types.ts';
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
import { asText, formatPairs, formatTable, toJson } from '../output/table.ts';

// `eventing-dev stats [fn] [--full]` (GET /api/v1/stats[/{name}]) and `eventing-dev stats reset
// <fn>` (/resetStatsCounters). Only running functions (deployed or paused) have statistics.

export interface StatsFlags extends ConnectionFlags, ScopeFlags, JsonFlag {
  full?: boolean;
}

/** Every running function's counters in a table, or one function's sections. */
export async function statsCommand(
  name: string | undefined,
  flags: StatsFlags,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(
    context,
    flags,
    async (client) => {
      const full = flags.full === true;
      if (name === undefined) {
        const all = await client.getStats({ full });
        if (flags.json) context.io.out(toJson(all));
        else if (all.length === 0) context.io.out('No function is running (deployed or paused)\n');
        else context.io.out(summaryTable(all));
        return EXIT.ok;
      }
      const location = locationOf(name, flags);
      const options = scopeOption(location);
      // Says "not found" (with its hint) for a function that does not exist at all.
      const app = await client.getStatus(location.name, options);
      const stats = await client.getFunctionStats(location.name, { ...options, full });
      if (flags.json) context.io.out(toJson(stats ?? null));
      else if (!stats) {
        context.io.out(
          `${formatLocation(location)} is ${app.composite_status}: only deployed or paused functions have statistics\n`,
        );
      } else context.io.out(sections(stats));
      return EXIT.ok;
    },
    name,
  );
}

const num = (section: Record<string, unknown> | undefined, key: string) => {
  const value = section?.[key];
  return typeof value === 'number' ? value : 0;
};

function summaryTable(all: readonly FunctionStats[]): string {
  const rows = [...all]
    .sort((a, b) => a.function_name.localeCompare(b.function_name))
    .map((s) => {
      const e = s.execution_stats;
      const failures = Object.values(s.failure_stats ?? {}).reduce<number>(
        (sum, value) => sum + (typeof value === 'number' ? value : 0),
        0,
      );
      return [
        s.function_name,
        `${num(e, 'on_update_success')}/${num(e, 'on_update_failure')}`,
        `${num(e, 'on_delete_success')}/${num(e, 'on_delete_failure')}`,
        `${num(e, 'timer_callback_success')}/${num(e, 'timer_callback_failure')}`,
        String(failures),
        String(s.events_remaining?.dcp_backlog ?? 0),
      ];
    });
  return formatTable(
    ['NAME', 'ON_UPDATE OK/FAIL', 'ON_DELETE OK/FAIL', 'TIMERS OK/FAIL', 'FAILURES', 'BACKLOG'],
    rows,
  );
}

/** One function's statistics: flat sections as `key value` lines, nested values as JSON. */
function sections(stats: FunctionStats): string {
  const out: string[] = [];
  const scalars: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(stats)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const entries = Object.entries(value);
      out.push(
        entries.length === 0 ? `${key}: (empty)\n` : `${key}:\n${formatPairs(entries, '  ')}`,
      );
    } else scalars.push([key, asText(value)]);
  }
  return `${formatPairs(scalars)}${out.join('')}`;
}

/** `stats reset <fn>`: zeroes the function's counters. */
export async function statsResetCommand(
  name: string,
  flags: ConnectionFlags & ScopeFlags & JsonFlag,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(
    context,
    flags,
    async (client) => {
      const location = locationOf(name, flags);
      const answer = await client.resetStats(location.name, scopeOption(location));
      const where = formatLocation(location);
      context.io.out(
        flags.json
          ? toJson({ name: where, info: answer.info ?? null })
          : `Reset the statistics of ${where}\n`,
      );
      return EXIT.ok;
    },
    name,
  );
}
