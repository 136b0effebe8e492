import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventingClient } from '../client/eventing-client.ts';
import type { FunctionDefinitionJson, RestingStatus } from '../client/types.ts';
import type { WaitProgress } from '../client/wait-for-status.ts';
import type { FunctionDefinition } from '../definition/types.ts';
import type { FunctionPlan, Step } from './promote-plan.ts';

// Carries out a promote plan for one function through the REST API, step by step, waiting for
// each transition the next step depends on. The caller backs up the cluster's definition first.

export interface ApplyOptions {
  /** Wait for the last deploy or resume to finish (intermediate waits always happen). */
  wait: boolean;
  timeoutMs?: number;
  onStep?: (step: Step) => void;
  onProgress?: (progress: WaitProgress) => void;
}

/**
 * Runs `plan.steps`, sending `plan.definition`. Rejects with the client's error at the step
 * that failed; what ran before it stays done.
 */
export async function applyPlan(
  client: EventingClient,
  plan: FunctionPlan,
  options: ApplyOptions,
): Promise<void> {
  const { name, definition: local } = plan;
  // The state the function rests in after the steps so far: it decides the status flags sent.
  let state = (plan.from === 'absent' ? 'undeployed' : plan.from) as RestingStatus;
  const wait = async (target: RestingStatus, last: boolean) => {
    if (last && !options.wait) return;
    await client.waitForStatus(name, target, {
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  };
  for (const [index, step] of plan.steps.entries()) {
    options.onStep?.(step);
    const last = index === plan.steps.length - 1;
    switch (step.op) {
      case 'create':
        await client.saveFunction(asJson(local, 'undeployed'));
        state = 'undeployed';
        break;
      case 'update':
        if (step.via === 'appcode') await client.setAppcode(name, local.appcode);
        else if (step.via === 'settings')
          await client.setSettings(name, dynamicSettings(plan, local));
        else await client.saveFunction(asJson(local, state));
        break;
      case 'pause':
        await client.pause(name);
        await wait('paused', false);
        state = 'paused';
        break;
      case 'undeploy':
        await client.undeploy(name);
        await wait('undeployed', false);
        state = 'undeployed';
        break;
      case 'resume':
        await client.resume(name);
        await wait('deployed', last);
        state = 'deployed';
        break;
      case 'deploy':
        await client.deploy(name);
        await wait('deployed', last);
        state = 'deployed';
        break;
    }
  }
}

/** The definition with the status flags of `state`, so that saving it starts no transition. */
function asJson(definition: FunctionDefinition, state: RestingStatus): FunctionDefinitionJson {
  const flags = {
    undeployed: { deployment_status: false, processing_status: false },
    paused: { deployment_status: true, processing_status: false },
    deployed: { deployment_status: true, processing_status: true },
  }[state];
  return {
    ...definition,
    settings: { ...definition.settings, ...flags },
  } as unknown as FunctionDefinitionJson;
}

/** The changed dynamic settings, with both status flags as 7.x requires (deployed). */
function dynamicSettings(plan: FunctionPlan, local: FunctionDefinition): Record<string, unknown> {
  const settings: Record<string, unknown> = { deployment_status: true, processing_status: true };
  for (const change of plan.changes)
    settings[change.key] = (local.settings as unknown as Record<string, unknown>)[change.key];
  return settings;
}

/**
 * Writes the cluster's definition of a function to
 * `<root>/.eventing-dev/backups/<env>/<name>-<timestamp>.json`, curl secrets masked; returns the
 * path. A promote that goes wrong can be undone with `eventing-dev functions import` of it.
 */
export function writeBackup(
  root: string,
  environment: string,
  definition: FunctionDefinitionJson,
  now = new Date(),
): string {
  const dir = join(root, '.eventing-dev', 'backups', environment);
  // Backups hold the definitions (URL-binding secrets masked): for the user alone.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const path = join(dir, `${definition.appname}-${stamp}.json`);
  const depcfg = (definition.depcfg ?? {}) as { curl?: Record<string, unknown>[] };
  const masked = {
    ...definition,
    depcfg: {
      ...depcfg,
      ...(depcfg.curl
        ? {
            curl: depcfg.curl.map((binding) => ({
              ...binding,
              ...(binding.password ? { password: '*****' } : {}),
              ...(binding.bearer_key ? { bearer_key: '*****' } : {}),
            })),
          }
        : {}),
    },
  };
  writeFileSync(path, `${JSON.stringify([masked], null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  return path;
}
