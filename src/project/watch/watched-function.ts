import { EventingApiError } from '../../client/eventing-api-error.ts';
import type { EventingClient } from '../../client/eventing-client.ts';
import type { FunctionDefinitionJson } from '../../client/types.ts';
import type { WaitOptions } from '../../client/wait-for-status.ts';
import { loadDefinition } from '../../definition/load-definition.ts';
import { validateDefinition } from '../../definition/parse-definition.ts';
import type { FunctionDefinition, FunctionScope } from '../../definition/types.ts';
import type { FunctionFolder } from '../function-folders.ts';
import type { EnvironmentConfig } from '../project-config.ts';
import { type DefinitionChange, definitionDrift } from './definition-drift.ts';
import { type ActivitySnapshot, readActivity } from './push-activity.ts';
import { isConnectionProblem } from './push-appcode.ts';
import { describe, type FunctionSurvey } from './watch-report.ts';

// One watched function: what the session remembers between saves, and how it is first looked
// up on the cluster (its state, whether its code and function.json match what runs there).

/** Where pushes go. */
export interface WatchTarget {
  /** For messages, e.g. `http://127.0.0.1:8096 (environment staging)`. */
  label: string;
  /** The environment's renames: function.json is compared with the cluster after them. */
  environment?: Pick<EnvironmentConfig, 'keyspaces' | 'urls'>;
  /** The command that applies function.json to the cluster (or creates the function there). */
  promoteCommand: (fn: string) => string;
  /** Create and deploy functions the service lacks: only for the in-process local service. */
  createMissing?: boolean;
}

/** What looking a function up needs. */
export interface ClusterContext {
  client: EventingClient;
  target: WatchTarget;
  wait?: WaitOptions;
}

export interface Watched {
  folder: FunctionFolder;
  /** Its name and scope on the cluster, from its function.json once read. */
  name: string;
  scope: FunctionScope | undefined;
  /** Counters and log at the previous push, for the deltas. */
  activity?: ActivitySnapshot;
  /** A save of the function is being handled. */
  saving?: boolean;
  /** A push paused it and could not resume it: the next push resumes it. */
  leftPaused: boolean;
  /** The appcode last seen running, to restore if a half-finished push's code fails. */
  lastGood?: string;
}

/** The client's `{ scope }` option for the function. */
export function scopeOf(fn: Watched): { scope?: FunctionScope } {
  return fn.scope ? { scope: fn.scope } : {};
}

/** Takes the function's name and scope from its (valid) definition. */
export function adopt(fn: Watched, definition: FunctionDefinition): void {
  fn.name = definition.appname;
  fn.scope = definition.function_scope;
}

/** The drift and the command that applies it, when there is any. */
export function driftFields(
  target: WatchTarget,
  fn: Watched,
  drift: DefinitionChange[] | undefined,
): { drift?: DefinitionChange[]; promote?: string } {
  return drift && drift.length > 0 ? { drift, promote: target.promoteCommand(fn.name) } : {};
}

/** Creates the function from its folder and deploys it (the local service only). */
export async function createFunction(
  context: ClusterContext,
  fn: Watched,
  definition: FunctionDefinition,
) {
  const { client } = context;
  const json = {
    ...definition,
    settings: { ...definition.settings, deployment_status: false, processing_status: false },
  } as FunctionDefinitionJson;
  await client.saveFunction(json, scopeOf(fn));
  await client.deploy(fn.name, scopeOf(fn));
  const app = await client.waitForStatus(fn.name, 'deployed', { ...context.wait, ...scopeOf(fn) });
  fn.lastGood = definition.appcode;
  fn.activity = await readActivity(client, fn.name, fn.scope);
  return app.composite_status;
}

/**
 * Reads the folder (without the checks' isolate: watching should start fast) and looks the
 * function up on the cluster; records its counters and log as the base of the first deltas.
 */
export async function surveyFunction(
  context: ClusterContext,
  fn: Watched,
): Promise<FunctionSurvey> {
  const { client, target } = context;
  const base = { function: fn.name, folder: fn.folder.dir };
  let definition: FunctionDefinition;
  try {
    const validation = validateDefinition((await loadDefinition(fn.folder.dir)).definition);
    if (!validation.ok) {
      const first = validation.problems[0];
      const message = first ? `${first.path}: ${first.message}` : 'invalid definition';
      return { ...base, note: 'invalid', error: { message } };
    }
    definition = validation.definition;
  } catch (error) {
    return { ...base, note: 'invalid', error: describe(error) };
  }
  adopt(fn, definition);
  const named = { ...base, function: fn.name };
  try {
    let remote: FunctionDefinitionJson;
    try {
      remote = await client.getFunction(fn.name, scopeOf(fn));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      if (!target.createMissing) {
        return { ...named, note: 'missing', promote: target.promoteCommand(fn.name) };
      }
      try {
        return { ...named, note: 'created', status: await createFunction(context, fn, definition) };
      } catch (failure) {
        return { ...named, note: 'create-failed', error: describe(failure) };
      }
    }
    const app = await client.getStatus(fn.name, scopeOf(fn));
    fn.activity = await readActivity(client, fn.name, fn.scope);
    if (app.composite_status === 'deployed') fn.lastGood = remote.appcode;
    return {
      ...named,
      status: app.composite_status,
      appcodeDiffers: remote.appcode !== definition.appcode,
      ...driftFields(target, fn, definitionDrift(definition, remote, target.environment)),
    };
  } catch (error) {
    return isConnectionProblem(error)
      ? { ...named, note: 'unreachable', error: describe(error) }
      : { ...named, error: describe(error) };
  }
}

/** The server's "no such function", in each version's words (spec rest-api.md §3.2). */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof EventingApiError &&
    (error.status === 404 ||
      error.name === 'ERR_APP_NOT_FOUND' ||
      error.name === 'ERR_APP_NOT_FOUND_TS')
  );
}
