import { resolve } from 'node:path';
import type { EventingClient } from '../../client/eventing-client.ts';
import type { FunctionDefinitionJson } from '../../client/types.ts';
import type { WaitOptions } from '../../client/wait-for-status.ts';
import { indented } from '../../errors.ts';
import { type ChecksReport, checkFunctions } from '../check-functions.ts';
import type { FunctionFolder } from '../function-folders.ts';
import { definitionDrift } from './definition-drift.ts';
import { type FolderWatcher, watchFolders } from './folder-watcher.ts';
import { activityDelta, readActivity } from './push-activity.ts';
import { isConnectionProblem, pushAppcode } from './push-appcode.ts';
import { realTimers, SaveQueue, type Timers } from './save-queue.ts';
import {
  describe,
  type FunctionSurvey,
  type SaveReport,
  type WatchReport,
} from './watch-report.ts';
import {
  adopt,
  createFunction,
  driftFields,
  isNotFound,
  scopeOf,
  surveyFunction,
  type Watched,
  type WatchTarget,
} from './watched-function.ts';

// `eventing-dev watch`: file events → a quiet period per function → the local checks (and the
// function's tests) → the push → a report. Nothing here ends the session: a broken file, a
// failing test, a refusal or a cluster that is down is reported, and the next save tries again.

/** The result of a function's tests. */
export interface TestsOutcome {
  ok: boolean;
  /** One line, e.g. `exit code 1` or `2 failed`. */
  summary: string;
}

export interface WatchSessionOptions {
  client: EventingClient;
  folders: readonly FunctionFolder[];
  target: WatchTarget;
  onReport: (report: WatchReport) => void;
  /** Runs before each push (`--test`); a failure stops that push. */
  runTests?: (folder: FunctionFolder) => Promise<TestsOutcome>;
  /** How long a function's files must stay untouched before its save is handled (default 40 ms). */
  quietMs?: number;
  /**
   * How often running functions are asked for new handler failures, reported as they happen
   * rather than at the next save (default 2000 ms; 0 never asks).
   */
  activityMs?: number;
  /**
   * Every function folder of the project: each save is checked for recursion against all of
   * them, as promote does, not only against the functions watched.
   */
  projectFolders?: readonly string[];
  wait?: WaitOptions;
  now?: () => number;
  timers?: Timers;
}

export interface WatchSession {
  /** Stops watching; waits for the save being handled, if any. */
  close(): Promise<void>;
}

/**
 * Starts watching: resolves once the folders are watched and every function was looked up on
 * the cluster (the `start` report), so that no save made afterwards is missed.
 */
export async function startWatchSession(options: WatchSessionOptions): Promise<WatchSession> {
  const now = options.now ?? Date.now;
  const watched = new Map<string, Watched>();
  for (const folder of options.folders) {
    const dir = resolve(folder.dir);
    watched.set(dir, {
      folder: { ...folder, dir },
      name: folder.name,
      scope: undefined,
      leftPaused: false,
    });
  }
  const handler = createSaveHandler(options, now);
  let surveyed: () => void = () => undefined;
  const ready = new Promise<void>((done) => {
    surveyed = done;
  });
  const queue = new SaveQueue({
    quietMs: options.quietMs ?? 40,
    ...(options.timers ? { timers: options.timers } : {}),
    run: async (dir, files) => {
      await ready;
      const fn = watched.get(dir);
      if (fn) await handler.save(fn, files);
    },
    onError: (_dir, error) =>
      options.onReport({ type: 'watcher-error', at: new Date(), error: describe(error) }),
  });
  let watcher: FolderWatcher;
  try {
    watcher = await watchFolders({
      folders: [...watched.keys()],
      onSave: (dir, file) => queue.notify(dir, file),
      onError: (error) =>
        options.onReport({ type: 'watcher-error', at: new Date(), error: describe(error) }),
    });
  } catch (error) {
    await queue.close();
    throw error;
  }
  const functions: FunctionSurvey[] = [];
  try {
    for (const fn of watched.values()) functions.push(await handler.survey(fn));
  } finally {
    // Saves made meanwhile wait for this; they must not wait forever.
    surveyed();
  }
  options.onReport({ type: 'start', at: new Date(), target: options.target.label, functions });
  const stopPolling = pollFailures(options, [...watched.values()]);
  return {
    async close() {
      stopPolling();
      await watcher.close();
      await queue.close();
    },
  };
}

/**
 * Between saves, asks the running watched functions for new failures every `activityMs` and
 * reports them. A function being saved is skipped: its save reports its activity itself.
 */
