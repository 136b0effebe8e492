import { type Keyspace, keyspaceMatches } from '../definition/keyspace.ts';
import type { FunctionDefinition } from '../definition/types.ts';
import { EventingDevError } from '../errors.ts';
import type { KeyspaceContext } from './bindings/keyspace/basic-accessors.ts';
import { blankCode } from './compile/blank-code.ts';
import { assembleScript } from './compile/line-map.ts';
import { validateStructure } from './compile/structure-validator.ts';
import { type EntryMode, type EntryPlan, planEntry } from './entry-plan.ts';
import type { IsolateSpec } from './isolate/function-isolate.ts';
import type { KeyspacePort } from './ports.ts';
import type { FunctionStats } from './stats.ts';

// Everything a function's isolate is built from, derived from its definition once per deploy:
// the validated and assembled script, the shim's configuration, the constants, and the
// host's view of its bucket bindings.

export interface SetupInput {
  definition: FunctionDefinition;
  filename: string;
  memoryLimitMb: number;
  entryMode: EntryMode | undefined;
}

/**
 * Validates the appcode's structure and prepares the isolate spec.
 * @throws EventingDevError `HANDLER_INVALID` with the structure validator's message.
 */
export function prepareIsolate(
  input: SetupInput,
  door: IsolateSpec['door'],
): { spec: IsolateSpec; plan: EntryPlan } {
  const { definition, filename } = input;
  const structure = validateStructure(definition.appcode);
  if (!structure.ok) {
    throw invalidHandler(
      definition.appname,
      `${filename}:${structure.line}:${structure.column}`,
      structure.message,
    );
  }
  const settings = definition.settings;
  const assembled = assembleScript(
    definition.appcode,
    settings.handler_headers,
    settings.handler_footers,
  );
  const spec: IsolateSpec = {
    memoryLimitMb: input.memoryLimitMb,
    door,
    shimConfig: shimConfig(definition),
    constantsScript: constantsScript(definition),
    script: { code: assembled.script, filename, lineOffset: -assembled.headerLineCount },
    globalCodeTimeoutMs: settings.execution_timeout * 1000,
  };
  return { spec, plan: planEntry(definition, blankCode(definition.appcode), input.entryMode) };
}

/** The host's view of the bucket bindings, for the keyspace built-ins. */
export function keyspaceContext(
  definition: FunctionDefinition,
  ports: { keyspaces: KeyspacePort; stats: FunctionStats; functionInstanceId: string },
): KeyspaceContext {
  const { depcfg, settings } = definition;
  const source: Keyspace = {
    bucket: depcfg.source_bucket,
    scope: depcfg.source_scope,
    collection: depcfg.source_collection,
  };
  return {
    port: ports.keyspaces,
    stats: ports.stats,
    languageCompatibility: settings.language_compatibility,
    functionInstanceId: ports.functionInstanceId,
    bindings: depcfg.buckets.map((binding) => {
      const keyspace = {
        bucket: binding.bucket_name,
        scope: binding.scope_name,
        collection: binding.collection_name,
      };
      return { keyspace, writesToSource: keyspaceMatches(source, keyspace) };
    }),
  };
}

/** The error for a handler that cannot be deployed, located in the user's file. */
export function invalidHandler(
  appname: string,
  location: string,
  message: string,
): EventingDevError {
  return new EventingDevError(
    'HANDLER_INVALID',
    `The handler of function "${appname}" cannot be deployed`,
    {
      problems: [{ path: location, message }],
      hint: 'Fix the handler code at the position shown; nothing was deployed.',
    },
  );
}

function shimConfig(definition: FunctionDefinition) {
  return {
    buckets: definition.depcfg.buckets.map((binding, index) => ({
      index,
      alias: binding.alias,
      access: binding.access,
      wildcard: binding.scope_name === '*' || binding.collection_name === '*',
    })),
    urls: definition.depcfg.curl.map((binding) => ({ alias: binding.value })),
    runtime: { timerContextSize: definition.settings.timer_context_size },
  };
}

/** One `const` per constant binding, run as a script of its own before the handler (§8.4). */
function constantsScript(definition: FunctionDefinition): string | undefined {
  const { constants } = definition.depcfg;
  if (constants.length === 0) return undefined;
  return constants.map((constant) => `const ${constant.value} = ${constant.literal};`).join('\n');
}
