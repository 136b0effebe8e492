import type { FunctionDefinition, FunctionSettings } from '../definition/types.ts';
import type { CompositeStatus } from './eventing-function.ts';
import { FunctionRefusal, invalidRequest } from './refusal.ts';

// Couchbase Server 8.0.1+'s rules for changing a function (spec/rest-api.md §3.2, §3.3): which
// lifecycle operation a request asks for, whether the function's status allows it, which parts
// of the definition may change on the way, and which transition it begins. The one place that
// decides; the test API and the REST API both ask it. `where` names the function as the server
// does (`name` or `bucket/scope/name`).

/** What the two status flags ask for: (true,true) deploy or resume, (true,false) pause, (false,false) undeploy. */
export type LifecycleOp = 'deploy' | 'pause' | 'undeploy';

/** The lifecycle routes. */
export type LifecycleRoute = 'deploy' | 'undeploy' | 'pause' | 'resume';

/** The statuses a function passes through between resting ones. */
export type TransitionState = 'deploying' | 'undeploying' | 'pausing' | 'resuming';

/** A status a function rests in. */
export type RestingStatus = 'undeployed' | 'deployed' | 'paused';

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

/** The status flags of each lifecycle operation. */
export const INTENT = {
  deploy: { deployment_status: true, processing_status: true },
  pause: { deployment_status: true, processing_status: false },
  undeploy: { deployment_status: false, processing_status: false },
} as const;

/** The transition a (status, operation) pair begins, if any. */
const BEGINS: Record<string, TransitionState> = {
  'undeployed:deploy': 'deploying',
  'deployed:pause': 'pausing',
  'deployed:undeploy': 'undeploying',
  'paused:deploy': 'resuming',
  'paused:undeploy': 'undeploying',
};

export function isTransitional(status: CompositeStatus): boolean {
  return TRANSITIONAL.has(status);
}

/** The operation a status is headed for: what its status flags say. */
export function intentOf(status: CompositeStatus): LifecycleOp {
  if (status === 'deployed' || status === 'deploying' || status === 'resuming') return 'deploy';
  return status === 'paused' || status === 'pausing' ? 'pause' : 'undeploy';
}

/** The definition with the status flags of where `status` is headed. */
export function withIntent(
  definition: FunctionDefinition,
  status: CompositeStatus,
): FunctionDefinition {
  return { ...definition, settings: { ...definition.settings, ...INTENT[intentOf(status)] } };
}

/** The operation a definition's status flags ask for. */
export function opOf(
  settings: Pick<FunctionSettings, 'deployment_status' | 'processing_status'>,
): LifecycleOp {
  if (!settings.deployment_status) {
    if (settings.processing_status)
      throw invalidRequest('Invalid deployment and processing status');
    return 'undeploy';
  }
  return settings.processing_status ? 'deploy' : 'pause';
}

/**
 * The operation a definition not yet parsed asks for (absent flags are false): the status flags
 * are a request before they are a field, refused as the server does.
 */
export function requestedOp(definition: unknown): LifecycleOp {
  const settings = (definition as { settings?: Record<string, unknown> } | null)?.settings;
  return opOf({
    deployment_status: settings?.deployment_status === true,
    processing_status: settings?.processing_status === true,
  });
}

/** The transition that storing with `op` begins from `current` (undefined: a new function). */
export function transitionFor(
  current: CompositeStatus | undefined,
  op: LifecycleOp,
): TransitionState | undefined {
  return BEGINS[`${current ?? 'undeployed'}:${op}`];
}

/** The transition a lifecycle route begins from a status the route accepted. */
export function routeTransition(current: CompositeStatus, route: LifecycleRoute): TransitionState {
  if (route === 'undeploy') return 'undeploying';
  if (route === 'pause') return 'pausing';
  return current === 'paused' ? 'resuming' : 'deploying';
}

/**
 * Refuses a change to a function in a transition, and operations its status has no transition
 * for. `current` is undefined for a function that does not exist yet.
 */
export function checkEdit(
  where: string,
  current: CompositeStatus | undefined,
  op: LifecycleOp,
): void {
  if (current !== undefined && isTransitional(current)) {
    throw invalidRequest(`Function ${where} is in ${current} state. Try again later.`, {
      hint: 'Wait until the transition ends (poll its status), then try again.',
    });
  }
  if (op === 'pause' && (current === undefined || current === 'undeployed')) {
    throw invalidRequest('state transition not possible', {
      message: `Function ${where} cannot be paused: it is not deployed`,
      hint: 'Only a deployed function can be paused.',
    });
  }
}

