import type { EventingClient } from '../../client/eventing-client.ts';
import { alreadyInState, intendedStatus } from '../../client/lifecycle.ts';
import type { ApiMessage, CompositeStatus } from '../../client/types.ts';
import type { WaitOptions } from '../../client/wait-for-status.ts';
import type { FunctionScope } from '../../definition/types.ts';
import { EventingDevError } from '../../errors.ts';

// Pushing a function's code through POST …/appcode, which the server only takes while the
// function is undeployed or paused (spec rest-api.md §2.11, §3.2). A deployed function is paused
// (it stops at a checkpoint and later carries on from it), given the code and resumed. If the
// new code does not come up (its OnDeploy throws, the server refuses the resume), the previous
// code goes back and is resumed: the cluster is never left without the last good code running.

/** What a push did. */
export type PushOutcome =
  /** The new appcode is stored, and running again if the function was running. */
  | 'pushed'
  /** The cluster already had this appcode; nothing was sent. */
  | 'unchanged'
  /** The server refused the appcode (or the pause); the previous code is in place. */
  | 'refused'
  /** The new code did not resume; the previous code is back and running. */
  | 'rolled-back'
  /** The new code did not resume and neither did the previous one: the function is paused. */
  | 'rollback-failed'
  /** The cluster stopped answering midway; see `leftPaused`. */
  | 'interrupted';

/** One step of the push and how long it took. */
export interface PushStep {
  step: 'wait' | 'pause' | 'store' | 'resume' | 'restore';
  ms: number;
  /** The step failed (a refused store, a resume that did not come up). */
  failed?: boolean;
}

export interface PushResult {
  outcome: PushOutcome;
  /** The function's state when the push began (once a transition in flight had ended). */
  before: CompositeStatus;
  /** Its state when the push ended, as far as known. */
  after: CompositeStatus | 'unknown';
  steps: PushStep[];
  /** Why the new code is not running: the refusal, the failed resume, the lost connection. */
  error?: unknown;
  /** Why putting the previous code back failed too. */
  rollbackError?: unknown;
  /** The server's `warning_info` (deprecated or overloaded APIs the code uses). */
  warnings: string[];
  /** This push (or one before it) paused the function and it is not running again yet. */
  leftPaused: boolean;
}

export interface PushRequest {
  client: EventingClient;
  name: string;
  scope?: FunctionScope;
  appcode: string;
  /** The appcode the cluster has, when the caller has just read it (saves a request). */
  current?: string;
  /** An earlier push paused the function and could not resume it: resume it this time. */
  resume?: boolean;
  /** What to put back if the new code does not resume (default: what the cluster had). */
  fallback?: string;
  /** Patience of the status waits. */
  wait?: WaitOptions;
  now?: () => number;
}

const RESTING: ReadonlySet<CompositeStatus> = new Set(['undeployed', 'deployed', 'paused']);

/**
 * Pushes `appcode` to the function: stored as is when undeployed or paused, with a pause, the
 * store and a resume when deployed, and the previous code restored when the new one fails to
 * resume. A refusal, a failed resume or a lost connection is an outcome, not an exception;
 * what the server answers before anything changes (an unknown function, a refused status
 * read, an unreachable cluster) is thrown.
 *
 * @example
 * const result = await pushAppcode({ client, name: 'enrich', appcode });
 * if (result.outcome === 'rolled-back') console.log('kept the previous code:', result.error);
 */
