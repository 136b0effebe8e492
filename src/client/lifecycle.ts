import { EventingApiError } from './eventing-api-error.ts';
import type { AppStatus, CompositeStatus, RestingStatus } from './types.ts';

// The lifecycle operations and what they lead to. Most server versions refuse an operation
// whose target state the function is already in (8.0.0 alone answers 200); like couchbase-cli,
// a client can count that refusal as success (spec rest-api.md §3.2, §3.3, §9.1).

/** deploy, undeploy, pause, resume: the four lifecycle routes. */
export type LifecycleOperation = 'deploy' | 'undeploy' | 'pause' | 'resume';

/** The state each operation ends in. */
export const TARGET_STATUS: Readonly<Record<LifecycleOperation, RestingStatus>> = {
  deploy: 'deployed',
  resume: 'deployed',
  pause: 'paused',
  undeploy: 'undeployed',
};

/** States a function passes through on its way to each resting state; 7.x shows a resume as `deploying`. */
export const ON_THE_WAY: Readonly<Record<RestingStatus, readonly CompositeStatus[]>> = {
  deployed: ['deploying', 'resuming'],
  paused: ['pausing'],
  undeployed: ['undeploying'],
};

/**
 * The state `error` says the function is already in, when `operation` was refused for that
 * reason; undefined for any other refusal. Decided on the error name; the 7.0 answer to a pause
 * of a paused function reuses ERR_APP_NOT_DEPLOYED and only its message tells them apart.
 *
 * @example
 * try { await client.undeploy('fn1'); } catch (e) {
 *   if (alreadyInState(e, 'undeploy') !== 'undeployed') throw e;
 * }
 */
export function alreadyInState(
  error: unknown,
  operation: LifecycleOperation,
): RestingStatus | undefined {
  if (!(error instanceof EventingApiError)) return undefined;
  switch (operation) {
    case 'deploy':
    case 'resume':
      // 7.x also answers this while the function is deploying; it gets there all the same.
      return error.name === 'ERR_APP_ALREADY_DEPLOYED' ? 'deployed' : undefined;
    case 'undeploy':
      return error.name === 'ERR_APP_NOT_DEPLOYED' ? 'undeployed' : undefined;
    case 'pause':
      if (error.name === 'ERR_APP_PAUSED') return 'paused';
      return error.name === 'ERR_APP_NOT_DEPLOYED' && /already in paused state/i.test(error.message)
        ? 'paused'
        : undefined;
  }
}

/** The resting state the two intent flags of a status entry ask for. */
export function intendedStatus(
  app: Pick<AppStatus, 'deployment_status' | 'processing_status'>,
): RestingStatus {
  if (!app.deployment_status) return 'undeployed';
  return app.processing_status ? 'deployed' : 'paused';
}

/** The two settings flags that ask for a resting state (7.x needs both in every settings POST). */
export function intentFlags(status: RestingStatus): {
  deployment_status: boolean;
  processing_status: boolean;
} {
  return {
    deployment_status: status !== 'undeployed',
    processing_status: status === 'deployed',
  };
}
