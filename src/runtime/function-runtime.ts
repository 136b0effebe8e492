import type { FunctionDefinition } from '../definition/types.ts';
import { EventingDevError } from '../errors.ts';
import type { KeyspaceContext } from './bindings/keyspace/basic-accessors.ts';
import { appLogLine } from './bindings/log/app-log.ts';
import type { EntryPoint, ThrownReport } from './door-protocol.ts';
import { createDoorRouter, synchronousDoor } from './door-router.ts';
import type { EntryMode, EntryPlan } from './entry-plan.ts';
import { type EventPayload, encodeEvents, encodeOnDeploy } from './event-payload.ts';
import type { FunctionEvent, OnDeployAction } from './function-event.ts';
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
  type LoadResult,
} from './isolate/function-isolate.ts';
import { readyIsolate } from './isolate/isolate-pool.ts';
import { describeLoadFailure } from './load-failure.ts';
import type { Clock, HttpPort, KeyspacePort, QueryPort, TimerPort } from './ports.ts';
import { settingTimeoutMs } from './setting-timeout.ts';
import type { FunctionStats } from './stats.ts';

/**
 * The heap a function's isolate may use by default, in MiB. The server creates its worker
 * isolates without resource constraints (v8_consumer/src/v8worker2.cc), so V8's default old
 * generation limit applies: 700 MiB per 4 bytes of pointer, 1400 MiB on 64-bit builds.
 */
const WORKER_HEAP_LIMIT_MB = 1400;

/**
 * Resolves once a new runtime's isolate is ready to count coverage (at once unless handler
 * coverage is on). Call before {@link createFunctionRuntime} where waiting is possible.
 */
export function readyRuntime(memoryLimitMb = WORKER_HEAP_LIMIT_MB): Promise<void> {
  return readyIsolate(memoryLimitMb);
}

export interface FunctionRuntimeOptions {
  definition: FunctionDefinition;
  /** Changes on every deploy; marks this deployment's writes for recursion suppression. */
  functionInstanceId: string;
  /** The handler's file name as stacks, failures and log records show it. */
  filename: string;
  keyspaces: KeyspacePort;
  timers: TimerPort;
  queries: QueryPort;
  http: HttpPort;
  clock: Clock;
  /** When true, `Date` in handler code reads `clock` (a manual clock); otherwise real time. */
  handlersSeeClock: boolean;
  stats: FunctionStats;
  onAppLog: (line: string) => void;
  onFailure: (failure: HandlerFailure) => void;
  /** Isolate heap limit in MiB (default 128). */
  memoryLimitMb?: number;
  /** Overrides the entry mode {@link planEntry} would choose (for tests and benchmarks). */
  entryMode?: EntryMode;
  /** An IANA zone for handlers' local times and the app log's, instead of the process's. */
  timeZone?: string;
  /** Aborted when the service shuts down: global code still running off the thread stops. */
  signal?: AbortSignal;
}

/** One deployed function's V8 world and the host side of its built-ins. */
export interface FunctionRuntime {
  readonly plan: EntryPlan;
  readonly handlers: HandlerPresence;
  /**
   * Runs the handler for each event, in order. Returns synchronously in `sync` entry mode and a
   * promise in `async` mode; never rejects because of handler code (failures are reported).
   */
  dispatch(events: readonly FunctionEvent[]): void | Promise<void>;
  /** Runs OnDeploy once; resolves to its failure, or undefined when it finished. */
  runOnDeploy(action: OnDeployAction): Promise<HandlerFailure | undefined>;
  dispose(): void;
}

/** Slice of real time after which a batch stops taking further events. */
const BATCH_MS = 20;

const ENTRY_OF = {
  mutation: 'OnUpdate',
  deletion: 'OnDelete',
  expiration: 'OnDelete',
  timer: 'Timer',
} as const;

/**
 * Validates, compiles and loads a function's handler into a fresh isolate. When the function
 * is entered off the Node thread, its global code runs off it too.
 * @throws EventingDevError `HANDLER_INVALID` listing the problem at file:line:column.
 */
