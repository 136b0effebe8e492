import { randomBytes } from 'node:crypto';
import type { Keyspace } from '../definition/keyspace.ts';
import type { FunctionDefinition } from '../definition/types.ts';
import { EventingDevError } from '../errors.ts';
import { type AppLogEntry, parseAppLogLine } from '../runtime/bindings/log/app-log-entry.ts';
import type { DocumentChange } from '../runtime/document-change.ts';
import type { FunctionEvent } from '../runtime/function-event.ts';
import { createFunctionRuntime, type FunctionRuntime } from '../runtime/function-runtime.ts';
import type { HandlerFailure } from '../runtime/handler-failure.ts';
import type { HttpPort, KeyspacePort, QueryPort } from '../runtime/ports.ts';
import { createFunctionStats, type FunctionStats, resetStats } from '../runtime/stats.ts';
import { AppLog } from './app-log.ts';
import type { CompositeStatus, EventingFunction } from './eventing-function.ts';

export type { CompositeStatus, EventingFunction } from './eventing-function.ts';

import { ChangeQueue } from './change-queue.ts';
import type { EmulatorClock } from './clock.ts';
import type { FunctionState } from './emulator-state.ts';
import { filterChange } from './event-filter.ts';
import type { EmulatorStorage } from './storage/emulator-storage.ts';
import type { Store } from './store.ts';
import { type PendingTimer, TimerStore } from './timer-store.ts';

/** What a function needs from the emulator it lives in. */
export interface ServiceContext {
  store: Store;
  /** Where documents, timers and app logs are kept (memory, or serve's data directory). */
  storage: EmulatorStorage;
  /** The Data service as handlers reach it (the store, its KV operations and fault rules). */
  keyspaces: KeyspacePort;
  clock: EmulatorClock;
  /** Answers queries (test answers, then the SQL++ evaluator). */
  queries: QueryPort;
  /** Where curl() requests go. */
  http: HttpPort;
  /** When true, inline SQL++ DML into a function's own source keyspace is allowed (§1.7). */
  allowInterbucketRecursion: boolean;
  memoryLimitMb: number | undefined;
  entryMode: 'sync' | 'async' | undefined;
  /** The node's time zone for handlers and the app log; undefined for the process's. */
  timeZone: string | undefined;
  /** Queues the source keyspace's documents for a fresh deployment (boundary `everything`). */
  backfill(function_: ManagedFunction): void;
  /** Throws when deploying the function would break the server's recursion rules. */
  refuseRecursion(function_: ManagedFunction): void;
  /** Resolves once nothing is left to process anywhere. */
  settle(): Promise<void>;
}

/** A function's definition, lifecycle, queue, timers and records. */
export class ManagedFunction implements EventingFunction {
  definition: FunctionDefinition;
  status: CompositeStatus = 'undeployed';
  stats: FunctionStats = createFunctionStats();
  readonly failures: HandlerFailure[] = [];
  readonly queue = new ChangeQueue();
  readonly timerStore: TimerStore;
  instanceId = '';
  runtime: FunctionRuntime | undefined;
  readonly #log: AppLog;
  readonly #context: ServiceContext;
  readonly #filename: string;
  #pausedAt = 0;

