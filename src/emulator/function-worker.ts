import type { FunctionDefinition } from '../definition/types.ts';
import { EventingDevError } from '../errors.ts';
import type { FunctionEvent, HandlerFailure, OnDeployAction } from '../runtime/index.ts';
import {
  createFunctionRuntime,
  createFunctionStats,
  type FunctionRuntime,
  type FunctionStats,
  readyRuntime,
} from '../runtime/index.ts';
import type { Checkpoints } from './checkpoints.ts';
import type { ServiceContext } from './service-context.ts';
import type { TimerStore } from './timer-store.ts';

/** What a worker reads from the function it runs, at the moment it builds a runtime. */
export interface WorkerOwner {
  readonly name: string;
  readonly definition: FunctionDefinition;
  readonly instanceId: string;
  readonly filename: string;
  readonly stats: FunctionStats;
  readonly timerStore: TimerStore;
  appendLog(line: string): void;
  recordFailure(failure: HandlerFailure): void;
}

/**
 * A function's worker, as the server runs one per deployed function: the runtime (its isolate
 * and the host side of its built-ins) while the function is deployed, the handlers it runs on
 * the batches it is given, and the checkpoints those batches move.
 */
export class FunctionWorker {
  readonly #owner: WorkerOwner;
  readonly #context: ServiceContext;
  readonly #checkpoints: Checkpoints | undefined;
  #runtime: FunctionRuntime | undefined;
  #disposed = false;
  #busy = false;
  /** How many events of the batches it was given have been through their handlers. */
  handled = 0;

  constructor(owner: WorkerOwner, context: ServiceContext, checkpoints: Checkpoints | undefined) {
    this.#owner = owner;
    this.#context = context;
    this.#checkpoints = checkpoints;
  }

  /** True while a batch it was given has not finished. */
  get busy(): boolean {
    return this.#busy;
  }

  /** True while a runtime is up to run handlers. */
  get running(): boolean {
    return this.#runtime !== undefined;
  }

  /**
   * Compiles a definition's handler and runs its global code in a throwaway isolate, as the
   * server does when a function is saved.
   * @throws EventingDevError `HANDLER_INVALID`
   */
  async checkHandler(definition: FunctionDefinition): Promise<void> {
    (await this.#createRuntime(definition, createFunctionStats())).dispose();
  }

  /**
   * Builds the runtime of the current definition and runs OnDeploy, if defined.
   * @throws EventingDevError `HANDLER_INVALID`, or `ONDEPLOY_FAILED` when OnDeploy failed.
   */
  async start(action: OnDeployAction): Promise<void> {
    await readyRuntime(this.#context.memoryLimitMb);
    const runtime = await this.#startRuntime();
    const failure = runtime?.handlers.OnDeploy ? await runtime.runOnDeploy(action) : undefined;
    if (!failure) return;
    const stays = action.reason === 'Deploy' ? 'undeployed' : 'paused';
    throw new EventingDevError(
      'ONDEPLOY_FAILED',
      `OnDeploy of function "${this.#owner.name}" failed: ${failure.message}`,
      {
        hint: `The function stays ${stays}. Its app log and failures (fn.failures) show where OnDeploy failed.`,
      },
    );
  }

  /** Builds the runtime without OnDeploy: a function taken up where it was, or reset. */
  async resume(): Promise<void> {
    await this.#startRuntime();
  }

  /** Stops the runtime, ending a handler still running. */
  stop(): void {
    this.#runtime?.dispose();
    this.#runtime = undefined;
  }

  /**
   * Runs the handlers for a batch taken from the queue, synchronously or not as the runtime
   * enters the isolate; the checkpoints move past the batch once it has run.
   */
  handle(batch: FunctionEvent[]): void | Promise<void> {
    const runtime = this.#runtime;
    const ran = () => {
      this.#busy = false;
      this.handled += batch.length;
      // A runtime stopped meanwhile (pause, undeploy) did not run the whole batch.
      if (runtime && this.#runtime === runtime) this.#checkpoints?.handled(batch);
    };
    const pending = runtime?.dispatch(batch);
    if (!pending) return ran();
    this.#busy = true;
    return pending.finally(ran);
  }

  dispose(): void {
    this.#disposed = true;
    this.stop();
  }

  /** Builds the runtime of the current definition, unless the worker is disposed meanwhile. */
  async #startRuntime(): Promise<FunctionRuntime | undefined> {
    const runtime = await this.#createRuntime(this.#owner.definition, this.#owner.stats);
    if (this.#disposed) {
      runtime.dispose();
      return undefined;
    }
    this.#runtime = runtime;
    return runtime;
  }

  #createRuntime(definition: FunctionDefinition, stats: FunctionStats): Promise<FunctionRuntime> {
    const context = this.#context;
    const owner = this.#owner;
    return createFunctionRuntime({
      definition,
      functionInstanceId: owner.instanceId,
      filename: owner.filename,
      keyspaces: context.keyspaces,
      timers: owner.timerStore,
      queries: context.queries,
      http: context.http,
      clock: context.clock,
      handlersSeeClock: context.clock.kind === 'manual',
      stats,
      signal: context.signal,
      onAppLog: (line) => owner.appendLog(line),
      onFailure: (failure) => owner.recordFailure(failure),
      ...(context.memoryLimitMb === undefined ? {} : { memoryLimitMb: context.memoryLimitMb }),
      ...(context.entryMode === undefined ? {} : { entryMode: context.entryMode }),
      ...(context.timeZone === undefined ? {} : { timeZone: context.timeZone }),
    });
  }
}
