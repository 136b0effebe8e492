import { metadataKeyspace, sourceKeyspace } from '../definition/function-keyspaces.ts';
import { formatKeyspace } from '../definition/keyspace.ts';
import type { DcpStreamBoundary, FunctionDefinition } from '../definition/types.ts';

// What `eventing-dev promote` will do to one function, decided from the local definition and
// what the cluster has, before anything is changed: a pure function, so every case is tested
// without a cluster and a dry run shows exactly what a real run does.

/** A function's state on the cluster, as GET /api/v1/status reports it. */
export type RemoteStatus =
  | 'undeployed'
  | 'deploying'
  | 'deployed'
  | 'pausing'
  | 'paused'
  | 'resuming'
  | 'undeploying';

export interface RemoteFunction {
  definition: FunctionDefinition;
  status: RemoteStatus;
}

/** One difference between the cluster's definition and the local one. */
export interface Change {
  part: 'appcode' | 'setting' | 'binding' | 'keyspace';
  /** `appcode`, a setting name, `buckets`, `curl`, `constants`, or `source` / `metadata`. */
  key: string;
  before: unknown;
  after: unknown;
}

export type Step =
  | { op: 'create'; boundary: DcpStreamBoundary }
  /** POST appcode alone, POST settings (dynamic ones on a deployed function), or the definition. */
  | { op: 'update'; via: 'appcode' | 'settings' | 'definition' }
  | { op: 'pause' }
  | { op: 'resume' }
  | { op: 'undeploy' }
  | { op: 'deploy'; boundary: DcpStreamBoundary };

export interface FunctionPlan {
  name: string;
  /** The function's state on the cluster before the plan, `absent` if it has none. */
  from: RemoteStatus | 'absent';
  /** The definition the steps send (with the boundary asked for); it may hold secrets. */
  definition: FunctionDefinition;
  /** `create`: new; `update`: changes; `start`: only a deploy or resume; `blocked`: see reason. */
  action: 'create' | 'update' | 'start' | 'unchanged' | 'blocked';
  changes: Change[];
  steps: Step[];
  /** True when the plan undeploys: processing restarts from the boundary, checkpoints lost. */
  restartsProcessing: boolean;
  reason?: string;
}

export interface PlanOptions {
  /** Consent to undeploy a function whose change cannot be made while it is paused. */
  allowUndeploy?: boolean;
  /** The boundary of fresh deploys (default: the definition's dcp_stream_boundary). */
  boundary?: DcpStreamBoundary;
}

// Settings 8.x lets change on a deployed function (spec/rest-api.md §3.3).
const DYNAMIC_SETTINGS = new Set(['description', 'log_level', 'timer_context_size']);
// Settings that cannot change while a function is paused, only while undeployed.
const FROZEN_WHILE_PAUSED = new Set(['num_timer_partitions', 'app_log_dir', 'dcp_stream_boundary']);
// Lifecycle intent, not content.
const STATUS_FLAGS = new Set(['deployment_status', 'processing_status']);
/** What GET answers in place of a curl secret. */
const SECRET_MASK = '*****';