function pollFailures(options: WatchSessionOptions, functions: Watched[]): () => void {
  const every = options.activityMs ?? 2000;
  const timers = options.timers ?? realTimers;
  if (every <= 0) return () => undefined;
  let stopped = false;
  let handle: unknown;
  const look = async () => {
    for (const fn of functions) {
      if (stopped || fn.saving || !fn.activity?.stats) continue;
      const next = await readActivity(options.client, fn.name, fn.scope);
      if (stopped || fn.saving) continue;
      const delta = activityDelta(fn.activity, next);
      fn.activity = next;
      if (delta.failed > 0 || delta.timeouts > 0) {
        options.onReport({ type: 'activity', at: new Date(), function: fn.name, activity: delta });
      }
    }
  };
  const schedule = () => {
    handle = timers.set(() => {
      look()
        .catch(() => undefined)
        .finally(() => {
          if (!stopped) schedule();
        });
    }, every);
  };
  schedule();
  return () => {
    stopped = true;
    timers.clear(handle);
  };
}

function createSaveHandler(options: WatchSessionOptions, now: () => number) {
  const { client, target } = options;
  const context = { client, target, ...(options.wait ? { wait: options.wait } : {}) };

  async function save(fn: Watched, files: string[]): Promise<void> {
    const started = now();
    const report = (outcome: SaveReport['outcome'], extra: Partial<SaveReport> = {}) =>
      options.onReport({
        type: 'save',
        at: new Date(),
        function: fn.name,
        folder: fn.folder.dir,
        files,
        outcome,
        durationMs: now() - started,
        problems: [],
        ...extra,
      });
    fn.saving = true;
    try {
      const checks = await checkFunctions([fn.folder.dir], {
        alongside: (options.projectFolders ?? []).filter((dir) => resolve(dir) !== fn.folder.dir),
      });
      const definition = checks.functions[0]?.definition;
      if (!checks.ok || !definition) {
        return report('checks-failed', { problems: problemsOf(checks) });
      }
      adopt(fn, definition);
      if (options.runTests) {
        const tests = await options.runTests(fn.folder);
        if (!tests.ok) return report('tests-failed', { error: { message: tests.summary } });
      }
      let remote: FunctionDefinitionJson;
      try {
        remote = await client.getFunction(fn.name, scopeOf(fn));
      } catch (error) {
        if (!isNotFound(error)) throw error;
        if (!target.createMissing) {
          return report('missing', { promote: target.promoteCommand(fn.name) });
        }
        const after = await createFunction(context, fn, definition);
        return report('created', {
          push: { before: 'undeployed', after, steps: [], warnings: [] },
        });
      }
      const push = await pushAppcode({
        client,
        name: fn.name,
        ...scopeOf(fn),
        appcode: definition.appcode,
        current: remote.appcode,
        resume: fn.leftPaused,
        ...(fn.leftPaused && fn.lastGood !== undefined ? { fallback: fn.lastGood } : {}),
        ...(options.wait ? { wait: options.wait } : {}),
        now,
      });
      // How long it took is the push's; reading the statistics afterwards is not.
      const durationMs = now() - started;
      fn.leftPaused = push.leftPaused;
      if (push.after === 'deployed' && ['pushed', 'unchanged'].includes(push.outcome)) {
        fn.lastGood = definition.appcode;
      }
      let activity: SaveReport['activity'];
      if (push.after === 'deployed' || push.after === 'paused') {
        const next = await readActivity(client, fn.name, fn.scope);
        activity = activityDelta(fn.activity, next);
        fn.activity = next;
      }
      const { before, after, steps, warnings } = push;
      report(push.outcome, {
        durationMs,
        push: { before, after, steps, warnings },
        ...(push.error === undefined ? {} : { error: describe(push.error) }),
        ...(push.rollbackError === undefined
          ? {}
          : { rollbackError: describe(push.rollbackError) }),
        ...driftFields(target, fn, definitionDrift(definition, remote, target.environment)),
        ...(activity ? { activity } : {}),
      });
    } catch (error) {
      report(isConnectionProblem(error) ? 'unreachable' : 'failed', { error: describe(error) });
    } finally {
      fn.saving = false;
    }
  }

  return { survey: (fn: Watched) => surveyFunction(context, fn), save };
}

function problemsOf(checks: ChecksReport): string[] {
  return [
    ...checks.functions.flatMap((check) =>
      check.problems.map(
        (problem) => `${problem.path}: ${problem.message}${indented(problem.excerpt, 4)}`,
      ),
    ),
    ...checks.recursion.map((finding) => finding.message),
  ];
}
