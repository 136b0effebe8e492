import type { FunctionDefinition, FunctionSettings } from '../definition/types.ts';
import type { CompositeStatus } from '../emulator/managed-function.ts';
import { invalidRequest, ServiceError } from './error-catalogue.ts';

// Couchbase Server 8.0.1+'s rules for changing a stored function (spec §3.2, §3.3): which
// lifecycle operation a request asks for, whether the function's state allows it, and which
// parts of the definition may change on the way. Pure functions over definitions.

/** What the two status flags ask for: (true,true) deploy or resume, (true,false) pause, (false,false) undeploy. */
export type LifecycleOp = 'deploy' | 'pause' | 'undeploy';

const TRANSITIONAL: ReadonlySet<CompositeStatus> = new Set([
  'deploying',
  'undeploying',
  'pausing',
  'resuming',
]);

/** Settings 8.x lets change while a function stays deployed. */
const DYNAMIC_SETTINGS: ReadonlySet<string> = new Set([
  'description',
  'log_level',
  'timer_context_size',
  'deployment_status',
  'processing_status',
]);

/** Settings frozen while a function is (or stays) paused or is being paused. */
const FROZEN_WHILE_PAUSED = ['num_timer_partitions', 'app_log_dir', 'dcp_stream_boundary'] as const;

export function isTransitional(status: CompositeStatus): boolean {
  return TRANSITIONAL.has(status);
}

/** The operation a definition's status flags ask for. */
export function opOf(settings: Pick<FunctionSettings, 'deployment_status' | 'processing_status'>) {
  if (!settings.deployment_status) {
    if (settings.processing_status)
      throw invalidRequest('Invalid deployment and processing status');
    return 'undeploy';
  }
  return settings.processing_status ? 'deploy' : 'pause';
}

/**
 * Refuses a change to a function in a transition, and operations its state has no transition
 * for. `current` is undefined for a function that does not exist yet.
 */
export function checkEdit(
  location: string,
  current: CompositeStatus | undefined,
  op: LifecycleOp,
): void {
  if (current !== undefined && isTransitional(current)) {
    throw invalidRequest(`Function ${location} is in ${current} state. Try again later.`);
  }
  if (op === 'pause' && (current === undefined || current === 'undeployed')) {
    throw invalidRequest('state transition not possible');
  }
}

/**
 * Refuses changes the server does not allow for this (state, operation): a function that stays
 * deployed may only change its dynamic settings; one that is or becomes paused keeps its
 * keyspaces and a few settings; undeployed functions and undeploys may change anything.
 */
export function checkChanges(
  location: string,
  current: CompositeStatus,
  op: LifecycleOp,
  before: FunctionDefinition,
  after: FunctionDefinition,
): void {
  if (current === 'undeployed' || op === 'undeploy') return;
  if (keyspacesDiffer(before, after)) {
    throw invalidRequest(`Function: ${location} Cannot change source keyspace`);
  }
  const staysDeployed = current === 'deployed' && op === 'deploy';
  if (staysDeployed) {
    if (!sameJson(before.depcfg, after.depcfg)) {
      throw invalidRequest(`Function: ${location} Cannot change bindings`);
    }
    if (before.appcode !== after.appcode) {
      throw invalidRequest(`Function: ${location} app_code is not allowed to be changed`);
    }
  }
  for (const key of changedSettings(before.settings, after.settings)) {
    const frozen = staysDeployed
      ? !DYNAMIC_SETTINGS.has(key)
      : (FROZEN_WHILE_PAUSED as readonly string[]).includes(key);
    if (frozen) throw invalidRequest(`not allowed to change the setting: ${key}`);
  }
}

/** Whether only dynamic settings (or nothing) differ: what a deployed function can take live. */
export function onlyDynamicChanges(before: FunctionDefinition, after: FunctionDefinition): boolean {
  return (
    before.appcode === after.appcode &&
    sameJson(before.depcfg, after.depcfg) &&
    changedSettings(before.settings, after.settings).every((key) => DYNAMIC_SETTINGS.has(key))
  );
}

/** Keys whose values differ between two settings objects. */
export function changedSettings(before: FunctionSettings, after: FunctionSettings): string[] {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  return Object.keys(b).filter((key) => !sameJson(a[key], b[key]));
}

function keyspacesDiffer(before: FunctionDefinition, after: FunctionDefinition): boolean {
  const keys = [
    'source_bucket',
    'source_scope',
    'source_collection',
    'metadata_bucket',
    'metadata_scope',
    'metadata_collection',
  ] as const;
  return keys.some((key) => before.depcfg[key] !== after.depcfg[key]);
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** @throws ServiceError ERR_APPCODE_SIZE for code larger than `function_size` bytes. */
export function checkSize(location: string, limit: number, appcode: string): void {
  const size = Buffer.byteLength(appcode);
  if (size > limit) {
    throw new ServiceError(
      'ERR_APPCODE_SIZE',
      `Function: ${location} handler Code size is more than ${limit}. Code Size: ${size}`,
    );
  }
}

/** The lifecycle routes' refusals for a function in `current` (spec §3.2, 8.0.1+ rows). */
export function checkLifecycle(
  location: string,
  current: CompositeStatus,
  route: 'deploy' | 'undeploy' | 'pause' | 'resume',
): void {
  if (isTransitional(current)) throw invalidRequest('state transition not possible');
  const already = (state: string) =>
    `Invalid operation. Function: ${location} already in ${state} state.`;
  switch (route) {
    case 'deploy':
    case 'resume':
      if (current === 'deployed')
        throw new ServiceError('ERR_APP_ALREADY_DEPLOYED', already('deployed'));
      return;
    case 'undeploy':
      if (current === 'undeployed')
        throw new ServiceError('ERR_APP_NOT_DEPLOYED', already('undeployed'));
      return;
    case 'pause':
      if (current === 'paused') throw new ServiceError('ERR_APP_PAUSED', already('paused'));
      if (current === 'undeployed') throw invalidRequest('state transition not possible');
      return;
  }
}
