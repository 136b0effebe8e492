import { describeDetail } from '../../client/eventing-api-error.ts';
import type { EventingClient } from '../../client/eventing-client.ts';
import { type FunctionLocation, formatLocation } from '../../client/function-location.ts';
import { intendedStatus, intentFlags } from '../../client/lifecycle.ts';
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
import { parsePairs } from '../options/key-values.ts';
import { asText, formatTable, toJson } from '../output/table.ts';

// `eventing-dev settings get|set <fn> [key=value...]`: GET and POST
// /api/v1/functions/{name}/settings. 7.x refuses a settings POST without both status flags
// (spec rest-api.md §2.9), so `set` sends the function's current ones unless the user gave them.

type Flags = ConnectionFlags & ScopeFlags & JsonFlag;

/** `settings get <fn>`: every setting (8.x leaves out the two status flags). */
export async function settingsGetCommand(
  name: string,
  flags: Flags,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(
    context,
    flags,
    async (client) => {
      const location = locationOf(name, flags);
      const settings = await client.getSettings(location.name, scopeOption(location));
      if (flags.json) context.io.out(toJson(settings));
      else {
        const rows = Object.entries(settings).map(([key, value]) => [key, asText(value)]);
        context.io.out(formatTable(['SETTING', 'VALUE'], rows));
      }
      return EXIT.ok;
    },
    name,
  );
}

/** `settings set <fn> key=value...`: merges the given settings into the function's. */
export async function settingsSetCommand(
  name: string,
  pairs: string[],
  flags: Flags,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(
    context,
    flags,
    async (client) => {
      const location = locationOf(name, flags);
      const { values, unknown } = parsePairs(pairs, 'settings');
      for (const key of unknown) {
        context.io.err(
          `warning: ${key} is not a setting of Couchbase Server 8.x, which ignores it (7.x stores it)\n`,
        );
      }
      const options = scopeOption(location);
      const givesFlags = 'deployment_status' in values || 'processing_status' in values;
      const body = givesFlags ? values : { ...(await currentFlags(client, location)), ...values };
      const answer = await client.setSettings(location.name, body, options);
      const where = formatLocation(location);
      if (flags.json) {
        context.io.out(toJson({ name: where, sent: body, info: answer.info ?? null }));
        return EXIT.ok;
      }
      const changed = Object.keys(values)
        .map((key) => `${key}=${asText(values[key])}`)
        .join(', ');
      context.io.out(`Stored settings of ${where}: ${changed}\n`);
      if (givesFlags) {
        context.io.out(
          'The status flags ask for a lifecycle change; follow it with `eventing-dev functions status`.\n',
        );
      }
      const info = describeDetail(answer.warning_info);
      if (info) context.io.err(`warning: ${info}\n`);
      return EXIT.ok;
    },
    name,
  );
}

/** The two flags of the state the function is in or heading to, from its status. */
async function currentFlags(client: EventingClient, location: FunctionLocation) {
  const app = await client.getStatus(location.name, scopeOption(location));
  return intentFlags(intendedStatus(app));
}