export async function pushAppcode(request: PushRequest): Promise<PushResult> {
  const { client, name, appcode } = request;
  const scope = request.scope ? { scope: request.scope } : {};
  const now = request.now ?? Date.now;
  const steps: PushStep[] = [];
  const warnings: string[] = [];
  const timed = async <T>(step: PushStep['step'], work: () => Promise<T>): Promise<T> => {
    const started = now();
    try {
      const value = await work();
      steps.push({ step, ms: now() - started });
      return value;
    } catch (error) {
      steps.push({ step, ms: now() - started, failed: true });
      throw error;
    }
  };
  const waitFor = (target: 'deployed' | 'paused') =>
    client.waitForStatus(name, target, { ...request.wait, ...scope });
  const store = (code: string) =>
    timed(code === appcode ? 'store' : 'restore', async () => {
      warnings.push(...warningsOf(await client.setAppcode(name, code, scope)));
    });
  /** Resumes and waits until deployed; resolves to what went wrong, if anything. */
  const resume = async (): Promise<unknown> => {
    try {
      await timed('resume', async () => {
        try {
          await client.resume(name, scope);
        } catch (error) {
          if (alreadyInState(error, 'resume') !== 'deployed') throw error;
        }
        await waitFor('deployed');
      });
      return undefined;
    } catch (error) {
      return error ?? new Error('resume failed');
    }
  };

  let app = await client.getStatus(name, scope);
  if (!RESTING.has(app.composite_status)) {
    // Someone else's deploy, pause or undeploy is under way: push where it ends.
    const target = intendedStatus(app);
    app = await timed('wait', () =>
      client.waitForStatus(name, target, { ...request.wait, ...scope }),
    );
  }
  const before = app.composite_status;
  const current = request.current ?? (await client.getAppcode(name, scope));
  const result = (
    outcome: PushOutcome,
    after: PushResult['after'],
    extra: Partial<PushResult> = {},
  ): PushResult => ({ outcome, before, after, steps, warnings, leftPaused: false, ...extra });

  const resumeAfter = before === 'deployed' || (before === 'paused' && request.resume === true);
  if (!resumeAfter) {
    if (before !== 'undeployed' && before !== 'paused') {
      const error = new EventingDevError('FUNCTION_STATE', `${name} is ${before}`, {
        hint: `Its state must be undeployed, paused or deployed; see eventing-dev functions status ${name}.`,
      });
      return result('refused', before, { error });
    }
    if (current === appcode) return result('unchanged', before);
    try {
      await store(appcode);
    } catch (error) {
      if (isConnectionProblem(error)) return result('interrupted', 'unknown', { error });
      return result('refused', before, { error });
    }
    return result('pushed', before);
  }

  if (before === 'deployed') {
    if (current === appcode) return result('unchanged', before);
    try {
      await timed('pause', async () => {
        await client.pause(name, scope).catch((error: unknown) => {
          if (alreadyInState(error, 'pause') !== 'paused') throw error;
        });
        await waitFor('paused');
      });
    } catch (error) {
      // A refused pause changed nothing; a lost answer may have left it pausing.
      if (isConnectionProblem(error)) {
        return result('interrupted', 'unknown', { error, leftPaused: true });
      }
      return result('refused', before, { error });
    }
  }

  // Paused now, and ours to resume.
  const fallback = request.fallback ?? current;
  if (current !== appcode) {
    try {
      await store(appcode);
    } catch (error) {
      if (isConnectionProblem(error)) {
        return result('interrupted', 'paused', { error, leftPaused: true });
      }
      // Refused: the previous code is still there, so it simply carries on.
      const failed = await resume();
      return failed === undefined
        ? result('refused', 'deployed', { error })
        : result('rollback-failed', 'paused', { error, rollbackError: failed, leftPaused: true });
    }
  }
  const failed = await resume();
  if (failed === undefined) return result('pushed', 'deployed');
  if (isConnectionProblem(failed)) {
    return result('interrupted', 'unknown', { error: failed, leftPaused: true });
  }
  if (fallback === appcode) {
    return result('rollback-failed', 'paused', { error: failed, leftPaused: true });
  }
  try {
    await store(fallback);
  } catch (rollbackError) {
    return result('rollback-failed', 'paused', { error: failed, rollbackError, leftPaused: true });
  }
  const again = await resume();
  return again === undefined
    ? result('rolled-back', 'deployed', { error: failed })
    : result('rollback-failed', 'paused', {
        error: failed,
        rollbackError: again,
        leftPaused: true,
      });
}

/** The cluster did not answer (down, unreachable, too slow), as opposed to answering no. */
export function isConnectionProblem(error: unknown): boolean {
  return (
    error instanceof EventingDevError &&
    (error.code === 'CLUSTER_UNREACHABLE' || error.code === 'API_TIMEOUT')
  );
}

function warningsOf(answer: ApiMessage): string[] {
  const warning = answer.warning_info;
  if (Array.isArray(warning)) return warning.map(String);
  return typeof warning === 'string' && warning !== '' ? [warning] : [];
}
