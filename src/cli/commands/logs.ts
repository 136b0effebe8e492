import { realSleep } from '../../client/http-transport.ts';
import { newLines } from '../../client/new-log-lines.ts';
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
import { toJson } from '../output/table.ts';

// `eventing-dev logs <fn> [--follow] [--aggregate] [--size n]`: GET /getAppLog. The server
// sends the newest line first; people read logs oldest first, so the lines are turned round.
// --follow polls and prints what is new until Ctrl-C.

export interface LogsFlags extends ConnectionFlags, ScopeFlags, JsonFlag {
  follow?: boolean;
  /** Every Eventing node's log, not only the one answering. */
  aggregate?: boolean;
  /** About this many bytes (server default 40960). */
  size?: number;
  /** Poll interval of --follow, in ms (default 1000). */
  interval?: number;
}

const FOLLOW_INTERVAL_MS = 1000;

/** Prints the function's application log; with --json an array of lines (--follow: one JSON string per line). */
export async function logsCommand(
  name: string,
  flags: LogsFlags,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(
    context,
    flags,
    async (client) => {
      const location = locationOf(name, flags);
      const options = {
        ...scopeOption(location),
        ...(flags.aggregate ? { aggregate: true } : {}),
        ...(flags.size === undefined ? {} : { size: flags.size }),
      };
      const read = async () => (await client.getAppLog(location.name, options)).reverse();
      let lines = await read();
      if (!flags.follow) {
        context.io.out(flags.json ? toJson(lines) : lines.map((line) => `${line}\n`).join(''));
        return EXIT.ok;
      }
      const print = (batch: readonly string[]) => {
        for (const line of batch)
          context.io.out(flags.json ? `${JSON.stringify(line)}\n` : `${line}\n`);
      };
      print(lines);
      const sleep = context.sleep ?? realSleep;
      while (!context.signal?.aborted) {
        await sleep(flags.interval ?? FOLLOW_INTERVAL_MS);
        if (context.signal?.aborted) break;
        const next = await read();
        print(newLines(lines, next));
        lines = next;
      }
      return EXIT.ok;
    },
    name,
  );
}
