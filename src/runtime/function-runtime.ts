import type { FunctionDefinition } from '../definition/types.ts';
import { appLogLine } from './bindings/log/app-log.ts';
import type { DocumentChange } from './document-change.ts';
import type { EntryPoint, ThrownReport } from './door-protocol.ts';
import { createDoorRouter } from './door-router.ts';
import type { EntryMode, EntryPlan } from './entry-plan.ts';
import { encodeEvents } from './event-payload.ts';
import { invalidHandler, keyspaceContext, prepareIsolate } from './function-setup.ts';
import {
  exceptionFailure,
  exceptionLogRecord,
  type HandlerFailure,
  terminationFailure,
} from './handler-failure.ts';
import {
  type BatchOutcome,
  FunctionIsolate,
  type HandlerPresence,
  type IsolateSpec,
} from './isolate/function-isolate.ts';
import { describeLoadFailure } from './load-failure.ts';
import type { Clock, KeyspacePort } from './ports.ts';
import type { FunctionStats } from './stats.ts';

export interface FunctionRuntimeOptions {
  definition: FunctionDefinition;
  /** Changes on every deploy; marks this deployment's writes for recursion suppression. */
  functionInstanceId: string;
  /** The handler's file name as stacks, failures and log records show it. */
  filename: string;
  keyspaces: KeyspacePort;
  clock: Clock;
  stats: FunctionStats;
  onAppLog: (line: string) => void;
  onFailure: (failure: HandlerFailure) => void;
  /** Isolate heap limit in MiB (default 128). */
  memoryLimitMb?: number;
  /** Overrides the entry mode {@link planEntry} would choose (for tests and benchmarks). */
  entryMode?: EntryMode;
}

/** One deployed function's V8 world and the host side of its built-ins. */
export interface FunctionRuntime {
  readonly plan: EntryPlan;
  readonly handlers: HandlerPresence;
  /**
   * Runs the handler for each change, in order. Returns synchronously in `sync` entry mode and a
   * promise in `async` mode; never rejects because of handler code (failures are reported).
   */
  dispatch(changes: readonly DocumentChange[]): void | Promise<void>;
  dispose(): void;
}

/** Slice of real time after which a batch stops taking further events. */
const BATCH_MS = 20;

/**
 * Validates, compiles and loads a function's handler into a fresh isolate.
 * @throws EventingDevError `HANDLER_INVALID` listing the problem at file:line:column.
 */
export function createFunctionRuntime(options: FunctionRuntimeOptions): FunctionRuntime {
  return new Runtime(options);
}

class Runtime implements FunctionRuntime {
  readonly plan: EntryPlan;
  readonly handlers: HandlerPresence;
  readonly #options: FunctionRuntimeOptions;
  readonly #spec: IsolateSpec;
  readonly #seenStacks = new Set<string>();
  #isolate: FunctionIsolate;
  /** The batch being dispatched and the positions in it whose handler threw. */
  #batch: readonly DocumentChange[] = [];
  #thrown = new Set<number>();

