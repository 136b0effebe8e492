import { EventingApiError } from '../../client/eventing-api-error.ts';
import type { CompositeStatus } from '../../client/types.ts';
import { EventingDevError } from '../../errors.ts';
import type { DefinitionChange } from './definition-drift.ts';
import type { ActivityDelta } from './push-activity.ts';
import type { PushResult } from './push-appcode.ts';

// What the watcher tells its user, as data: the CLI prints it (format-report.ts), tests wait for
// it and read it. One report when watching starts, one per save, and one per watcher failure.

/** An error as people read it: the message and what to do next. */
export interface Described {
  message: string;
  hint?: string;
}

/** What became of one save. */
export type SaveOutcome =
  | PushResult['outcome']
  /** `eventing-dev check` found problems: nothing was sent. */
  | 'checks-failed'
  /** The function's tests failed (with --test): nothing was sent. */
  | 'tests-failed'
  /** The cluster did not answer before anything was changed. */
  | 'unreachable'
  /** The cluster has no such function (watch does not create functions on a cluster). */
  | 'missing'
  /** The local service lacked it: created from the folder and deployed. */
  | 'created'
  /** Anything else the cluster refused or that went wrong. */
  | 'failed';

export interface SaveReport {
  type: 'save';
  at: Date;
  /** The function's name on the cluster (the folder's name until function.json was read). */
  function: string;
  folder: string;
  /** The files saved: `handler.js`, `function.json`. */
  files: string[];
  outcome: SaveOutcome;
  /** From the job's start (after the quiet period) to the end of the push. */
  durationMs: number;
  push?: Pick<PushResult, 'before' | 'after' | 'steps' | 'warnings'>;
  /** Problems of the local checks, `path: message`. */
  problems: string[];
  error?: Described;
  rollbackError?: Described;
  /** Parts of function.json the cluster does not have (appcode cannot carry them). */
  drift?: DefinitionChange[];
  /** The command that applies `drift`, or creates a missing function. */
  promote?: string;
  /** What the function did since the previous push, when it is running. */
  activity?: ActivityDelta;
}

/** One function as watching starts. */
export interface FunctionSurvey {
  function: string;
  folder: string;
  status?: CompositeStatus;
  note?: 'missing' | 'unreachable' | 'invalid' | 'created' | 'create-failed';
  error?: Described;
  /** handler.js is not what the cluster runs: the next save pushes it. */
  appcodeDiffers?: boolean;
  drift?: DefinitionChange[];
  promote?: string;
}

export interface StartReport {
  type: 'start';
  at: Date;
  /** Where pushes go, e.g. `http://127.0.0.1:8096 (environment staging)`. */
  target: string;
  functions: FunctionSurvey[];
}

export interface WatcherErrorReport {
  type: 'watcher-error';
  at: Date;
  error: Described;
}

/** Handlers of a running function failed since it was last looked at, between saves. */
export interface ActivityReport {
  type: 'activity';
  at: Date;
  function: string;
  activity: ActivityDelta;
}

export type WatchReport = StartReport | SaveReport | ActivityReport | WatcherErrorReport;

/** Any error as a message and a hint; the server's refusals with their error name and status. */
export function describe(error: unknown): Described {
  if (error instanceof EventingApiError) {
    return { message: `${error.message} (${error.name}, HTTP ${error.status})` };
  }
  if (error instanceof EventingDevError) {
    return error.hint ? { message: error.message, hint: error.hint } : { message: error.message };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}
