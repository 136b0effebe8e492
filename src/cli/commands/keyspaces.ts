import { resolve } from 'node:path';
import { formatLocation } from '../../client/function-location.ts';
import type { DeploymentConfig } from '../../client/types.ts';
import { formatKeyspace, parseKeyspace } from '../../definition/keyspace.ts';
import type { DepCfg } from '../../definition/types.ts';
import { EventingDevError } from '../../errors.ts';
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
import { keyspacesOf } from '../output/function-keyspaces.ts';
import { formatPairs, toJson } from '../output/table.ts';
import { readUserFile } from '../read-user-file.ts';

// `eventing-dev keyspaces get|set <fn>`: /api/v1/functions/{name}/config, the source and
// metadata keyspaces. The POST replaces the whole depcfg, bindings included (spec rest-api.md
// §2.10), so `set --source/--metadata` starts from the function's current depcfg.

type Flags = ConnectionFlags & ScopeFlags & JsonFlag;

/** `keyspaces get <fn>`. */
export async function keyspacesGetCommand(
  name: string,
  flags: Flags,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(
    context,
    flags,
    async (client) => {
      const location = locationOf(name, flags);
      const config = await client.getDeploymentConfig(location.name, scopeOption(location));
      if (flags.json) context.io.out(toJson(config));
      else context.io.out(formatPairs(Object.entries(readable(config))));
      return EXIT.ok;
    },
    name,
  );
}

/** Both answer shapes as source and metadata keyspaces: 8.x's two keyspaces, 7.x's depcfg. */
function readable(config: DeploymentConfig): { source: string; metadata: string } {
  if ('source_keyspace' in config) {
    const k = (ks: typeof config.source_keyspace) =>
      formatKeyspace({
        bucket: ks.bucket_name,
        scope: ks.scope_name,
        collection: ks.collection_name,
      });
    return { source: k(config.source_keyspace), metadata: k(config.meta_keyspace) };
  }
  return keyspacesOf({ depcfg: config });
}

/** Flags of `keyspaces set`. */
export interface KeyspacesSetFlags extends Flags {
  source?: string;
  metadata?: string;
  /** A whole depcfg (JSON) to store instead. */
  file?: string;
}

/** `keyspaces set <fn> --source ks --metadata ks` or `--file depcfg.json` (undeployed functions). */
export async function keyspacesSetCommand(
  name: string,
  flags: KeyspacesSetFlags,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(
    context,
    flags,
    async (client) => {
      const location = locationOf(name, flags);
      const options = scopeOption(location);
      if (flags.file && (flags.source || flags.metadata)) {
        throw usage('Give either --file or --source/--metadata, not both');
      }
      let depcfg: Partial<DepCfg>;
      if (flags.file) depcfg = readDepcfg(resolve(context.cwd, flags.file));
      else if (flags.source || flags.metadata) {
        depcfg = { ...(await client.getFunction(location.name, options)).depcfg };
        if (flags.source) Object.assign(depcfg, prefixed('source', flags.source));
        if (flags.metadata) Object.assign(depcfg, prefixed('metadata', flags.metadata));
      } else {
        throw usage('Say what to store: --source, --metadata or --file');
      }
      const answer = await client.setDeploymentConfig(location.name, depcfg, options);
      const where = formatLocation(location);
      if (flags.json) context.io.out(toJson({ name: where, depcfg, info: answer.info ?? null }));
      else {
        const { source, metadata } = keyspacesOf({
          depcfg: depcfg as DepCfg,
        });
        context.io.out(`Stored keyspaces of ${where}: source ${source}, metadata ${metadata}\n`);
      }
      return EXIT.ok;
    },
    name,
  );
}

function prefixed(role: 'source' | 'metadata', text: string): Partial<DepCfg> {
  let keyspace: ReturnType<typeof parseKeyspace>;
  try {
    keyspace = parseKeyspace(text);
  } catch (error) {
    throw usage((error as Error).message);
  }
  return {
    [`${role}_bucket`]: keyspace.bucket,
    [`${role}_scope`]: keyspace.scope,
    [`${role}_collection`]: keyspace.collection,
  };
}

function readDepcfg(path: string): Partial<DepCfg> {
  // A missing file, a folder or a permission problem is reported as such, in one line.
  const text = readUserFile('.', path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new EventingDevError('CONFIG_INVALID', `Cannot read ${path} as JSON`, {
      hint: 'Give a depcfg object: source_bucket, metadata_bucket, buckets, curl, constants …',
      cause,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw usage(`${path} must hold one depcfg object`);
  }
  return value as Partial<DepCfg>;
}

function usage(message: string): EventingDevError {
  return new EventingDevError('CONFIG_INVALID', message, {
    hint: 'For example: eventing-dev keyspaces set enrich --source travel.inventory.airline --metadata meta',
  });
}