/**
 * Refuses changes the server does not allow for this (status, operation): a function that stays
 * deployed may only change its dynamic settings; one that is or becomes paused keeps its
 * keyspaces and a few settings; undeployed functions and undeploys may change anything.
 */
export function checkChanges(
  where: string,
  current: CompositeStatus,
  op: LifecycleOp,
  before: FunctionDefinition,
  after: FunctionDefinition,
): void {
  if (current === 'undeployed' || op === 'undeploy') return;
  const hint = 'Undeploy it first, or change only what a running function may change.';
  if (keyspacesDiffer(before, after)) {
    throw invalidRequest(`Function: ${where} Cannot change source keyspace`, { hint });
  }
  const staysDeployed = current === 'deployed' && op === 'deploy';
  if (staysDeployed) {
    if (!sameJson(before.depcfg, after.depcfg)) {
      throw invalidRequest(`Function: ${where} Cannot change bindings`, { hint });
    }
    if (before.appcode !== after.appcode) {
      throw invalidRequest(`Function: ${where} app_code is not allowed to be changed`, {
        hint: 'Pause or undeploy it first.',
      });
    }
  }
  for (const key of changedSettings(before.settings, after.settings)) {
    const frozen = staysDeployed
      ? !DYNAMIC_SETTINGS.has(key)
      : (FROZEN_WHILE_PAUSED as readonly string[]).includes(key);
    if (frozen) throw invalidRequest(`not allowed to change the setting: ${key}`, { hint });
  }
}

/** The appcode route's own rule: a deployed function's code stays (the same code is a no-op). */
export function checkAppcodeChange(where: string, current: CompositeStatus): void {
  if (current === 'deployed' || current === 'deploying') {
    throw invalidRequest(`Function ${where} is already deployed`, {
      hint: 'Pause or undeploy it first.',
    });
  }
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

/** @throws FunctionRefusal ERR_APPCODE_SIZE for code larger than `limit` bytes. */
export function checkSize(where: string, limit: number | undefined, appcode: string): void {
  const size = Buffer.byteLength(appcode);
  if (limit !== undefined && size > limit) {
    throw new FunctionRefusal(
      'ERR_APPCODE_SIZE',
      `Function: ${where} handler Code size is more than ${limit}. Code Size: ${size}`,
    );
  }
}

/** The lifecycle routes' refusals for a function in `current` (spec §3.2, 8.0.1+ rows). */
export function checkLifecycle(
  where: string,
  current: CompositeStatus,
  route: LifecycleRoute,
): void {
  if (isTransitional(current)) {
    throw invalidRequest('state transition not possible', {
      message: `Function ${where} is ${current}; it cannot be changed until that ends`,
      hint: 'Wait until the transition ends (poll its status), then try again.',
    });
  }
  const already = (
    state: string,
    errorName: 'ERR_APP_ALREADY_DEPLOYED' | 'ERR_APP_NOT_DEPLOYED' | 'ERR_APP_PAUSED',
  ) =>
    new FunctionRefusal(
      errorName,
      `Invalid operation. Function: ${where} already in ${state} state.`,
      {
        message: `Function "${where}" is already ${state}`,
        hint: 'Check fn.status before changing the lifecycle.',
      },
    );
  switch (route) {
    case 'deploy':
    case 'resume':
      if (current === 'deployed') throw already('deployed', 'ERR_APP_ALREADY_DEPLOYED');
      return;
    case 'undeploy':
      if (current === 'undeployed') throw already('undeployed', 'ERR_APP_NOT_DEPLOYED');
      return;
    case 'pause':
      if (current === 'paused') throw already('paused', 'ERR_APP_PAUSED');
      if (current === 'undeployed') {
        throw invalidRequest('state transition not possible', {
          message: `Function "${where}" cannot be paused while undeployed`,
          hint: 'Only a deployed function can be paused.',
        });
      }
      return;
  }
}

/** @throws FunctionRefusal ERR_APP_NOT_UNDEPLOYED unless the function is undeployed. */
export function checkDelete(where: string, current: CompositeStatus): void {
  if (current === 'undeployed') return;
  throw new FunctionRefusal(
    'ERR_APP_NOT_UNDEPLOYED',
    `Function: ${where} skipping delete request as it hasn't been undeployed`,
    {
      message: `Function "${where}" is ${current}`,
      hint: 'Only an undeployed function can be deleted; undeploy it first.',
    },
  );
}
