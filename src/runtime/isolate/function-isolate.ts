import ivm from 'isolated-vm';
import { handlerCoverageEnabled, takeCoverage } from './handler-coverage.ts';
import { collectIfGrown, collectIfGrownSync, usedHeapBytes } from './heap-collector.ts';
import { HostDoors } from './host-doors.ts';
import { type InspectedIsolate, inspectorHub } from './inspector/inspector-hub.ts';
import { acquireIsolate, instrumented, noteZone, releaseIsolate } from './isolate-pool.ts';
import { loadShim } from './shim-modules.ts';

/** Everything needed to build one function's isolate. JSON-shaped apart from the door. */
export interface IsolateSpec {
  memoryLimitMb: number;
  /** The host side of the door: called synchronously from inside the isolate. */
  door: (op: string, ...args: unknown[]) => unknown;
  /**
   * The host side for operations that may wait on asynchronous work (HTTP, query handlers).
   * Only usable when the isolate is entered asynchronously: for an answer that is a promise, the
   * isolate's thread waits while Node's event loop runs; any other answer goes back at once.
   */
  asyncDoor?: (op: string, ...args: unknown[]) => unknown;
  /** Passed to the shim's setup as JSON. */
  shimConfig: unknown;
  /** `const <alias> = <literal>;` lines, run as their own non-strict script, or undefined. */
  constantsScript: string | undefined;
  /** The assembled handler script and how V8 should name and number it. */
  script: { code: string; filename: string; lineOffset: number };
  /** Time limit for running the script's global code, in milliseconds. */
  globalCodeTimeoutMs: number;
}

/** Why building an isolate failed, in the user's own coordinates. */
export interface LoadFailure {
  /** `stopped`: the load was aborted while the global code ran. */
  kind: 'syntax' | 'exception' | 'timeout' | 'out_of_memory' | 'stopped';
  message: string;
  /** The V8 stack, when the failure is an exception thrown by the script's global code. */
  stack?: string;
  file?: string;
  line?: number;
  column?: number;
}

/** A loaded isolate, or why the handler could not load. */
export type LoadResult = { isolate: FunctionIsolate } | { failure: LoadFailure };

export interface HandlerPresence {
  OnUpdate: boolean;
  OnDelete: boolean;
  OnDeploy: boolean;
}

/** How a batch ended: every event ran, or the isolate was stopped during event `completed`. */
export interface BatchOutcome {
  completed: number;
  interrupted?: 'timeout' | 'out_of_memory';
}

/**
 * One V8 isolate holding one function's globals and code. The only place that touches
 * isolated-vm; everything it exchanges with the rest of the tool is a string, a number, an
 * ArrayBuffer or a JSON-shaped value.
 */
export class FunctionIsolate {
  handlers: HandlerPresence = { OnUpdate: false, OnDelete: false, OnDeploy: false };
  readonly #isolate: ivm.Isolate;
  readonly #context: ivm.Context;
  readonly #memoryLimitMb: number;
  readonly #shim: ivm.Reference;
  #dispatch: ivm.Reference | undefined;
  /** Set once the isolate was terminated; it is then never reused. */
  #tainted = false;
  /** True while a batch runs on isolated-vm's thread pool. */
  #running = false;
  readonly #progress: Int32Array;
  readonly #doors: HostDoors;
  readonly #spec: IsolateSpec;
  /** Set when debuggers may attach to this isolate. */
  #inspected: InspectedIsolate | undefined;

  /** Sets up the built-ins and the constants; the handler script runs later. */
  private constructor(isolate: ivm.Isolate, spec: IsolateSpec) {
    this.#isolate = isolate;
    noteZone(isolate);
    this.#memoryLimitMb = spec.memoryLimitMb;
    this.#spec = spec;
    const context = isolate.createContextSync({ inspector: instrumented() });
    this.#context = context;
    this.#shim = loadShim(isolate, context);
    const progressBuffer = new SharedArrayBuffer(4);
    this.#progress = new Int32Array(progressBuffer);
    this.#doors = new HostDoors(spec, () => this.#running);
    const { door, sendingDoor, asyncDoor, writeLog } = this.#doors.forShim();
    const progress = new ivm.ExternalCopy(progressBuffer).copyInto();
    const config = JSON.stringify(spec.shimConfig);
    this.#callShim('setup', [door, config, progress, asyncDoor, sendingDoor, writeLog]);
    if (spec.constantsScript !== undefined) runConstants(isolate, context, spec.constantsScript);
    this.#callShim('installBuckets');
  }

  /**
   * Builds the isolate on the calling thread, or says why the handler cannot load. Never leaves
   * a partial isolate.
   */
  static create(spec: IsolateSpec): LoadResult {
    const isolate = acquireIsolate(spec.memoryLimitMb);
    try {
      const built = new FunctionIsolate(isolate, spec);
      built.#runHandlerScript();
      return built.#finish();
    } catch (error) {
      return notLoaded(error, isolate);
    }
  }

