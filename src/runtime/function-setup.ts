import {
  bindingKeyspace,
  isWildcardKeyspace,
  sourceKeyspace,
} from '../definition/function-keyspaces.ts';
import { keyspaceMatches } from '../definition/keyspace.ts';
import type { FunctionDefinition } from '../definition/types.ts';
import { EventingDevError } from '../errors.ts';
import type { KeyspaceContext } from './bindings/keyspace/basic-accessors.ts';
import { LOG_TEXT_CAP } from './bindings/log/app-log.ts';
import { blankCode } from './compile/blank-code.ts';
import { codeFrameAt } from './compile/code-frame.ts';
import { assembleScript } from './compile/line-map.ts';
import { transpileQueries } from './compile/sql-transpiler.ts';
import { validateStructure } from './compile/structure-validator.ts';
import { type EntryMode, type EntryPlan, planEntry } from './entry-plan.ts';
import type { IsolateSpec } from './isolate/function-isolate.ts';
import type { KeyspacePort } from './ports.ts';
import { settingTimeoutMs } from './setting-timeout.ts';
import type { FunctionStats } from './stats.ts';

// Everything a function's isolate is built from, derived from its definition once per deploy:
// the validated and assembled script, the shim's configuration, the constants, and the
// host's view of its bucket bindings.

export interface SetupInput {
  definition: FunctionDefinition;
  filename: string;
  memoryLimitMb: number;
  entryMode: EntryMode | undefined;
  /** An IANA zone for handlers' local times, instead of the process's. */
  timeZone: string | undefined;
}

/**
 * Validates the appcode's structure, transpiles its inline SQL++ and prepares the isolate
 * spec, in the server's order (spec §1.1).
 * @throws EventingDevError `HANDLER_INVALID` with the structure validator's message.
 */
export function prepareIsolate(
  input: SetupInput,
  doors: Pick<IsolateSpec, 'door' | 'asyncDoor'>,
): { spec: IsolateSpec; plan: EntryPlan } {
  const { definition, filename } = input;
  const structure = validateStructure(definition.appcode);
  if (!structure.ok) {
    throw invalidHandler(
      definition.appname,
      `${filename}:${structure.line}:${structure.column}`,
      structure.message,
      definition.appcode,
    );
  }
  const settings = definition.settings;
  const transpiled = transpileQueries(definition.appcode, {
    consistency: settings.n1ql_consistency,
  });
  const assembled = assembleScript(
    transpiled.code,
    settings.handler_headers,
    settings.handler_footers,
  );
  const plan = planEntry(definition, blankCode(transpiled.code), input.entryMode);
  const spec: IsolateSpec = {
    memoryLimitMb: input.memoryLimitMb,
    ...doors,
    shimConfig: shimConfig(definition, input.timeZone),
    constantsScript: constantsScript(definition),
    script: { code: assembled.script, filename, lineOffset: -assembled.headerLineCount },
    globalCodeTimeoutMs: settingTimeoutMs(settings.execution_timeout),
  };
  return { spec, plan };
}

/** The host's view of the bucket bindings, for the keyspace built-ins. */
export function keyspaceContext(
  definition: FunctionDefinition,
  ports: { keyspaces: KeyspacePort; stats: FunctionStats; functionInstanceId: string },
): KeyspaceContext {
  const { depcfg, settings } = definition;
  const source = sourceKeyspace(definition);
  return {
    port: ports.keyspaces,
    stats: ports.stats,
    languageCompatibility: settings.language_compatibility,
    functionInstanceId: ports.functionInstanceId,
    source,
    bindings: depcfg.buckets.map((binding) => {
      const keyspace = bindingKeyspace(binding);
      return { keyspace, writesToSource: keyspaceMatches(source, keyspace) };
    }),
  };
}

/** The error for a handler that cannot be deployed, located in the user's file. */
export function invalidHandler(
  appname: string,
  location: string,
  message: string,
  /** The appcode, to show the line at `location`. */
  appcode?: string,
): EventingDevError {
  const excerpt = appcode === undefined ? undefined : codeFrameAt(appcode, location);
  return new EventingDevError(
    'HANDLER_INVALID',
    `The handler of function "${appname}" cannot be deployed`,
    {
      problems: [{ path: location, message, ...(excerpt ? { excerpt } : {}) }],
      hint: 'Fix the handler code at the position shown; nothing was deployed.',
    },
  );
}

function shimConfig(definition: FunctionDefinition, timeZone?: string) {
  return {
    ...(timeZone === undefined ? {} : { timeZone }),
    buckets: definition.depcfg.buckets.map((binding, index) => ({
      index,
      alias: binding.alias,
      access: binding.access,
      wildcard: isWildcardKeyspace(bindingKeyspace(binding)),
      keyspace: bindingKeyspace(binding),
    })),
    urls: definition.depcfg.curl.map((binding) => ({
      alias: binding.value,
      cookies: binding.allow_cookies,
    })),
    runtime: {
      timerContextSize: definition.settings.timer_context_size,
      bucketCacheAge: definition.settings.bucket_cache_age,
      bucketCacheSize: definition.settings.bucket_cache_size,
      queryPoolSize: definition.settings.lcb_inst_capacity,
      n1qlConsistency: definition.settings.n1ql_consistency,
      n1qlPrepareAll: definition.settings.n1ql_prepare_all,
      logTextCap: LOG_TEXT_CAP,
    },
  };
}

/** One `const` per constant binding, run as a script of its own before the handler (§8.4). */
function constantsScript(definition: FunctionDefinition): string | undefined {
  const { constants } = definition.depcfg;
  if (constants.length === 0) return undefined;
  return constants.map((constant) => `const ${constant.value} = ${constant.literal};`).join('\n');
}
