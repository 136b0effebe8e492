import { EventingDevError } from '../../errors.ts';
import type { CommandContext } from '../command-context.ts';
import type { ConnectionFlags } from '../connection/cluster-connection.ts';
import { type JsonFlag, withClient } from '../connection/with-client.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { toJson } from '../output/table.ts';

// `eventing-dev list [--deployed|--undeployed] [--source-bucket b] [--type sbm|notsbm]`:
// GET /api/v1/list/functions, the names only (location strings), filtered by the server.

export interface ListFlags extends ConnectionFlags, JsonFlag {
  deployed?: boolean;
  undeployed?: boolean;
  sourceBucket?: string;
  sourceScope?: string;
  sourceCollection?: string;
  type?: string;
}

/** Prints one name per line, or a JSON array of names. */
export async function listCommand(flags: ListFlags, context: CommandContext): Promise<ExitCode> {
  return withClient(context, flags, async (client) => {
    if (flags.deployed && flags.undeployed)
      throw usage('Give --deployed or --undeployed, not both');
    if (flags.type !== undefined && flags.type !== 'sbm' && flags.type !== 'notsbm') {
      throw usage(`--type takes sbm or notsbm, not "${flags.type}"`);
    }
    if (flags.sourceScope !== undefined && flags.sourceBucket === undefined) {
      throw usage('--source-scope needs --source-bucket');
    }
    if (flags.sourceCollection !== undefined && flags.sourceScope === undefined) {
      throw usage('--source-collection needs --source-bucket and --source-scope');
    }
    const deployed = flags.deployed ? true : flags.undeployed ? false : undefined;
    const names = await client.listFunctions({
      ...(deployed === undefined ? {} : { deployed }),
      ...(flags.sourceBucket === undefined ? {} : { sourceBucket: flags.sourceBucket }),
      ...(flags.sourceScope === undefined ? {} : { sourceScope: flags.sourceScope }),
      ...(flags.sourceCollection === undefined ? {} : { sourceCollection: flags.sourceCollection }),
      ...(flags.type === undefined ? {} : { functionType: flags.type as 'sbm' | 'notsbm' }),
    });
    const sorted = [...names].sort();
    context.io.out(flags.json ? toJson(sorted) : sorted.map((name) => `${name}\n`).join(''));
    return EXIT.ok;
  });
}

function usage(message: string): EventingDevError {
  return new EventingDevError('CONFIG_INVALID', message, {
    hint: 'For example: eventing-dev list --deployed --source-bucket travel --type sbm',
  });
}