/** Plans the promotion of `local` to a cluster that has `remote` of it (or nothing). */
export function planFunction(
  definition: FunctionDefinition,
  remote: RemoteFunction | undefined,
  options: PlanOptions = {},
): FunctionPlan {
  const name = definition.appname;
  const boundary = options.boundary ?? definition.settings.dcp_stream_boundary;
  const local = withBoundary(definition, boundary);
  if (!remote) {
    return {
      name,
      from: 'absent',
      definition: local,
      action: 'create',
      changes: [],
      steps: [
        { op: 'create', boundary },
        { op: 'deploy', boundary },
      ],
      restartsProcessing: false,
    };
  }
  const { status } = remote;
  const plan = (
    action: FunctionPlan['action'],
    steps: Step[],
    extra: Partial<FunctionPlan> = {},
  ): FunctionPlan => ({
    name,
    from: status,
    definition: local,
    action,
    changes,
    steps,
    restartsProcessing: false,
    ...extra,
  });
  // The boundary only matters to a fresh deploy: a running function's is not a change.
  const changes = diffDefinitions(remote.definition, local, status !== 'undeployed');
  if (!['undeployed', 'deployed', 'paused'].includes(status)) {
    return plan('blocked', [], {
      reason: `it is ${status} on the cluster; promote again once that has finished`,
    });
  }
  if (status === 'undeployed') {
    return plan(changes.length > 0 ? 'update' : 'start', [
      ...(changes.length > 0 ? [{ op: 'update', via: 'definition' } as const] : []),
      { op: 'deploy', boundary },
    ]);
  }
  if (changes.length === 0) {
    return status === 'paused' ? plan('start', [{ op: 'resume' }]) : plan('unchanged', []);
  }
  const needsUndeploy = changes.filter(
    (change) =>
      change.part === 'keyspace' ||
      (change.part === 'setting' && FROZEN_WHILE_PAUSED.has(change.key)),
  );
  if (needsUndeploy.length > 0) {
    const what = needsUndeploy.map((change) => change.key).join(', ');
    if (!options.allowUndeploy) {
      return plan('blocked', [], {
        reason: `changing ${what} needs an undeploy, and processing then restarts from the ${boundary} boundary; pass --allow-undeploy to do that`,
      });
    }
    return plan(
      'update',
      [{ op: 'undeploy' }, { op: 'update', via: 'definition' }, { op: 'deploy', boundary }],
      { restartsProcessing: true },
    );
  }
  const appcodeOnly = changes.every((change) => change.part === 'appcode');
  const dynamicOnly = changes.every(
    (change) => change.part === 'setting' && DYNAMIC_SETTINGS.has(change.key),
  );
  if (status === 'deployed' && dynamicOnly) {
    return plan('update', [{ op: 'update', via: 'settings' }]);
  }
  // A pause keeps the checkpoints: the function carries on where it stopped.
  const update: Step = { op: 'update', via: appcodeOnly ? 'appcode' : 'definition' };
  return plan(
    'update',
    status === 'deployed'
      ? [{ op: 'pause' }, update, { op: 'resume' }]
      : [update, { op: 'resume' }],
  );
}

/** The differences that matter between the cluster's definition and the local one. */
export function diffDefinitions(
  before: FunctionDefinition,
  after: FunctionDefinition,
  ignoreBoundary = false,
): Change[] {
  const changes: Change[] = [];
  if (before.appcode !== after.appcode)
    changes.push({ part: 'appcode', key: 'appcode', before: before.appcode, after: after.appcode });
  for (const place of ['source', 'metadata'] as const) {
    const was = keyspaceOf(before, place);
    const now = keyspaceOf(after, place);
    if (was !== now) changes.push({ part: 'keyspace', key: place, before: was, after: now });
  }
  const bindings = {
    buckets: [before.depcfg.buckets, after.depcfg.buckets],
    curl: [unmasked(before.depcfg.curl, after.depcfg.curl), after.depcfg.curl],
    constants: [before.depcfg.constants, after.depcfg.constants],
  } as const;
  for (const [key, [was, now]] of Object.entries(bindings)) {
    if (!sameJson(was, now)) changes.push({ part: 'binding', key, before: was, after: now });
  }
  const settings = new Set([...Object.keys(before.settings), ...Object.keys(after.settings)]);
  for (const key of [...settings].sort()) {
    if (STATUS_FLAGS.has(key) || (ignoreBoundary && key === 'dcp_stream_boundary')) continue;
    const was = (before.settings as unknown as Record<string, unknown>)[key];
    const now = (after.settings as unknown as Record<string, unknown>)[key];
    if (!sameJson(was, now)) changes.push({ part: 'setting', key, before: was, after: now });
  }
  return changes;
}

/** The definition as it is to be deployed: with the boundary asked for. */
export function withBoundary(
  definition: FunctionDefinition,
  boundary: DcpStreamBoundary,
): FunctionDefinition {
  if (definition.settings.dcp_stream_boundary === boundary) return definition;
  return { ...definition, settings: { ...definition.settings, dcp_stream_boundary: boundary } };
}

function keyspaceOf(definition: FunctionDefinition, place: 'source' | 'metadata'): string {
  return formatKeyspace(
    place === 'source' ? sourceKeyspace(definition) : metadataKeyspace(definition),
  );
}

/** The cluster's URL bindings with masked secrets taken as the local ones: they cannot be compared. */
function unmasked(
  remote: FunctionDefinition['depcfg']['curl'],
  local: FunctionDefinition['depcfg']['curl'],
) {
  return remote.map((binding) => {
    const same = local.find((other) => other.value === binding.value);
    if (!same) return binding;
    return {
      ...binding,
      password: binding.password === SECRET_MASK ? same.password : binding.password,
      bearer_key: binding.bearer_key === SECRET_MASK ? same.bearer_key : binding.bearer_key,
    };
  });
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