  /**
   * As {@link create}, with the handler's global code run on isolated-vm's thread pool: code
   * that runs long (or forever, until its timeout) leaves the Node thread free meanwhile.
   * Aborting `signal` stops the global code at once.
   */
  static async load(spec: IsolateSpec, signal?: AbortSignal): Promise<LoadResult> {
    const isolate = acquireIsolate(spec.memoryLimitMb);
    const stop = () => isolate.dispose();
    signal?.addEventListener('abort', stop);
    try {
      signal?.throwIfAborted();
      const built = new FunctionIsolate(isolate, spec);
      await built.#runHandlerScriptOffThread();
      signal?.throwIfAborted();
      return built.#finish();
    } catch (error) {
      if (signal?.aborted) {
        if (!isolate.isDisposed) isolate.dispose();
        return { failure: { kind: 'stopped', message: 'the isolate was stopped while loading' } };
      }
      return notLoaded(error, isolate);
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  #runHandlerScript(): void {
    const { code, filename, lineOffset } = this.#spec.script;
    const script = this.#isolate.compileScriptSync(code, { filename, lineOffset });
    try {
      script.runSync(this.#context, { timeout: this.#spec.globalCodeTimeoutMs });
    } finally {
      script.release();
    }
  }

  async #runHandlerScriptOffThread(): Promise<void> {
    const { code, filename, lineOffset } = this.#spec.script;
    const script = await this.#isolate.compileScript(code, { filename, lineOffset });
    this.#running = true;
    try {
      await script.run(this.#context, { timeout: this.#spec.globalCodeTimeoutMs });
    } finally {
      this.#running = false;
      script.release();
    }
  }

  #finish(): LoadResult {
    this.handlers = JSON.parse(this.#callShim('bindHandlers') as string) as HandlerPresence;
    this.#dispatch = this.#shim.getSync('dispatch', { reference: true });
    this.#shim.release();
    this.#inspected = inspectorHub()?.add(this.#isolate, this.#spec.script.filename);
    return { isolate: this };
  }

  // Every handle into the isolate is released as soon as it is done with: a pooled isolate
  // outlives this context, and an unreleased handle keeps the whole context alive in it.
  #callShim(name: string, args: unknown[] = []): unknown {
    const fn = this.#shim.getSync(name, { reference: true }) as ivm.Reference;
    try {
      return fn.applySync(undefined, args);
    } finally {
      fn.release();
    }
  }

  /** True while a debugger is attached to this isolate. */
  get debuggerAttached(): boolean {
    return this.#inspected !== undefined && inspectorHub()?.attached === true;
  }

  /** Runs a batch synchronously: host calls from the handler are plain function calls. */
  runBatch(batch: BatchInput): BatchOutcome {
    let completed: number;
    try {
      completed = this.#entry().applySync(undefined, this.#batchArguments(batch, false), {
        timeout: batch.timeoutMs,
      }) as number;
    } catch (error) {
      return this.#interrupted(error);
    } finally {
      this.#doors.applyLoggedWrites();
    }
    collectIfGrownSync(this.#isolate);
    return { completed };
  }

  /**
   * Runs a batch on isolated-vm's thread pool, so that host calls may wait on asynchronous
   * work (HTTP, query handlers) while the Node event loop keeps running.
   */
  async runBatchAsync(batch: BatchInput): Promise<BatchOutcome> {
    if (this.#inspected) await this.#inspected.ready;
    // A handler stopped at a breakpoint is waiting for the person debugging, not looping.
    const timeout = inspectorHub()?.attached ? undefined : batch.timeoutMs;
    this.#running = true;
    try {
      const completed = (await this.#entry().apply(undefined, this.#batchArguments(batch, true), {
        timeout,
      })) as number;
      // Still running: an isolate disposed meanwhile is not pooled. Its garbage goes with it.
      await collectIfGrown(this.#isolate).catch(() => undefined);
      return { completed };
    } catch (error) {
      return this.#interrupted(error);
    } finally {
      this.#running = false;
    }
  }