  constructor(definition: FunctionDefinition, filename: string, context: ServiceContext) {
    this.definition = definition;
    this.#filename = filename;
    this.#context = context;
    this.timerStore = new TimerStore(context.storage.timers(definition.appname));
    const { settings } = definition;
    this.#log = new AppLog(
      settings.app_log_max_size * settings.app_log_max_files,
      context.storage.appLogFile?.(definition.appname, {
        maxSize: settings.app_log_max_size,
        maxFiles: settings.app_log_max_files,
      }),
    );
  }

  get name(): string {
    return this.definition.appname;
  }

  get logs(): readonly string[] {
    return this.#log.lines;
  }

  /** The newest app log lines within about `bytes` bytes, newest first (GET /getAppLog). */
  appLogTail(bytes: number): string[] {
    return this.#log.tail(bytes);
  }

  // Parsed when asked, from the lines the log keeps: no second store to bound.
  get logEntries(): readonly AppLogEntry[] {
    return this.#log.lines.map(parseAppLogLine);
  }

  get timers(): readonly PendingTimer[] {
    return this.timerStore.list();
  }

  get sourceKeyspace(): Keyspace {
    const { depcfg } = this.definition;
    return {
      bucket: depcfg.source_bucket,
      scope: depcfg.source_scope,
      collection: depcfg.source_collection,
    };
  }

  /** Deployed or paused: the function follows its source keyspace. */
  get listening(): boolean {
    return this.status === 'deployed' || this.status === 'paused';
  }

  /** Replaces the definition of an undeployed or paused function (a paused one uses it on resume). */
  update(definition: FunctionDefinition): void {
    if (this.status !== 'undeployed' && this.status !== 'paused') {
      throw stateError(
        this.name,
        `cannot be changed while ${this.status}`,
        'Pause or undeploy it first.',
      );
    }
    this.definition = definition;
  }

  /**
   * Compiles a definition's handler and runs its global code in a throwaway isolate, as the
   * server does when a function is saved.
   * @throws EventingDevError `HANDLER_INVALID`
   */
  checkHandler(definition: FunctionDefinition): void {
    this.#createRuntime(definition, createFunctionStats(), false).dispose();
  }

  async deploy(): Promise<void> {
    if (this.status === 'paused') return this.resume();
    if (this.status !== 'undeployed') throw alreadyIn(this.name, this.status);
    this.#context.refuseRecursion(this);
    await this.#context.settle();
    this.instanceId = randomBytes(8).toString('hex');
    this.stats = createFunctionStats();
    await this.#start({ reason: 'Deploy', delay: 0 }, 'undeployed');
    if (this.definition.settings.dcp_stream_boundary === 'everything') this.#context.backfill(this);
    await this.#context.settle();
  }

  async resume(): Promise<void> {
    if (this.status === 'undeployed') return this.deploy();
    if (this.status !== 'paused') throw alreadyIn(this.name, this.status);
    await this.#start(
      { reason: 'Resume', delay: this.#context.clock.now() - this.#pausedAt },
      'paused',
    );
    // DCP sends each key's latest state once, however often it changed while paused.
    this.queue.keepLatestPerKey();
    await this.#context.settle();
  }

  async pause(): Promise<void> {
    if (this.status !== 'deployed') {
      throw this.status === 'paused'
        ? alreadyIn(this.name, 'paused')
        : stateError(
            this.name,
            `cannot be paused while ${this.status}`,
            'Only a deployed function can be paused.',
          );
    }
    await this.#context.settle();
    this.#stop('paused');
    this.#pausedAt = this.#context.clock.now();
  }

  async undeploy(): Promise<void> {
    if (!this.listening) throw alreadyIn(this.name, 'undeployed');
    await this.#context.settle();
    this.#stop('undeployed');
    this.queue.clear();
    this.timerStore.clear();
  }

  /** The state that outlives a process of the local service. */
  exportState(timers = true): FunctionState {
    const status =
      this.status === 'paused' || this.status === 'deployed' ? this.status : 'undeployed';
    return {
      definition: this.definition,
      filename: this.#filename,
      status,
      instanceId: this.instanceId,
      pausedAt: this.#pausedAt,
      timers: timers ? this.timerStore.list() : [],
    };
  }

  /**
   * Picks up where a previous process left off: a deployed function carries on from its
   * checkpoint, without OnDeploy and without replaying its source keyspace.
   */
  importState(state: FunctionState): void {
    this.instanceId = state.instanceId;
    this.#pausedAt = state.pausedAt;
    for (const timer of state.timers) {
      this.timerStore.create(timer.callback, timer.due / 1000, timer.reference, timer.context);
    }
    if (state.status === 'deployed')
      this.runtime = this.#createRuntime(this.definition, this.stats);
    this.status = state.status;
  }

  /**
   * Back to a fresh start in the same lifecycle state: a new isolate (no global state, no
   * cache), nothing queued, no timers, statistics, log lines or failures.
   */
  reset(): void {
    this.queue.clear();
    this.timerStore.clear();
    resetStats(this.stats);
    this.#log.clear();
    this.failures.length = 0;
    if (this.runtime) {
      this.runtime.dispose();
      this.runtime = this.#createRuntime(this.definition, this.stats);
    }
  }

  /** Starts every counter again at zero (the REST API's resetStatsCounters). */
  resetStats(): void {
    // In place: the runtime keeps updating the object it was given.
    resetStats(this.stats);
  }

  /** Queues a change of the source keyspace unless the filtering rules drop it. */
  offer(change: DocumentChange, suppressFor: string | undefined): void {
    const verdict = filterChange(change, suppressFor, {
      instanceId: this.instanceId,
      settings: this.definition.settings,
    });
    if (verdict === 'deliver') {
      this.queue.push(change);
      return;
    }
    const counters = this.stats.execution_stats;
    if (change.kind === 'mutation') counters.filtered_dcp_mutation_counter++;
    else counters.filtered_dcp_delete_counter++;
  }

  /** Queues the timers due at `now`; only a deployed function fires timers. */
  releaseDueTimers(now: number): void {
    if (this.status !== 'deployed') return;
    for (const timer of this.timerStore.takeDue(now)) this.queue.push(timer);
  }

  /** The next batch to dispatch, empty unless deployed. */
  takeBatch(max: number): FunctionEvent[] {
    return this.status === 'deployed' ? this.queue.take(max) : [];
  }

  dispose(): void {
    this.runtime?.dispose();
    this.runtime = undefined;
    this.queue.clear();
    this.timerStore.release();
    this.#log.close();
  }

  /** Builds the runtime and runs OnDeploy; on failure returns to `previous` and rejects. */
  async #start(
    action: { reason: 'Deploy' | 'Resume'; delay: number },
    previous: CompositeStatus,
  ): Promise<void> {
    this.status = action.reason === 'Deploy' ? 'deploying' : 'resuming';
    try {
      this.runtime = this.#createRuntime(this.definition, this.stats);
    } catch (error) {
      this.status = previous;
      throw error;
    }
    const failure = this.runtime.handlers.OnDeploy
      ? await this.runtime.runOnDeploy(action)
      : undefined;
    if (failure) {
      this.#stop(previous);
      if (previous === 'undeployed') this.timerStore.clear();
      throw new EventingDevError(
        'ONDEPLOY_FAILED',
        `OnDeploy of function "${this.name}" failed: ${failure.message}`,
        {
          hint: `The function stays ${previous}. Its app log and failures (fn.failures) show where OnDeploy failed.`,
        },
      );
    }
    this.status = 'deployed';
  }

  #stop(status: CompositeStatus): void {
    this.runtime?.dispose();
    this.runtime = undefined;
    this.status = status;
  }

  /** A runtime for running (`deploy`) or only for checking the handler compiles. */
  #createRuntime(
    definition: FunctionDefinition,
    stats: FunctionStats,
    deploy = true,
  ): FunctionRuntime {
    const context = this.#context;
    return createFunctionRuntime({
      definition,
      functionInstanceId: this.instanceId,
      filename: this.#filename,
      keyspaces: context.keyspaces,
      timers: this.timerStore,
      queries: context.queries,
      http: context.http,
      refuseSourceDml: deploy && !context.allowInterbucketRecursion,
      clock: context.clock,
      handlersSeeClock: context.clock.kind === 'manual',
      stats,
      onAppLog: (line) => this.#log.append(line),
      onFailure: (failure) => this.failures.push(failure),
      ...(context.memoryLimitMb === undefined ? {} : { memoryLimitMb: context.memoryLimitMb }),
      ...(context.entryMode === undefined ? {} : { entryMode: context.entryMode }),
      ...(context.timeZone === undefined ? {} : { timeZone: context.timeZone }),
    });
  }
}

function stateError(name: string, what: string, hint: string): EventingDevError {
  return new EventingDevError('FUNCTION_STATE', `Function "${name}" ${what}`, { hint });
}

function alreadyIn(name: string, state: CompositeStatus): EventingDevError {
  return stateError(name, `is already ${state}`, 'Check fn.status before changing the lifecycle.');
}