export async function createFunctionRuntime(
  options: FunctionRuntimeOptions,
): Promise<FunctionRuntime> {
  const runtime = new Runtime(options);
  await runtime.load();
  return runtime;
}

class Runtime implements FunctionRuntime {
  readonly plan: EntryPlan;
  handlers: HandlerPresence = { OnUpdate: false, OnDelete: false, OnDeploy: false };
  readonly #options: FunctionRuntimeOptions;
  readonly #spec: IsolateSpec;
  readonly #keyspaces: KeyspaceContext;
  readonly #seenStacks = new Set<string>();
  /** Absent until loaded, and after a termination until the next entry builds a fresh one. */
  #isolate: FunctionIsolate | undefined;
  /** The batch being dispatched, and the positions in it whose invocation did not succeed. */
  #batch: readonly FunctionEvent[] = [];
  #unsuccessful = new Set<number>();
  /** The failure of the OnDeploy invocation running now. */
  #onDeployFailure: HandlerFailure | undefined;
  /** Set by dispose(); an entry still running then ends without any outcome recorded. */
  #disposed = false;

  constructor(options: FunctionRuntimeOptions) {
    this.#options = options;
    const { definition, filename, stats } = options;
    this.#keyspaces = keyspaceContext(definition, options);
    const route = createDoorRouter({
      keyspaces: this.#keyspaces,
      timers: { port: options.timers, stats },
      queries: { port: options.queries, cursors: new Map(), nextHandle: { value: 0 } },
      curl: {
        http: options.http,
        bindings: definition.depcfg.curl,
        languageCompatibility: definition.settings.language_compatibility,
        maxResponseMiB: definition.settings.curl_max_allowed_resp_size,
        stats,
        clock: options.clock,
        jars: new Map(),
      },
      stats,
      log: (text) => options.onAppLog(appLogLine(options.clock.now(), text, options.timeZone)),
      thrown: (report) => this.#thrownByHandler(report),
      timerMissing: (index) => this.#timerMissing(index),
    });
    const setup = {
      definition,
      filename,
      memoryLimitMb: options.memoryLimitMb ?? WORKER_HEAP_LIMIT_MB,
      entryMode: options.entryMode,

      timeZone: options.timeZone,
    };
    // Entered asynchronously, the isolate's thread waits for an answer that is a promise.
    const doors = { door: synchronousDoor(route), asyncDoor: route };
    ({ spec: this.#spec, plan: this.plan } = prepareIsolate(setup, doors));
  }

  /** Builds the first isolate. */
  async load(): Promise<void> {
    const isolate = await this.#isolateReady();
    this.handlers = isolate.handlers;
    // The server refuses to start a worker whose script defines none of the entry points.
    if (!this.handlers.OnUpdate && !this.handlers.OnDelete && !this.handlers.OnDeploy) {
      this.dispose();
      const { definition, filename } = this.#options;
      throw invalidHandler(
        definition.appname,
        `${filename}:1:1`,
        'no OnUpdate, OnDelete or OnDeploy function is defined',
      );
    }
  }

  dispatch(events: readonly FunctionEvent[]): void | Promise<void> {
    const deliverable = this.#receive(events);
    if (deliverable.length === 0) return undefined;
    return this.#entersOffThread()
      ? this.#dispatchAsync(deliverable)
      : this.#dispatchSync(deliverable);
  }

  async runOnDeploy(action: OnDeployAction): Promise<HandlerFailure | undefined> {
    this.#onDeployFailure = undefined;
    this.#batch = [];
    this.#unsuccessful.clear();
    const timeoutMs = settingTimeoutMs(this.#options.definition.settings.on_deploy_timeout);
    const isolate = await this.#isolateReady();
    const input = this.#input(encodeOnDeploy(action), timeoutMs);
    const outcome = this.#entersOffThread(isolate)
      ? await isolate.runBatchAsync(input)
      : isolate.runBatch(input);
    if (this.#disposed) return undefined;
    if (outcome.interrupted) {
      const context = this.#failureContext(undefined);
      this.#onDeployFailure = terminationFailure(
        outcome.interrupted,
        'OnDeploy',
        context,
        timeoutMs / 1000,
      );
      this.#options.onFailure(this.#onDeployFailure);
      this.#discardIsolate();
    }
    return this.#onDeployFailure;
  }

  dispose(): void {
    this.#disposed = true;
    this.#discardIsolate();
  }

  /** The isolate to enter on the Node thread, built there first when there is none. */
  #isolateHere(): FunctionIsolate {
    return this.#isolate ?? this.#loaded(FunctionIsolate.create(this.#spec));
  }

  /**
   * The isolate to enter, built first when there is none; a function entered off the Node
   * thread has its global code run off it too.
   */
  async #isolateReady(): Promise<FunctionIsolate> {
    if (this.#isolate || this.plan.mode === 'sync') return this.#isolateHere();
    return this.#loaded(await FunctionIsolate.load(this.#spec, this.#options.signal));
  }

  #loaded(loaded: LoadResult): FunctionIsolate {
    if ('isolate' in loaded) {
      // Disposed while its global code ran: the isolate is not wanted any more.
      if (this.#disposed) loaded.isolate.dispose();
      else this.#isolate = loaded.isolate;
      return loaded.isolate;
    }
    const { definition, filename } = this.#options;
    if (loaded.failure.kind === 'stopped') {
      throw new EventingDevError(
        'EMULATOR_DISPOSED',
        `Function "${definition.appname}" was stopped while its global code ran`,
        { hint: 'The service it belonged to was shut down; nothing was deployed.' },
      );
    }
    const located = describeLoadFailure(loaded.failure, filename);
    throw invalidHandler(
      definition.appname,
      `${filename}:${located.line}:${located.column}`,
      located.message,
      definition.appcode,
    );
  }

  /** A terminated isolate may hold half-updated state: the next event starts in a fresh one. */
  #discardIsolate(): void {
    this.#isolate?.dispose();
    this.#isolate = undefined;
  }

  /** Counts what arrives and keeps the events this function has a handler for. */
  #receive(events: readonly FunctionEvent[]): FunctionEvent[] {
    const counters = this.#options.stats.execution_stats;
    const deliverable: FunctionEvent[] = [];
    for (const event of events) {
      if (event.kind === 'timer') counters.timer_msg_counter++;
      else if (event.kind === 'mutation') counters.dcp_mutation_msg_counter++;
      else counters.dcp_delete_msg_counter++;
      const entry = ENTRY_OF[event.kind];
      if (entry === 'Timer' || this.handlers[entry]) deliverable.push(event);
    }
    return deliverable;
  }

