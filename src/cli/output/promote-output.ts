import { describeChanges } from '../../project/promote-diff.ts';
import type { Change, FunctionPlan, Step } from '../../project/promote-plan.ts';

// How promote shows its plan: a heading per function with its steps, then its changes, for
// people; the same without the definition (and without secrets) for scripts.

export function describeStep(step: Step): string {
  switch (step.op) {
    case 'create':
      return 'create';
    case 'update':
      return `update ${step.via}`;
    case 'deploy':
      return `deploy (from ${step.boundary === 'everything' ? 'all existing documents' : 'now'})`;
    default:
      return step.op;
  }
}

const ACTIONS: Record<FunctionPlan['action'], string> = {
  create: 'new',
  update: 'changed',
  start: 'unchanged, not running',
  unchanged: 'unchanged',
  blocked: 'cannot be promoted',
};

export function describePlan(plan: FunctionPlan): string {
  const lines = [`${plan.name}: ${ACTIONS[plan.action]} (${plan.from} on the cluster)`];
  if (plan.reason) lines.push(`  ${plan.reason}`);
  if (plan.steps.length > 0) lines.push(`  steps: ${plan.steps.map(describeStep).join(', ')}`);
  if (plan.restartsProcessing) {
    lines.push('  note: undeploying loses its checkpoints: processing restarts from the boundary');
  }
  for (const line of describeChanges(plan.changes)) lines.push(`  ${line}`);
  return `${lines.join('\n')}\n`;
}

/** A plan for --json: its definition left out, secrets in URL bindings masked. */
export function planJson(plan: FunctionPlan) {
  const { definition: _definition, ...rest } = plan;
  return { ...rest, changes: plan.changes.map(maskChange) };
}

function maskChange(change: Change): Change {
  if (change.part !== 'binding' || change.key !== 'curl') return change;
  const mask = (bindings: unknown) =>
    (bindings as Record<string, unknown>[]).map((binding) => ({
      ...binding,
      password: binding.password ? '*****' : '',
      bearer_key: binding.bearer_key ? '*****' : '',
    }));
  return { ...change, before: mask(change.before), after: mask(change.after) };
}
