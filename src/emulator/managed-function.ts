import { sourceKeyspace } from '../definition/function-keyspaces.ts';
import type { Keyspace } from '../definition/keyspace.ts';
import type { FunctionDefinition } from '../definition/types.ts';
import type { DocumentChange, FunctionEvent, HandlerFailure } from '../runtime/index.ts';
import {
  type AppLogEntry,
  createFunctionStats,
  type FunctionStats,
  parseAppLogLine,
  resetStats,
} from '../runtime/index.ts';
import { AppLog } from './app-log.ts';
import { ChangeQueue } from './change-queue.ts';
import { type RestingStatus, type TransitionState, withIntent } from './change-rules.ts';
import { Checkpoints } from './checkpoints.ts';
import type { FunctionState } from './emulator-state.ts';
import { filterChange } from './event-filter.ts';
import type { CompositeStatus, EventingFunction } from './eventing-function.ts';
import { newHandlerUuid, newInstanceId } from './function-ids.ts';
import { FunctionWorker, type WorkerOwner } from './function-worker.ts';
import type { ServiceContext } from './service-context.ts';
import { type PendingTimer, TimerStore } from './timer-store.ts';

export type { CompositeStatus, EventingFunction } from './eventing-function.ts';
export type { ServiceContext } from './service-context.ts';

/**
 * A function's definition, lifecycle, queue, timers and records. Its status changes only here,
 * through {@link begin}; whether a change is allowed is decided before (change-rules.ts).
 */
export class ManagedFunction implements EventingFunction, WorkerOwner {
  definition: FunctionDefinition;
  status: CompositeStatus = 'undeployed';
  stats: FunctionStats = createFunctionStats();
  readonly failures: HandlerFailure[] = [];
  readonly queue = new ChangeQueue();
  readonly timerStore: TimerStore;
  /** How the server names it in messages: `name` or `bucket/scope/name`. */
  readonly location: string;
  /** The server's id of this deployment, new on every fresh deploy (an unsigned 32-bit number). */
  handleruuid: number;
  /** `function_instance_id` in 8.x's form `<handleruuid>-<random>`, new on every fresh deploy. */
  instanceId: string;
  readonly #worker: FunctionWorker;
  readonly #log: AppLog;
  /** Kept only where the function can start again from them (serve's data directory). */
  readonly #checkpoints: Checkpoints | undefined;
  readonly #context: ServiceContext;
  readonly #filename: string;
  #pausedAt = 0;
  /** Where it rested last: where a transition started from, where a failed one returns. */
  #restedIn: RestingStatus = 'undeployed';

