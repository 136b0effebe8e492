import { resolve } from 'node:path';
import { describeDetail } from '../../client/eventing-api-error.ts';
import { formatLocation } from '../../client/function-location.ts';
import type { FunctionDefinitionJson, ImportResult } from '../../client/types.ts';
import { loadDefinition } from '../../definition/load-definition.ts';
import { EventingDevError } from '../../errors.ts';
import { codeFrame } from '../../runtime/compile/code-frame.ts';
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
import { formatTable, toJson } from '../output/table.ts';

// `eventing-dev functions import <path...>` (POST /api/v1/import) and
// `eventing-dev functions delete <fn...> | --all --yes`.

/** One function's outcome of an import. */
interface ImportOutcome {
  name: string;
  ok: boolean;
  code: number;
  info: string;
}

/**
 * Imports definitions from export files (an object or an array) and function folders
 * (`handler.js` + `function.json`) in one request; every function's result is printed, and the
 * command fails if any failed.
 */
export async function functionsImportCommand(
  paths: string[],
  flags: ConnectionFlags & JsonFlag,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(context, flags, async (client) => {
    const definitions: FunctionDefinitionJson[] = [];
    for (const path of paths)
      definitions.push(...(await readDefinitions(resolve(context.cwd, path))));
    const results = await client.importFunctions(definitions);
    const outcomes = definitions.map((definition, i) => outcome(definition, results[i]));
    if (flags.json) {
      context.io.out(toJson(outcomes));
    } else {
      const rows = outcomes.map((o) => [o.name, o.ok ? 'imported' : 'FAILED', o.info]);
      context.io.out(formatTable(['NAME', 'RESULT', 'MESSAGE'], rows));
      context.io.out(compileFrames(definitions, results));
    }
    return outcomes.every((o) => o.ok) ? EXIT.ok : EXIT.failed;
  });
}

async function readDefinitions(path: string): Promise<FunctionDefinitionJson[]> {
  const { definition } = await loadDefinition(path);
  let value = definition;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (cause) {
      throw new EventingDevError(
        'DEFINITION_INVALID',
        `${path} is not JSON: ${(cause as Error).message}`,
        {
          hint: 'Import a file written by `eventing-dev functions export`, GET /api/v1/export or the web UI, or a function folder.',
          cause,
        },
      );
    }
  }
  const list = Array.isArray(value) ? value : [value];
  for (const item of list) {
    if (
      typeof item !== 'object' ||
      item === null ||
      typeof (item as { appname?: unknown }).appname !== 'string'
    ) {
      throw new EventingDevError(
        'DEFINITION_INVALID',
        `${path} holds something that is not a function definition`,
        {
          hint: 'Each definition is an object with appname, appcode, depcfg and settings.',
        },
      );
    }
  }
  return list as FunctionDefinitionJson[];
}

function outcome(
  definition: FunctionDefinitionJson,
  result: ImportResult | undefined,
): ImportOutcome {
  const name = formatLocation({ name: definition.appname, scope: definition.function_scope });
  if (!result) return { name, ok: false, code: -1, info: 'the server sent no result for it' };
  const ok = result.code === 0;
  const detail = ok ? result.warning_info : result.info;
  const text = describeDetail(statusOf(detail)) ?? '';
  return { name, ok, code: result.code, info: text };
}

/** `{status, warnings}` of a success, as its status sentence; anything else as it is. */
function statusOf(detail: unknown): unknown {
  if (typeof detail === 'object' && detail !== null && 'status' in detail) {
    const { status, warnings } = detail as { status: unknown; warnings?: unknown };
    return Array.isArray(warnings) && warnings.length > 0
      ? `${String(status)}; ${warnings.join('; ')}`
      : status;
  }
  return detail;
}

/** Flags of `functions delete`. */
export interface DeleteFlags extends ConnectionFlags, ScopeFlags, JsonFlag {
  all?: boolean;
  yes?: boolean;
  wait?: boolean;
  handleruuid?: number;
}

/** Deletes functions (undeployed ones only, the server insists), waiting until they are gone. */
export async function functionsDeleteCommand(
  names: string[],
  flags: DeleteFlags,
  context: CommandContext,
): Promise<ExitCode> {
  if (flags.all) return deleteAll(names, flags, context);
  let current: string | undefined;
  return withClient(
    context,
    flags,
    async (client) => {
      if (names.length === 0) throw usage('Name the functions to delete, or give --all --yes');
      const deleted: Array<{ name: string; info: unknown }> = [];
      for (const text of names) {
        const location = locationOf(text, flags);
        current = formatLocation(location);
        const options = {
          ...scopeOption(location),
          ...(flags.handleruuid === undefined ? {} : { handleruuid: flags.handleruuid }),
        };
        const answer = await client.deleteFunction(location.name, options);
        const gone =
          flags.wait === false ||
          (await client.waitForDeletion(location.name, scopeOption(location)));
        if (!gone) {
          context.io.err(
            `${current} is still listed; the server finishes deleting in the background\n`,
          );
        }
        deleted.push({ name: current, info: answer.info });
        if (!flags.json) context.io.out(`Deleted ${current}\n`);
      }
      if (flags.json) context.io.out(toJson(deleted));
      return EXIT.ok;
    },
    () => current,
  );
}

/** DELETE /api/v1/functions: every undeployed function; says which went and which stayed. */
async function deleteAll(names: string[], flags: DeleteFlags, context: CommandContext) {
  return withClient(context, flags, async (client) => {
    if (names.length > 0) throw usage('Give either function names or --all, not both');
    if (!flags.yes) throw usage('--all deletes every undeployed function: confirm with --yes');
    const locationOfDefinition = (d: FunctionDefinitionJson) =>
      formatLocation({ name: d.appname, scope: d.function_scope });
    const before = (await client.getFunctions()).map(locationOfDefinition);
    await client.deleteFunctions();
    const after = new Set((await client.getFunctions()).map(locationOfDefinition));
    const deleted = before.filter((name) => !after.has(name)).sort();
    const kept = [...after].sort();
    if (flags.json) context.io.out(toJson({ deleted, kept }));
    else {
      context.io.out(
        `Deleted ${deleted.length} function${deleted.length === 1 ? '' : 's'}${deleted.length ? `: ${deleted.join(', ')}` : ''}\n`,
      );
      if (kept.length > 0) context.io.out(`Kept (not undeployed): ${kept.join(', ')}\n`);
    }
    return EXIT.ok;
  });
}

function usage(message: string): EventingDevError {
  return new EventingDevError('CONFIG_INVALID', message, {
    hint: 'For example: eventing-dev functions delete enrich, or eventing-dev functions delete --all --yes',
  });
}

/** Under the table: the line and a caret of each compile error the server reported. */
function compileFrames(
  definitions: readonly FunctionDefinitionJson[],
  results: readonly (ImportResult | undefined)[],
): string {
  return definitions
    .map((definition, i) => {
      const status = results[i]?.info as Record<string, unknown> | undefined;
      if (results[i]?.code === 0 || status?.compile_success !== false) return '';
      const frame = codeFrame(
        definition.appcode,
        Number(status.line_number),
        Number(status.column_number),
      );
      return frame ? `\n${definition.appname}:\n${frame}\n` : '';
    })
    .join('');
}