  #dispatchSync(events: FunctionEvent[]): void {
    const timeoutMs = settingTimeoutMs(this.#options.definition.settings.execution_timeout);
    for (let start = 0; start < events.length; ) {
      const isolate = this.#isolateHere();
      const payload = encodeEvents(this.#startBatch(events, start));
      start += this.#finishBatch(isolate.runBatch(this.#input(payload, timeoutMs)));
    }
  }

  async #dispatchAsync(events: FunctionEvent[]): Promise<void> {
    const timeoutMs = settingTimeoutMs(this.#options.definition.settings.execution_timeout);
    for (let start = 0; start < events.length; ) {
      const isolate = await this.#isolateReady();
      if (this.#disposed) return;
      const payload = encodeEvents(this.#startBatch(events, start));
      const outcome = await isolate.runBatchAsync(this.#input(payload, timeoutMs));
      if (this.#disposed) return;
      start += this.#finishBatch(outcome);
    }
  }

  /**
   * Off the Node thread when the plan says so, and whenever a debugger is attached: a handler
   * paused at a breakpoint must leave the thread that carries the debugger's messages free.
   */
  #entersOffThread(isolate = this.#isolate): boolean {
    if (isolate?.debuggerAttached) return true;
    if (this.plan.mode === 'sync') return false;
    const { curl, queries } = this.plan.asyncFor;
    // Forced async: the plan gave no reason that could go away.
    if (!curl && !queries) return true;
    // curl() requests and queries the ports answer at once need no wait, so no thread to wait on.
    return (
      (curl && this.#options.http.answersAtOnce?.() !== true) ||
      (queries && this.#options.queries.answersAtOnce?.() !== true)
    );
  }

  #input(payload: EventPayload, timeoutMs: number) {
    const now = this.#options.handlersSeeClock ? this.#options.clock.now() : undefined;
    const writesLand = this.#writesLand();
    const optionsRead = this.#options.queries.readsOptions?.() !== false;
    return {
      ...payload,
      timeoutMs: timeoutMs + BATCH_MS,
      batchMs: BATCH_MS,
      now,
      writesLand,
      optionsRead,
    };
  }

  /** Every basic write of the next entry will land, in whichever binding. */
  #writesLand(): boolean {
    const { port, bindings } = this.#keyspaces;
    return bindings.every((binding) => port.acceptsEveryWrite?.(binding.keyspace) === true);
  }

  #startBatch(events: FunctionEvent[], start: number): FunctionEvent[] {
    const batch = events.slice(start, start + this.plan.maxBatch);
    this.#batch = batch;
    this.#unsuccessful.clear();
    return batch;
  }

  /** Counts the outcome of a batch and returns how many of its events are done with. */
  #finishBatch(outcome: BatchOutcome): number {
    const counters = this.#options.stats.execution_stats;
    for (let i = 0; i < outcome.completed; i++) {
      counters.num_processed_events++;
      if (this.#unsuccessful.has(i)) continue;
      const kind = (this.#batch[i] as FunctionEvent).kind;
      if (kind === 'mutation') counters.on_update_success++;
      else if (kind === 'timer') counters.timer_callback_success++;
      else counters.on_delete_success++;
    }
    if (!outcome.interrupted) return outcome.completed;
    const event = this.#batch[outcome.completed] as FunctionEvent;
    const entry = ENTRY_OF[event.kind];
    this.#countFailure(entry);
    if (outcome.interrupted === 'timeout') this.#options.stats.failure_stats.timeout_count++;
    const { execution_timeout } = this.#options.definition.settings;
    const key = event.kind === 'timer' ? undefined : event.key;
    this.#options.onFailure(
      terminationFailure(outcome.interrupted, entry, this.#failureContext(key), execution_timeout),
    );
    this.#discardIsolate();
    return outcome.completed + 1;
  }

  #countFailure(entry: EntryPoint): void {
    const counters = this.#options.stats.execution_stats;
    if (entry === 'OnUpdate') counters.on_update_failure++;
    else if (entry === 'OnDelete') counters.on_delete_failure++;
    else if (entry === 'Timer') counters.timer_callback_failure++;
  }

  #failureContext(key: string | undefined) {
    const { definition, filename } = this.#options;
    return { functionName: definition.appname, file: filename, source: definition.appcode, key };
  }

  #thrownByHandler(report: ThrownReport): void {
    this.#unsuccessful.add(report.index);
    this.#countFailure(report.entry);
    const event = this.#batch[report.index];
    const key = event && event.kind !== 'timer' ? event.key : undefined;
    const failure = exceptionFailure(report, this.#failureContext(key));
    if (report.entry === 'OnDeploy') this.#onDeployFailure = failure;
    // The server logs the first occurrence of each distinct exception (spec §8.1).
    const identity = failure.stack ?? failure.exception ?? failure.message;
    if (!this.#seenStacks.has(identity)) {
      this.#seenStacks.add(identity);
      this.#options.onAppLog(
        appLogLine(this.#options.clock.now(), exceptionLogRecord(failure), this.#options.timeZone),
      );
    }
    this.#options.onFailure(failure);
  }

  /** A timer fired after its callback's name stopped naming a global function (spec §1.5). */
  #timerMissing(index: number): void {
    this.#unsuccessful.add(index);
    this.#options.stats.failure_stats.timer_callback_missing_counter++;
  }
}
