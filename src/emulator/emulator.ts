import { type Keyspace, keyspaceMatches, parseKeyspace } from '../definition/keyspace.ts';
import { loadDefinition } from '../definition/load-definition.ts';
import { parseDefinition } from '../definition/parse-definition.ts';
import { EventingDevError } from '../errors.ts';
import type { DocumentChange } from '../runtime/document-change.ts';
import type { EntryMode } from '../runtime/entry-plan.ts';
import { assertIsolateNodeFlags } from '../runtime/isolate/node-flags.ts';
import { type EmulatorClock, ManualClock, RealClock } from './clock.ts';
import { DispatchLoop } from './dispatch-loop.ts';
import {
  checkDocumentKey,
  checkXattrs,
  type DocumentSnapshot,
  documentBody,
  expirationOf,
  type UpsertOptions,
} from './document-input.ts';
import { parseDuration } from './duration.ts';
import { type EventingFunction, ManagedFunction, type ServiceContext } from './managed-function.ts';
import { type DocumentRecord, Store } from './store.ts';

export interface EmulatorOptions {
  /**
   * Start of the manual clock (default: the real time when the emulator is created). Time only
   * moves when the test moves it (advance, advanceTo).
   */
  now?: Date | number | string;
  /** `manual` (default) for tests; `real` follows the wall clock, as the local service does. */
  clock?: 'manual' | 'real';
  /** Heap limit of each function's isolate, in MiB (default 128). */
  memoryLimitMb?: number;
  /**
   * Force how isolates are entered, instead of choosing per function (see docs/architecture.md).
   * For benchmarks and tests of the runtime itself.
   */
  entryMode?: EntryMode;
}

export interface DeployOptions {
  /**
   * The handler's file name in stack traces and failures (default: the folder's handler.js,
   * else `<appname>.js`).
   */
  filename?: string;
}

/**
 * The emulated Eventing service: keyspaces of documents, a clock and functions, each deployed
 * one in its own V8 isolate. Writes through it trigger handlers exactly as Data service writes
 * do; timers and expiries fire as the clock moves.
 */
export class Emulator {
  readonly #clock: EmulatorClock;
  readonly #store: Store;
  readonly #functions = new Map<string, ManagedFunction>();
  readonly #context: ServiceContext;
  readonly #keyspaces = new Map<string, Keyspace>();
  readonly #loop: DispatchLoop;
  #disposed = false;