  constructor(options: FunctionRuntimeOptions) {
    this.#options = options;
    const { definition, filename } = options;
    const door = createDoorRouter({
      keyspaces: keyspaceContext(definition, options),
      stats: options.stats,
      log: (text) => options.onAppLog(appLogLine(options.clock.now(), text)),
      thrown: (report) => this.#thrownByHandler(report),
    });
    const setup = {
      definition,
      filename,
      memoryLimitMb: options.memoryLimitMb ?? 128,
      entryMode: options.entryMode,
    };
    ({ spec: this.#spec, plan: this.plan } = prepareIsolate(setup, door));
    this.#isolate = this.#load();
    this.handlers = this.#isolate.handlers;
    // The server refuses to start a worker whose script defines none of the entry points.
    if (!this.handlers.OnUpdate && !this.handlers.OnDelete && !this.handlers.OnDeploy) {
      this.#isolate.dispose();
      throw invalidHandler(
        definition.appname,
        `${filename}:1:1`,
        'no OnUpdate, OnDelete or OnDeploy function is defined',
      );
    }
  }

  dispatch(changes: readonly DocumentChange[]): void | Promise<void> {
    const events = this.#receive(changes);
    if (events.length === 0) return undefined;
    return this.plan.mode === 'sync' ? this.#dispatchSync(events) : this.#dispatchAsync(events);
  }

  dispose(): void {
    this.#isolate.dispose();
  }

  #load(): FunctionIsolate {
    const loaded = FunctionIsolate.create(this.#spec);
    if ('isolate' in loaded) return loaded.isolate;
    const { definition, filename } = this.#options;
    const located = describeLoadFailure(loaded.failure, filename);
    throw invalidHandler(
      definition.appname,
      `${filename}:${located.line}:${located.column}`,
      located.message,
    );
  }

  /** Counts what arrives and keeps the changes this function has a handler for. */
  #receive(changes: readonly DocumentChange[]): DocumentChange[] {
    const counters = this.#options.stats.execution_stats;
    const events: DocumentChange[] = [];
    for (const change of changes) {
      const mutation = change.kind === 'mutation';
      if (mutation) counters.dcp_mutation_msg_counter++;
      else counters.dcp_delete_msg_counter++;
      if (mutation ? this.handlers.OnUpdate : this.handlers.OnDelete) events.push(change);
    }
    return events;
  }

  #dispatchSync(events: DocumentChange[]): void {
    for (let start = 0; start < events.length; ) {
      const batch = this.#startBatch(events, start);
      const payload = encodeEvents(batch);
      start += this.#finishBatch(
        this.#isolate.runBatch(payload.json, payload.binaries, this.#budget()),
      );
    }
  }

  async #dispatchAsync(events: DocumentChange[]): Promise<void> {
    for (let start = 0; start < events.length; ) {
      const batch = this.#startBatch(events, start);
      const payload = encodeEvents(batch);
      const outcome = await this.#isolate.runBatchAsync(
        payload.json,
        payload.binaries,
        this.#budget(),
      );
      start += this.#finishBatch(outcome);
    }
  }

  #budget() {
    return {
      timeoutMs: this.#options.definition.settings.execution_timeout * 1000 + BATCH_MS,
      batchMs: BATCH_MS,
    };
  }

  #startBatch(events: DocumentChange[], start: number): DocumentChange[] {
    const batch = events.slice(start, start + this.plan.maxBatch);
    this.#batch = batch;
    this.#thrown.clear();
    return batch;
  }

  /** Counts the outcome of a batch and returns how many of its events are done with. */
  #finishBatch(outcome: BatchOutcome): number {
    const counters = this.#options.stats.execution_stats;
    for (let i = 0; i < outcome.completed; i++) {
      counters.num_processed_events++;
      if (this.#thrown.has(i)) continue;
      if ((this.#batch[i] as DocumentChange).kind === 'mutation') counters.on_update_success++;
      else counters.on_delete_success++;
    }
    if (!outcome.interrupted) return outcome.completed;
    const change = this.#batch[outcome.completed] as DocumentChange;
    const entry: EntryPoint = change.kind === 'mutation' ? 'OnUpdate' : 'OnDelete';
    this.#countFailure(entry);
    if (outcome.interrupted === 'timeout') this.#options.stats.failure_stats.timeout_count++;
    const { execution_timeout } = this.#options.definition.settings;
    this.#options.onFailure(
      terminationFailure(
        outcome.interrupted,
        entry,
        this.#failureContext(change.key),
        execution_timeout,
      ),
    );
    // A terminated isolate may hold half-updated state: start the next event in a fresh one.
    this.#isolate.dispose();
    this.#isolate = this.#load();
    return outcome.completed + 1;
  }

  #countFailure(entry: EntryPoint): void {
    const counters = this.#options.stats.execution_stats;
    if (entry === 'OnUpdate') counters.on_update_failure++;
    else if (entry === 'OnDelete') counters.on_delete_failure++;
  }

  #failureContext(key: string | undefined) {
    const { definition, filename } = this.#options;
    return { functionName: definition.appname, file: filename, source: definition.appcode, key };
  }

  #thrownByHandler(report: ThrownReport): void {
    this.#thrown.add(report.index);
    this.#countFailure(report.entry);
    const failure = exceptionFailure(report, this.#failureContext(this.#batch[report.index]?.key));
    // The server logs the first occurrence of each distinct exception (spec §8.1).
    const identity = failure.stack ?? failure.exception ?? failure.message;
    if (!this.#seenStacks.has(identity)) {
      this.#seenStacks.add(identity);
      this.#options.onAppLog(appLogLine(this.#options.clock.now(), exceptionLogRecord(failure)));
    }
    this.#options.onFailure(failure);
  }
}