  /** The bytes of V8 heap in use in this isolate, garbage not yet collected included. */
  get usedHeapBytes(): number {
    return usedHeapBytes(this.#isolate);
  }

  /**
   * Frees the context; the isolate goes back to the pool unless it was terminated. A batch
   * running on the thread pool is stopped, and its isolate never reused.
   */
  dispose(): void {
    if (this.#isolate.isDisposed) return;
    const inspected = this.#inspected;
    this.#inspected = undefined;
    if (inspected) {
      // Debuggers' sessions end before the isolate does, and an isolate that debuggers have
      // been in is not reused.
      this.#tainted = true;
      // isolated-vm ends a session by a task on the isolate's thread: the isolate must run it
      // before it is disposed, and a task of our own queued behind it says when it has.
      void inspected
        .close()
        .then(() => this.#isolate.getHeapStatistics())
        .catch(() => undefined)
        .then(() => this.#release());
      return;
    }
    this.#release();
  }

  #release(): void {
    if (handlerCoverageEnabled() && !this.#running) {
      // The context must live until V8 has handed over its counts.
      const { code, filename, lineOffset } = this.#spec.script;
      const script = { filename, source: code, headerLineCount: -lineOffset };
      takeCoverage(this.#isolate, script, () => this.#free());
      return;
    }
    this.#free();
  }

  #free(): void {
    if (this.#isolate.isDisposed) return;
    if (this.#tainted || this.#running) {
      this.#isolate.dispose();
      return;
    }
    this.#dispatch?.release();
    this.#context.release();
    releaseIsolate(this.#isolate, this.#memoryLimitMb);
  }

  #entry(): ivm.Reference {
    if (!this.#dispatch) throw new Error('The handler script has not run in this isolate');
    return this.#dispatch;
  }

  #batchArguments(batch: BatchInput, offThread: boolean) {
    noteZone(this.#isolate);
    this.#progress[0] = 0;
    const copied = batch.binaries ? new ivm.ExternalCopy(batch.binaries).copyInto() : undefined;
    const deadline = Date.now() + batch.batchMs;
    const { json, now, writesLand, optionsRead } = batch;
    return [json, copied, deadline, now, offThread, writesLand, optionsRead];
  }

  #interrupted(error: unknown): BatchOutcome {
    const running = this.#progress[0] ?? 0;
    if (this.#isolate.isDisposed) return { completed: running, interrupted: 'out_of_memory' };
    if (error instanceof Error && /timed out/i.test(error.message)) {
      this.#tainted = true;
      return { completed: running, interrupted: 'timeout' };
    }
    // The shim catches every exception of handler code, so anything else is a promise the
    // handler rejected without handling it, which isolated-vm raises once the microtasks ran.
    // The server ignores those: the invocation has completed and counts as a success.
    return { completed: running + 1 };
  }
}

/** One entry into the isolate: the encoded events and the limits of the entry. */
export interface BatchInput {
  /** The events as the shim's dispatch expects them (see event-payload.ts). */
  json: string;
  binaries: ArrayBuffer[] | undefined;
  /** Hard limit for the whole entry; exceeding it terminates the running invocation. */
  timeoutMs: number;
  /** After this long, the shim stops taking further events of the batch. */
  batchMs: number;
  /** The time handler code sees (epoch ms), or undefined to let it read the real clock. */
  now: number | undefined;
  /**
   * Every basic write of the entry will land (no fault rules, every binding's keyspace there),
   * so the shim need not wait for their answers: off the Node thread it sends them, on it it
   * logs them (write-log.ts).
   */
  writesLand: boolean;
  /**
   * Something reads the options of queries (answers a test registered), so the shim works out
   * each query's call site for `clientContextId`. Off the Node thread it always does, since a
   * test may register an answer while the entry runs.
   */
  optionsRead: boolean;
}

// The server runs the constants as one script and carries on when it throws: constants after
// the failing one stay uninitialised and fail when used (spec §8.4).
function runConstants(isolate: ivm.Isolate, context: ivm.Context, code: string): void {
  const script = isolate.compileScriptSync(code, { filename: 'eventing-dev:constants.js' });
  try {
    script.runSync(context, { timeout: 1000 });
  } catch {
    // Deliberately ignored, as on the server.
  } finally {
    script.release();
  }
}

/** Why an isolate could not load its handler; the isolate is never used again. */
function notLoaded(error: unknown, isolate: ivm.Isolate): LoadResult {
  const failure = describeLoadFailure(error, isolate);
  if (!isolate.isDisposed) isolate.dispose();
  return { failure };
}

const LOCATION_SUFFIX = /\s*\[(.*):(\d+):(\d+)\]$/;

function describeLoadFailure(error: unknown, isolate: ivm.Isolate): LoadFailure {
  if (isolate.isDisposed) return { kind: 'out_of_memory', message: 'the script ran out of memory' };
  if (!(error instanceof Error)) return { kind: 'exception', message: String(error) };
  if (/timed out/i.test(error.message)) return { kind: 'timeout', message: error.message };
  const located = LOCATION_SUFFIX.exec(error.message);
  if (error.name === 'SyntaxError' && located) {
    return {
      kind: 'syntax',
      message: `SyntaxError: ${error.message.slice(0, located.index)}`,
      file: located[1],
      line: Number(located[2]),
      column: Number(located[3]),
    };
  }
  return { kind: 'exception', message: `${error.name}: ${error.message}`, stack: error.stack };
}
