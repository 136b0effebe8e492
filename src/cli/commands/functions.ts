import { writeFileSync } from 'node:fs';
import { formatLocation, isAt } from '../../client/function-location.ts';
import type { AppStatus, FunctionDefinitionJson } from '../../client/types.ts';
import { formatKeyspace } from '../../definition/keyspace.ts';
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
import { formatPairs, formatTable, toJson } from '../output/table.ts';

// `eventing-dev functions list|get|export`: reading definitions from a cluster.

type Flags = ConnectionFlags & ScopeFlags & JsonFlag;

/** One row of `functions list --json`. */
interface ListedFunction {
  location: string;
  name: string;
  function_scope: { bucket: string; scope: string };
  composite_status: string;
  source_keyspace: string;
  metadata_keyspace: string;
}

/** `functions list`: every function with its status and keyspaces (GET functions + status). */
export async function functionsListCommand(
  flags: Flags,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(context, flags, async (client) => {
    const [definitions, statuses] = await Promise.all([
      client.getFunctions(),
      client.getStatuses(),
    ]);
    const listed = definitions
      .map((definition) => toListed(definition, statuses.apps))
      .sort((a, b) => a.location.localeCompare(b.location));
    if (flags.json) context.io.out(toJson(listed));
    else if (listed.length === 0) context.io.out(`No functions on ${client.baseUrl}\n`);
    else {
      const rows = listed.map((f) => [
        f.location,
        f.composite_status,
        f.source_keyspace,
        f.metadata_keyspace,
      ]);
      context.io.out(formatTable(['NAME', 'STATUS', 'SOURCE', 'METADATA'], rows));
    }
    return EXIT.ok;
  });
}

function toListed(definition: FunctionDefinitionJson, apps: readonly AppStatus[]): ListedFunction {
  const scope = definition.function_scope ?? { bucket: '*', scope: '*' };
  const location = { name: definition.appname, scope };
  const app = apps.find((entry) => isAt(entry, location));
  const { source, metadata } = keyspacesOf(definition);
  return {
    location: formatLocation(location),
    name: definition.appname,
    function_scope: scope,
    // A function created a moment ago may not be in the status list yet (spec §9.2).
    composite_status: app?.composite_status ?? 'unknown',
    source_keyspace: source,
    metadata_keyspace: metadata,
  };
}

/** `functions get <fn>`: a summary for people, the definition as the server sends it with --json. */
export async function functionsGetCommand(
  name: string,
  flags: Flags,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(
    context,
    flags,
    async (client) => {
      const location = locationOf(name, flags);
      const definition = await client.getFunction(location.name, scopeOption(location));
      context.io.out(flags.json ? toJson(definition) : summary(definition));
      return EXIT.ok;
    },
    name,
  );
}

function summary(definition: FunctionDefinitionJson): string {
  const { source, metadata } = keyspacesOf(definition);
  const s = definition.settings;
  const scope = definition.function_scope;
  const intent = !s.deployment_status ? 'undeployed' : s.processing_status ? 'deployed' : 'paused';
  const lines = formatPairs([
    ['name', definition.appname],
    ['scope', scope && scope.bucket !== '*' ? `${scope.bucket}.${scope.scope}` : 'global (*.*)'],
    ['intent', s.deployment_status === undefined ? 'unknown' : intent],
    ['source', source],
    ['metadata', metadata],
    ['language', s.language_compatibility ?? ''],
    ['boundary', s.dcp_stream_boundary ?? ''],
    ['description', s.description ?? ''],
    [
      'appcode',
      `${definition.appcode.split('\n').length} lines (eventing-dev appcode get prints it)`,
    ],
  ]);
  const d = definition.depcfg;
  const bindings = [
    ...(d.buckets ?? []).map((b) => [
      b.alias,
      'bucket',
      formatKeyspace({
        bucket: b.bucket_name,
        scope: b.scope_name || '_default',
        collection: b.collection_name || '_default',
      }),
      b.access,
    ]),
    ...(d.curl ?? []).map((c) => [c.value, 'url', c.hostname, c.auth_type]),
    ...(d.constants ?? []).map((c) => [c.value, 'constant', c.literal, '']),
  ];
  if (bindings.length === 0) return `${lines}bindings     none\n`;
  return `${lines}\n${formatTable(['BINDING', 'TYPE', 'TARGET', 'ACCESS/AUTH'], bindings)}`;
}

/** Flags of `functions export`. */
export interface ExportFlags extends Flags {
  output?: string;
  /** Keep the status flags as the server sent them (8.x sends them; 7.x resets them). */
  keepStatus?: boolean;
}

/**
 * `functions export [fn...] [-o file]`: definitions as GET /api/v1/export gives them, ready for
 * `functions import`. The status flags are reset to undeployed, as 7.x does and 8.x does not,
 * so that importing the file never deploys anything by surprise; --keep-status keeps them.
 */
export async function functionsExportCommand(
  names: string[],
  flags: ExportFlags,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(context, flags, async (client) => {
    const all = await client.exportFunctions();
    const chosen = names.length === 0 ? all : names.map((name) => pick(all, name, flags));
    const exported = flags.keepStatus ? chosen : chosen.map(undeployed);
    const locations = exported.map((d) =>
      formatLocation({ name: d.appname, scope: d.function_scope }),
    );
    if (!flags.output) {
      context.io.out(toJson(exported));
      return EXIT.ok;
    }
    writeFileSync(flags.output, toJson(exported));
    context.io.out(
      flags.json
        ? toJson({ file: flags.output, functions: locations })
        : `Wrote ${exported.length} function${exported.length === 1 ? '' : 's'} to ${flags.output}\n`,
    );
    return EXIT.ok;
  });
}

function pick(all: FunctionDefinitionJson[], name: string, flags: ScopeFlags) {
  const location = locationOf(name, flags);
  const found = all.find((d) => isAt(d, location));
  if (found) return found;
  throw new EventingDevError(
    'FUNCTION_NOT_FOUND',
    `No function ${formatLocation(location)} to export`,
    {
      hint: 'List the functions with `eventing-dev functions list`; a scoped function is written bucket/scope/name.',
    },
  );
}

function undeployed(definition: FunctionDefinitionJson): FunctionDefinitionJson {
  const settings = { ...definition.settings, deployment_status: false, processing_status: false };
  return { ...definition, settings };
}