  constructor(
    definition: FunctionDefinition,
    names: { filename: string; location?: string | undefined },
    context: ServiceContext,
  ) {
    this.definition = withIntent(definition, 'undeployed');
    this.#filename = names.filename;
    this.location = names.location ?? definition.appname;
    this.#context = context;
    this.timerStore = new TimerStore(context.storage.timers(definition.appname));
    const checkpoints = context.storage.checkpoints?.(definition.appname);
    this.#checkpoints = checkpoints && new Checkpoints(checkpoints);
    this.#worker = new FunctionWorker(this, context, this.#checkpoints);
    this.handleruuid = newHandlerUuid();
    this.instanceId = newInstanceId(this.handleruuid);
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

  get filename(): string {
    return this.#filename;
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

  get backlog(): number {
    return this.queue.size;
  }

  get sourceKeyspace(): Keyspace {
    return sourceKeyspace(this.definition);
  }

  /** The function follows its source keyspace (changes are queued, if not yet handled). */
  get listening(): boolean {
    return this.status !== 'undeployed' && this.status !== 'deploying';
  }

  /**
   * How many of the events ever queued for it are done with: handled, or dropped from the
   * queue. An event queued at position `n` is done with once this passes `n`.
   */
  get finished(): number {
    return this.#worker.handled + this.queue.dropped;
  }

  /** Nothing queued and no batch running. */
  get idle(): boolean {
    return this.queue.size === 0 && !this.#worker.busy;
  }

  /** The function handles what is queued and fires its timers. */
  get processing(): boolean {
    return (
      this.#worker.running &&
      (this.status === 'deployed' || this.status === 'pausing' || this.status === 'undeploying')
    );
  }

  async deploy(): Promise<void> {
    await this.#context.lifecycle(this, 'deploy');
  }

  async resume(): Promise<void> {
    await this.#context.lifecycle(this, 'resume');
  }

  async pause(): Promise<void> {
    await this.#context.lifecycle(this, 'pause');
  }

  async undeploy(): Promise<void> {
    await this.#context.lifecycle(this, 'undeploy');
  }

  /** Replaces the definition; its status flags follow the function's status. */
  replaceDefinition(definition: FunctionDefinition): void {
    this.definition = withIntent(definition, this.status);
  }

  /**
   * Compiles a definition's handler and runs its global code in a throwaway isolate, as the
   * server does when a function is saved.
   * @throws EventingDevError `HANDLER_INVALID`
   */
  checkHandler(definition: FunctionDefinition): Promise<void> {
    return this.#worker.checkHandler(definition);
  }

  appendLog(line: string): void {
    this.#log.append(line);
  }

  recordFailure(failure: HandlerFailure): void {
    this.failures.push(failure);
  }

  /**
   * Enters a transition and hands the work that ends it to the scheduler. The promise settles
   * when the function rests again; a failure (a failed OnDeploy) leaves it where it was.
   */
  begin(state: TransitionState): Promise<void> {
    const from = this.#restedIn;
    this.status = state;
    this.definition = withIntent(this.definition, state);
    if (state === 'deploying') {
      // 8.x gives a function new ids on every fresh deploy.
      this.handleruuid = newHandlerUuid();
      this.instanceId = newInstanceId(this.handleruuid);
    }
    this.#context.onStatus(this, undefined);
    const done = new Promise<void>((resolve, reject) => {
      this.#context.transitions.schedule(() =>
        this.#complete(state).then(resolve, (error: Error) => {
          this.#rest(from);
          this.#context.onStatus(this, error);
          reject(error);
        }),
      );
    });
    // Whoever began it may not wait (the REST API does not): the failure is reported anyway.
    done.catch(() => undefined);
    return done;
  }

  async #complete(state: TransitionState): Promise<void> {
    await this.#context.settle();
    if (state === 'deploying') await this.#deploy();
    else if (state === 'resuming') await this.#resume();
    else if (state === 'pausing') {
      this.#worker.stop();
      this.#pausedAt = this.#context.clock.now();
    } else {
      this.#worker.stop();
      this.queue.clear();
      this.timerStore.clear();
      this.#checkpoints?.clear();
    }
    this.#rest(
      state === 'pausing' ? 'paused' : state === 'undeploying' ? 'undeployed' : 'deployed',
    );
    this.#context.onStatus(this, undefined);
    await this.#context.settle();
  }

  async #deploy(): Promise<void> {
    this.stats = createFunctionStats();
    try {
      await this.#worker.start({ reason: 'Deploy', delay: 0 });
    } catch (error) {
      this.timerStore.clear();
      throw error;
    }
    const everything = this.definition.settings.dcp_stream_boundary === 'everything';
    const bucket = this.sourceKeyspace.bucket;
    this.#checkpoints?.start(everything ? [] : this.#context.store.highSeqnos(bucket));
    if (everything) this.#context.backfill(this);
  }

  async #resume(): Promise<void> {
    const delay = this.#context.clock.now() - this.#pausedAt;
    await this.#worker.start({ reason: 'Resume', delay });
    // DCP sends each key's latest state once, however often it changed while paused.
    this.queue.keepLatestPerKey();
    this.#checkpoints?.recount(this.queue.pending());
  }

  /** The state that outlives a process of the local service. */
  exportState(timers = true): FunctionState {
    const transition =
      this.status === 'undeployed' || this.status === 'deployed' || this.status === 'paused'
        ? undefined
        : this.status;
    return {
      definition: this.definition,
      filename: this.#filename,
      location: this.location,
      status: this.#restedIn,
      ...(transition ? { transition } : {}),
      handleruuid: this.handleruuid,
      instanceId: this.instanceId,
      pausedAt: this.#pausedAt,
      timers: timers ? this.timerStore.list() : [],
    };
  }

  /**
   * Picks up where a previous process left off: a deployed or paused function carries on from
   * its checkpoints, without OnDeploy; the documents changed after them are queued again (each
   * in its latest state, as a DCP stream resumed from a checkpoint sends them).
   */
  async importState(state: FunctionState): Promise<void> {
    this.instanceId = state.instanceId;
    if (state.handleruuid !== undefined) this.handleruuid = state.handleruuid;
    this.#pausedAt = state.pausedAt;
    for (const timer of state.timers) {
      this.timerStore.create(timer.callback, timer.due / 1000, timer.reference, timer.context);
    }
    if (state.status === 'deployed') await this.#worker.resume();
    this.#rest(state.status);
    const resumeAfter =
      state.status === 'undeployed' ? undefined : this.#checkpoints?.resumePoint();
    if (resumeAfter) this.#context.backfill(this, resumeAfter);
  }

  /**
   * Back to a fresh start in the same lifecycle state: a new isolate (no global state, no
   * cache), nothing queued, no timers, statistics, log lines or failures.
   */
  async reset(): Promise<void> {
    this.queue.clear();
    this.#checkpoints?.recount([]);
    this.timerStore.clear();
    resetStats(this.stats);
    this.#log.clear();
    this.failures.length = 0;
    if (this.#worker.running) {
      this.#worker.stop();
      await this.#worker.resume();
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
      this.#checkpoints?.queued(change);
      return;
    }
    this.#checkpoints?.skipped(change);
    const counters = this.stats.execution_stats;
    if (change.kind === 'mutation') counters.filtered_dcp_mutation_counter++;
    else counters.filtered_dcp_delete_counter++;
  }

  /** Queues the timers due at `now`; only a processing function fires timers. */
  releaseDueTimers(now: number): void {
    if (!this.processing) return;
    for (const timer of this.timerStore.takeDue(now)) this.queue.push(timer);
  }

  /** The next batch to dispatch, empty unless processing. */
  takeBatch(max: number): FunctionEvent[] {
    return this.processing ? this.queue.take(max) : [];
  }

  /** Runs the handlers for a batch taken from the queue (see FunctionWorker.handle). */
  handle(batch: FunctionEvent[]): void | Promise<void> {
    return this.#worker.handle(batch);
  }

  dispose(): void {
    this.#worker.dispose();
    this.queue.clear();
    this.timerStore.release();
    this.#log.close();
  }

  /** Rests in `status`: a function that is not deployed has no isolate. */
  #rest(status: RestingStatus): void {
    if (status !== 'deployed') this.#worker.stop();
    this.status = status;
    this.#restedIn = status;
    this.definition = withIntent(this.definition, status);
  }
}
