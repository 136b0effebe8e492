import { EventingDevError } from '../../errors.ts';
import type { CommandContext } from '../command-context.ts';
import type { ConnectionFlags } from '../connection/cluster-connection.ts';
import type { JsonFlag, ScopeFlags } from '../connection/with-client.ts';
import { withClient } from '../connection/with-client.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { parsePairs } from '../options/key-values.ts';
import { asText, formatTable, toJson } from '../output/table.ts';

// `eventing-dev config get|set key=value...|delete`: the Eventing service's own settings,
// /api/v1/config (spec rest-api.md §2.15): ram_quota, enable_debugger, ... 8.x also keeps them
// per bucket or scope (--bucket, --scope).

type Flags = ConnectionFlags & ScopeFlags & JsonFlag;

function namespace(flags: ScopeFlags) {
  if (flags.scope !== undefined && flags.bucket === undefined) {
    throw new EventingDevError('CONFIG_INVALID', '--scope needs --bucket', {
      hint: 'A scope is named within its bucket: --bucket travel --scope inventory',
    });
  }
  return flags.bucket === undefined
    ? {}
    : {
        scope: {
          bucket: flags.bucket,
          ...(flags.scope === undefined ? {} : { scope: flags.scope }),
        },
      };
}

/** `config get`. */
export async function configGetCommand(flags: Flags, context: CommandContext): Promise<ExitCode> {
  return withClient(context, flags, async (client) => {
    const config = await client.getGlobalConfig(namespace(flags));
    if (flags.json) context.io.out(toJson(config));
    else {
      const rows = Object.entries(config).map(([key, value]) => [key, asText(value)]);
      context.io.out(formatTable(['SETTING', 'VALUE'], rows));
    }
    return EXIT.ok;
  });
}

/** `config set key=value...`: merged into the stored settings. */
export async function configSetCommand(
  pairs: string[],
  flags: Flags,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(context, flags, async (client) => {
    const { values } = parsePairs(pairs);
    const answer = await client.setGlobalConfig(values, namespace(flags));
    // 7.x answers {"restart": bool}: whether the service must restart for the change to apply.
    const restart =
      typeof answer.info === 'object' &&
      answer.info !== null &&
      (answer.info as { restart?: unknown }).restart === true;
    if (flags.json) {
      context.io.out(toJson({ sent: values, info: answer.info ?? null, restart }));
      return EXIT.ok;
    }
    const changed = Object.entries(values)
      .map(([key, value]) => `${key}=${asText(value)}`)
      .join(', ');
    context.io.out(`Saved ${changed}\n`);
    if (restart) context.io.out('The Eventing service must restart for this to take effect.\n');
    return EXIT.ok;
  });
}

/** `config delete --bucket b [--scope s]` (8.x): drops a bucket's or scope's own settings. */
export async function configDeleteCommand(
  flags: Flags,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(context, flags, async (client) => {
    const ns = namespace(flags);
    if (!('scope' in ns) || !ns.scope) {
      throw new EventingDevError('CONFIG_INVALID', 'config delete needs --bucket (and --scope)', {
        hint: 'Only the settings of a bucket or scope can be deleted; the global ones stay.',
      });
    }
    const answer = await client.deleteGlobalConfig({ scope: ns.scope });
    context.io.out(
      flags.json ? toJson({ info: answer.info ?? null }) : `${asText(answer.info ?? 'Deleted')}\n`,
    );
    return EXIT.ok;
  });
}
