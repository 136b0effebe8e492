import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definition/parse-definition.ts';
import type { FunctionDefinition } from '../../src/definition/types.ts';
import {
  diffDefinitions,
  planFunction,
  type RemoteStatus,
} from '../../src/project/promote-plan.ts';
import { defineFunction } from '../../src/testing/index.ts';

const base = parseDefinition(
  defineFunction({
    name: 'enrich',
    source: 'shop.sales.orders',
    buckets: { out: 'shop.sales.enriched' },
    urls: { api: { url: 'https://api.test', auth: 'bearer', bearer_key: 'secret' } },
    code: 'function OnUpdate(doc, meta) { out[meta.id] = doc; }\n',
  }),
).definition;

/** `base` with some changes. */
function changed(edit: (definition: FunctionDefinition) => void): FunctionDefinition {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
}

const remote = (status: RemoteStatus, definition = base) => ({ definition, status });
const newCode = changed((d) => {
  d.appcode = 'function OnUpdate(doc, meta) { out[meta.id] = { v: 2 }; }\n';
});

describe('planFunction', () => {
  it('creates and deploys a function the cluster does not have', () => {
    expect(planFunction(base, undefined)).toMatchObject({
      action: 'create',
      steps: [
        { op: 'create', boundary: 'everything' },
        { op: 'deploy', boundary: 'everything' },
      ],
    });
    expect(planFunction(base, undefined, { boundary: 'from_now' }).steps[1]).toEqual({
      op: 'deploy',
      boundary: 'from_now',
    });
  });

  it('does nothing to a deployed function that is the same', () => {
    expect(planFunction(base, remote('deployed'))).toMatchObject({
      action: 'unchanged',
      changes: [],
      steps: [],
    });
  });

  it('starts a function that is the same but undeployed or paused', () => {
    expect(planFunction(base, remote('undeployed')).steps).toEqual([
      { op: 'deploy', boundary: 'everything' },
    ]);
    expect(planFunction(base, remote('paused')).steps).toEqual([{ op: 'resume' }]);
  });

  it('updates the appcode of a deployed function by pause, appcode, resume: its checkpoint stays', () => {
    const plan = planFunction(newCode, remote('deployed'));
    expect(plan).toMatchObject({ action: 'update', restartsProcessing: false });
    expect(plan.changes.map((change) => change.key)).toEqual(['appcode']);
    expect(plan.steps).toEqual([
      { op: 'pause' },
      { op: 'update', via: 'appcode' },
      { op: 'resume' },
    ]);
    expect(planFunction(newCode, remote('paused')).steps).toEqual([
      { op: 'update', via: 'appcode' },
      { op: 'resume' },
    ]);
  });

  it('changes only dynamic settings of a deployed function in place', () => {
    const louder = changed((d) => {
      d.settings.log_level = 'DEBUG';
      d.settings.description = 'now with logs';
    });
    expect(planFunction(louder, remote('deployed')).steps).toEqual([
      { op: 'update', via: 'settings' },
    ]);
  });

  it('pauses for bindings and other settings', () => {
    const more = changed((d) => {
      d.settings.worker_count = 4;
      d.depcfg.buckets.push({
        alias: 'audit',
        bucket_name: 'shop',
        scope_name: 'sales',
        collection_name: 'audit',
        access: 'rw',
      });
    });
    const plan = planFunction(more, remote('deployed'));
    expect(plan.changes.map((change) => `${change.part}:${change.key}`)).toEqual([
      'binding:buckets',
      'setting:worker_count',
    ]);
    expect(plan.steps).toEqual([
      { op: 'pause' },
      { op: 'update', via: 'definition' },
      { op: 'resume' },
    ]);
  });

  it('needs --allow-undeploy for a new source keyspace, and then restarts processing', () => {
    const moved = changed((d) => {
      d.depcfg.source_collection = 'orders2';
    });
    const blocked = planFunction(moved, remote('deployed'));
    expect(blocked).toMatchObject({ action: 'blocked', steps: [] });
    expect(blocked.reason).toBe(
      'changing source needs an undeploy, and processing then restarts from the everything boundary; pass --allow-undeploy to do that',
    );
    expect(planFunction(moved, remote('paused'), { allowUndeploy: true })).toMatchObject({
      action: 'update',
      restartsProcessing: true,
      steps: [
        { op: 'undeploy' },
        { op: 'update', via: 'definition' },
        { op: 'deploy', boundary: 'everything' },
      ],
    });
  });

  it('updates an undeployed function whatever changed, then deploys it', () => {
    const moved = changed((d) => {
      d.depcfg.source_collection = 'orders2';
    });
    expect(planFunction(moved, remote('undeployed')).steps).toEqual([
      { op: 'update', via: 'definition' },
      { op: 'deploy', boundary: 'everything' },
    ]);
  });

  it('waits for a function in transition', () => {
    expect(planFunction(newCode, remote('pausing'))).toMatchObject({
      action: 'blocked',
      reason: 'it is pausing on the cluster; promote again once that has finished',
    });
  });

  it('takes a new boundary as a change of an undeployed function only', () => {
    expect(planFunction(base, remote('undeployed'), { boundary: 'from_now' }).steps).toEqual([
      { op: 'update', via: 'definition' },
      { op: 'deploy', boundary: 'from_now' },
    ]);
    expect(planFunction(base, remote('deployed'), { boundary: 'from_now' }).action).toBe(
      'unchanged',
    );
  });
});

describe('diffDefinitions', () => {
  it('does not count secrets the cluster masks as changes, nor the status flags', () => {
    const masked = changed((d) => {
      (d.depcfg.curl[0] as { bearer_key: string }).bearer_key = '*****';
      d.settings.deployment_status = true;
      d.settings.processing_status = true;
    });
    expect(diffDefinitions(masked, base)).toEqual([]);
  });

  it('counts a changed URL binding', () => {
    const moved = changed((d) => {
      (d.depcfg.curl[0] as { hostname: string }).hostname = 'https://api.example.com';
    });
    expect(diffDefinitions(base, moved).map((change) => change.key)).toEqual(['curl']);
  });
});