  constructor(options: EmulatorOptions = {}) {
    assertIsolateNodeFlags();
    this.#clock =
      options.clock === 'real' ? new RealClock() : new ManualClock(startTime(options.now));
    this.#store = new Store(this.#clock, (change, suppressFor) => this.#route(change, suppressFor));
    this.#loop = new DispatchLoop(this.#store, this.#functions, this.#clock);
    this.#context = {
      store: this.#store,
      clock: this.#clock,
      memoryLimitMb: options.memoryLimitMb,
      entryMode: options.entryMode,
      backfill: (fn) => this.#backfill(fn),
      settle: () => this.settle(),
    };
  }

  /** The emulator's current time. */
  get now(): Date {
    return new Date(this.#clock.now());
  }

  /** Every function, deployed or not. */
  get functions(): readonly EventingFunction[] {
    return [...this.#functions.values()];
  }

  /** A function by name. */
  function(name: string): EventingFunction {
    const found = this.#functions.get(name);
    if (!found) {
      throw new EventingDevError('FUNCTION_NOT_FOUND', `No function named "${name}"`, {
        hint: `Functions: ${[...this.#functions.keys()].join(', ') || 'none'}.`,
      });
    }
    return found;
  }

  /**
   * Adds a function without deploying it, or replaces the definition of an undeployed or paused
   * one. Takes the same definitions as {@link deploy}, and compiles the handler as the server
   * does when a function is saved.
   * @throws EventingDevError `DEFINITION_INVALID`, `HANDLER_INVALID` or `FUNCTION_STATE`;
   *   nothing is stored then.
   */
  async define(definition: unknown, options: DeployOptions = {}): Promise<EventingFunction> {
    return this.#define(definition, options, true);
  }

  /**
   * Deploys a function from its definition (an object, a one-element array as exported, the
   * path of a definition .json file, or a function folder with handler.js and function.json):
   * runs OnDeploy, delivers the source keyspace's documents when `dcp_stream_boundary` is
   * `everything`, and resolves once they have all been handled.
   * @throws EventingDevError `DEFINITION_INVALID`, `HANDLER_INVALID` (every problem listed;
   *   nothing is deployed), `FUNCTION_STATE` or `ONDEPLOY_FAILED`.
   */
  async deploy(definition: unknown, options: DeployOptions = {}): Promise<EventingFunction> {
    const known = new Set(this.#functions.keys());
    // No separate compile check: the deploy compiles the handler anyway.
    const fn = await this.#define(definition, options, false);
    if (fn.status !== 'undeployed') {
      throw new EventingDevError(
        'FUNCTION_STATE',
        `Function "${fn.name}" is already ${fn.status}`,
        {
          hint: 'Undeploy it first, or give the new function another appname.',
        },
      );
    }
    try {
      await fn.deploy();
    } catch (error) {
      // A function this call introduced is not left behind half-made.
      if (!known.has(fn.name)) this.#functions.delete(fn.name);
      throw error;
    }
    return fn;
  }

  async #define(
    definition: unknown,
    options: DeployOptions,
    compileCheck: boolean,
  ): Promise<ManagedFunction> {
    this.#checkOpen();
    const loaded = typeof definition === 'string' ? await loadDefinition(definition) : undefined;
    const parsed = parseDefinition(loaded ? loaded.definition : definition).definition;
    const filename = options.filename ?? loaded?.handlerFile ?? `${parsed.appname}.js`;
    const existing = this.#functions.get(parsed.appname);
    const fn = existing ?? new ManagedFunction(parsed, filename, this.#context);
    if (compileCheck) fn.checkHandler(parsed);
    if (existing) existing.update(parsed);
    else this.#functions.set(parsed.appname, fn);
    return fn;
  }

  /** Removes an undeployed function. */
  async delete(name: string): Promise<void> {
    const fn = this.function(name) as ManagedFunction;
    if (fn.status !== 'undeployed') {
      throw new EventingDevError('FUNCTION_STATE', `Function "${name}" is ${fn.status}`, {
        hint: 'Only an undeployed function can be deleted; undeploy it first.',
      });
    }
    this.#functions.delete(name);
  }

  /**
   * Creates or replaces a document, as a Data service client would, and resolves once every
   * handler invocation it caused, cascades included, has run.
   * @param keyspace `bucket` or `bucket.scope.collection`
   */
  upsert(
    keyspace: string,
    key: string,
    value: unknown,
    options: UpsertOptions = {},
  ): Promise<{ cas: string }> {
    try {
      this.#checkOpen();
      const record = this.#store.write(
        this.#keyspace(keyspace),
        checkDocumentKey(key),
        documentBody(value),
        {
          expiration: expirationOf(options.expiry, this.#clock),
          xattrs: checkXattrs(options.xattrs),
          flags: options.flags ?? 0,
        },
      );
      return this.settle().then(() => ({ cas: record.cas }));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Deletes a document; resolves to false when there was none. Settles like upsert. */
  async remove(keyspace: string, key: string): Promise<boolean> {
    this.#checkOpen();
    const removed = this.#store.remove(this.#keyspace(keyspace), checkDocumentKey(key), {});
    await this.settle();
    return removed !== undefined;
  }

  /** A document as stored, or undefined. */
  get(keyspace: string, key: string): DocumentSnapshot | undefined {
    const record = this.#store.read(this.#keyspace(keyspace), key);
    return record && snapshot(record);
  }

  /** Number of documents in a keyspace. */
  count(keyspace: string): number {
    return this.keys(keyspace).length;
  }

  /** Keys of a keyspace, sorted. */
  keys(keyspace: string): string[] {
    return this.#store
      .documents(this.#keyspace(keyspace))
      .map(([, key]) => key)
      .sort();
  }

  /**
   * Moves the manual clock forward and fires, in due-time order, every timer and document
   * expiry that comes due, each settled before the next.
   * @param duration milliseconds, or a text such as `'10s'` or `'2h'`
   */
  async advance(duration: number | string): Promise<void> {
    await this.advanceTo(this.#clock.now() + parseDuration(duration));
  }

  /** Moves the manual clock forward to `date`, firing what comes due on the way. */
  async advanceTo(date: Date | number | string): Promise<void> {
    this.#checkOpen();
    const clock = this.#clock;
    if (clock.kind !== 'manual') {
      throw new EventingDevError('ARGUMENT_INVALID', 'This emulator follows the real clock', {
        hint: "Only an emulator created with the default clock: 'manual' can be moved in time.",
      });
    }
    await this.#loop.advanceTo(clock, startTime(date));
  }

  /**
   * Resolves once no function has anything left to process, timers and expiries already due
   * included. Every caller until then shares one run of the dispatch loop.
   */
  settle(): Promise<void> {
    return this.#loop.settle();
  }

  /** Stops every function and frees its isolate. The emulator cannot be used afterwards. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await this.#loop.stop();
    for (const fn of this.#functions.values()) fn.dispose();
    this.#functions.clear();
  }

  #route(change: DocumentChange, suppressFor: string | undefined): void {
    for (const fn of this.#functions.values()) {
      if (fn.listening && keyspaceMatches(fn.sourceKeyspace, change.keyspace))
        fn.offer(change, suppressFor);
    }
  }

  /** Queues every live document of the source keyspace, as a DCP stream from seqno 0 would. */
  #backfill(fn: ManagedFunction): void {
    for (const change of this.#store.backfill(fn.sourceKeyspace)) fn.offer(change, undefined);
  }

  /** Parsed keyspaces by their text; tests name the same few keyspaces over and over. */
  #keyspace(text: string): Keyspace {
    let keyspace = this.#keyspaces.get(text);
    if (!keyspace) {
      keyspace = parseKeyspace(text);
      this.#keyspaces.set(text, keyspace);
    }
    return keyspace;
  }

  #checkOpen(): void {
    if (this.#disposed) {
      throw new EventingDevError('EMULATOR_DISPOSED', 'This emulator has been disposed', {
        hint: 'Create a new emulator with createEmulator().',
      });
    }
  }
}

function startTime(now: Date | number | string | undefined): number {
  if (now === undefined) return Date.now();
  const ms = new Date(now).getTime();
  if (Number.isNaN(ms)) {
    throw new EventingDevError('CONFIG_INVALID', `Invalid time ${String(now)}`, {
      hint: "Pass a Date, epoch milliseconds or an ISO string such as '2026-01-01T00:00:00Z'.",
    });
  }
  return ms;
}

function snapshot(record: DocumentRecord): DocumentSnapshot {
  return {
    value:
      typeof record.value === 'string' ? JSON.parse(record.value) : new Uint8Array(record.value),
    cas: record.cas,
    expiration: record.expiration,
    datatype: record.datatype,
    xattrs: record.xattrs === null ? null : structuredClone(record.xattrs),
  };
}

/**
 * Creates an emulated Eventing service.
 *
 * @example
 * const em = await createEmulator({ now: new Date('2026-01-01T00:00:00Z') });
 * const fn = await em.deploy('functions/enrich');
 * await em.upsert('travel.inventory.airline', 'airline_1', { name: 'x' });
 * await em.advance('10s'); // fires the timers and expiries due by then
 * await em.dispose();
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return new Emulator(options);
}
