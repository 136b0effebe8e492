import type { Dispatcher, MockAgent } from 'undici';
import { definitionKeyspaces } from '../definition/function-keyspaces.ts';
import { parseKeyspace } from '../definition/keyspace.ts';
import { parseDefinition } from '../definition/parse-definition.ts';
import { EventingDevError } from '../errors.ts';
import type { DocumentChange } from '../runtime/index.ts';
import { assertIsolateNodeFlags } from '../runtime/index.ts';
import { createAnswerData } from './answer-data.ts';
import { type LifecycleRoute, requestedOp } from './change-rules.ts';
import { type EmulatorClock, ManualClock, RealClock } from './clock.ts';
import { DataService } from './data-service.ts';
import { DispatchLoop } from './dispatch-loop.ts';
import { DocumentApi } from './document-api.ts';
import { CONSOLE_JSON_FLAGS, type DocumentEdit, editedValue } from './document-edit.ts';
import type { DocumentSnapshot, UpsertOptions } from './document-input.ts';
import { parseDuration, parseTime, parseTimeZone } from './duration.ts';
import { emulatorDefaults } from './emulator-defaults.ts';
import type { DeployOptions, EmulatorEvent, EmulatorOptions } from './emulator-options.ts';
import { type EmulatorState, exportDocuments, importDocuments } from './emulator-state.ts';
import type { EventingFunction } from './eventing-function.ts';
import { FunctionRegistry, type Stored, type StoreOptions } from './function-registry.ts';
import { createKeyspaceCatalogue, type KeyspaceCatalogue } from './keyspace-catalogue.ts';
import { type KvFault, type KvFaultRule, KvFaults } from './kv-faults.ts';
import type { ServiceContext } from './managed-function.ts';
import { checkMaxTtl, MaxTtls, maxTtlPath } from './max-ttl.ts';
import { OfflineHttp } from './offline-http.ts';
import { createQueryService, type QueryService } from './query/query-service.ts';
import { QueryAnswers } from './query-answers.ts';
import { createMemoryStorage } from './storage/emulator-storage.ts';
import { Store } from './store.ts';
import { instantTransitions } from './transitions.ts';
import { WriteWaits } from './write-waits.ts';

/**
 * The emulated Eventing service: keyspaces of documents, a clock and functions, each deployed
 * one in its own V8 isolate. Writes through it trigger handlers exactly as Data service writes
 * do; timers and expiries fire as the clock moves.
 */
export class Emulator {
  readonly #clock: EmulatorClock;
  readonly #store: Store;
  readonly #functions: FunctionRegistry;
  readonly #documents: DocumentApi;
  readonly #start: number;
  readonly #context: ServiceContext;
  readonly #loop: DispatchLoop;
  readonly #watchers = new Set<(event: EmulatorEvent) => void>();
  readonly #faults = new KvFaults();
  readonly #catalogue: KeyspaceCatalogue;
  readonly #maxTtls = new MaxTtls();
  /** The default offline HTTP; undefined when the emulator was given a dispatcher. */
  readonly #offline: OfflineHttp | undefined;
  #disposed = false;
  readonly #disposing = new AbortController();
  /** Set when writes wait only for the functions they reached (`writesWaitFor: 'reached'`). */
  readonly #writeWaits: WriteWaits | undefined;
  /**
   * Answers for SQL++, Analytics and Search queries made by handlers; SQL++ without an answer
   * runs on eventing-dev's evaluator over the emulated keyspaces.
   */
  readonly query: QueryAnswers;
  /**
   * The emulated Query service itself (the evaluator, without `em.query.on` answers), for faces
   * such as the Query service's REST endpoint.
   */
  readonly queryService: QueryService;

  /**
   * Fault injection, which a real cluster does not offer: `kv(rule)` makes the matching KV
   * operations of handlers fail as the client library reports it, until `remove()`d or `times`
   * is used up; `clear()` removes every rule.
   *
   * @example
   * const fault = em.faults.kv({ keyspace: 'orders', op: 'upsert', error: 'timeout', times: 1 });
   * await em.upsert('src', 'k', {});   // the handler's first upsert into orders throws a KVError
   * expect(fault.hits).toBe(1);
   */
  readonly faults: { kv(rule: KvFaultRule): KvFault; clear(): void } = {
    kv: (rule) => this.#faults.add(rule),
    clear: () => this.#faults.clear(),
  };

  constructor(options: EmulatorOptions = {}) {
    assertIsolateNodeFlags();
    this.#start = parseTime(options.now);
    this.#clock =
      options.clock === 'real' ? new RealClock(options.timers) : new ManualClock(this.#start);
    const storage = options.storage ?? createMemoryStorage();
    this.#store = new Store(
      this.#clock,
      (change, suppressFor) => this.#route(change, suppressFor),
      storage.documents,
    );
    this.#store.expiryRule = (keyspace, requested) =>
      this.#maxTtls.expirationOf(keyspace, requested, this.#clock.now());
    this.#catalogue = createKeyspaceCatalogue({
      named: () => [
        ...[...this.#functions.byName.values()].flatMap((fn) => definitionKeyspaces(fn.definition)),
        ...[...this.#store.collections()].map((collection) => collection.keyspace),
      ],
      dropped: (path) => this.#store.drop(path),
      // The store keeps the collection, so that it outlives a restart with a data directory.
      created: (keyspace) => this.#store.collection(keyspace),
    });
    for (const keyspace of options.keyspaces ?? []) this.createKeyspace(keyspace);
    this.#documents = new DocumentApi(this.#store, this.#clock);
    const timeZone = parseTimeZone(options.timeZone ?? emulatorDefaults.timeZone);
    // The Query node's local zone is the Eventing node's: the same machine in eventing-dev.
    const queryTimeZone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    this.queryService = createQueryService(
      this.#store,
      this.#clock,
      queryTimeZone,
      this.#catalogue,
    );
    this.query = new QueryAnswers(this.queryService, createAnswerData(this.#documents));
    this.#offline = options.dispatcher ? undefined : new OfflineHttp();
    const context: ServiceContext = {
      store: this.#store,
      storage,
      keyspaces: new DataService(this.#store, this.#faults, this.#catalogue),
      clock: this.#clock,
      queries: this.query,
      http: this.#offline
        ? this.#offline.port(options.insecureDispatcher)
        : {
            dispatcher: options.dispatcher as Dispatcher,
            ...(options.insecureDispatcher
              ? { insecureDispatcher: options.insecureDispatcher }
              : {}),
          },
      allowInterbucketRecursion: options.allowInterbucketRecursion ?? false,
      memoryLimitMb: options.memoryLimitMb,
      entryMode: options.entryMode,
      timeZone,
      signal: this.#disposing.signal,
      transitions: options.transitions ?? instantTransitions(),
      backfill: (fn, after) => {
        for (const change of this.#store.backfill(fn.sourceKeyspace)) {
          if (!after || change.seq > (after.get(change.vb) ?? 0)) fn.offer(change, undefined);
        }
      },
      onStatus: (fn, failure) => {
        this.#writeWaits?.check();
        this.#emit({
          type: 'status',
          function: fn.name,
          status: fn.status,
          ...(failure ? { failure } : {}),
        });
      },
      settle: () => this.settle(),
      lifecycle: (fn, route) => this.#functions.lifecycle(fn, route),
    };
    this.#context = context;
    this.#functions = new FunctionRegistry(context);
    if (options.writesWaitFor === 'reached') {
      this.#writeWaits = new WriteWaits(() => this.#functions.byName.values());
    }
    this.#loop = new DispatchLoop(
      this.#store,
      this.#functions.byName,
      this.#clock,
      () => {
        this.#writeWaits?.check();
        this.#emit({ type: 'settled' });
      },
      () => this.#writeWaits?.check(),
    );
  }

  /**
   * As a cluster's `allow_interbucket_recursion`: when true, deploys may close a write cycle or
   * run SQL++ DML into their own source. A change applies to the next deploy.
   */
  get allowInterbucketRecursion(): boolean {
    return this.#context.allowInterbucketRecursion;
  }

  set allowInterbucketRecursion(allow: boolean) {
    this.#context.allowInterbucketRecursion = allow;
  }

  /**
   * Creates a keyspace for handlers to reach: `bucket` (with its `_default` scope and
   * collection), `bucket.scope.collection`, or `bucket.scope.*` for a scope alone. Keyspaces
   * named by a function definition or holding documents written by the test exist already; a
   * handler's KV operation on any other (through a wildcard binding or an advanced accessor's
   * `keyspace`) throws a KVError, as on a cluster.
   *
   * `maxTTL` (seconds) is the bucket's or the collection's maximum TTL, as set on a cluster:
   * every later write into it without an expiry gets one that far ahead, and one asking for a
   * later expiry is brought down to it. A collection's `0` takes the bucket's and `-1` has none
   * even when the bucket has one; scopes have none.
   * @throws EventingDevError `KEYSPACE_INVALID` for text that is not a keyspace or for a
   *   `_default` collection in a named scope; `ARGUMENT_INVALID` for a maxTTL Couchbase refuses.
   *
   * @example
   * em.createKeyspace('shop.sales.refunds');
   * em.createKeyspace('bulk.data.source', { maxTTL: 600 });
   */
  createKeyspace(keyspace: string, options: { maxTTL?: number } = {}): void {
    const parsed = parseKeyspace(keyspace);
    const path = maxTtlPath(keyspace, parsed);
    if (options.maxTTL !== undefined) checkMaxTtl(path, options.maxTTL);
    this.#catalogue.create(parsed);
    if (options.maxTTL !== undefined) this.#maxTtls.set(path, options.maxTTL);
  }

  /**
   * The buckets, scopes and collections that exist (see {@link createKeyspace}), for the local
   * service's collections API.
   */
  get keyspaces(): KeyspaceCatalogue {
    return this.#catalogue;
  }

  /** The emulator's current time. */
  get now(): Date {
    return new Date(this.#clock.now());
  }

  /** Every function, deployed or not. */
  get functions(): readonly EventingFunction[] {
    return [...this.#functions.byName.values()];
  }

  /** A function by name. */
  function(name: string): EventingFunction {
    return this.#functions.get(name);
  }

  /**
   * Adds a function without deploying it, or replaces the definition of an undeployed or paused
   * one. Takes the same definitions as {@link deploy}, and compiles the handler as the server
   * does when a function is saved.
   * @throws EventingDevError `DEFINITION_INVALID`, `HANDLER_INVALID` or `FUNCTION_STATE`;
   *   nothing is stored then.
   */
  async define(definition: unknown, options: DeployOptions = {}): Promise<EventingFunction> {
    this.#checkOpen();
    return this.#functions.define(definition, options, true);
  }

  /**
   * Deploys a function from its definition (an object, a one-element array as exported, the
   * path or file URL of a definition .json file, or of a function folder with handler.js and
   * function.json, e.g. `em.deploy(new URL('.', import.meta.url))` from a test beside them):
   * runs OnDeploy, delivers the source keyspace's documents when `dcp_stream_boundary` is
   * `everything`, and resolves once they have all been handled.
   * @throws EventingDevError `DEFINITION_INVALID`, `HANDLER_INVALID` (every problem listed;
   *   nothing is deployed), `FUNCTION_STATE` or `ONDEPLOY_FAILED`.
   */
  async deploy(definition: unknown, options: DeployOptions = {}): Promise<EventingFunction> {
    this.#checkOpen();
    return this.#functions.deploy(definition, options);
  }

  /**
   * Stores a definition as Couchbase's Eventing REST API does (save, import, settings): its
   * status flags (or `options.op`) say which lifecycle operation to perform, the function's
   * status says what may change on the way. Resolves once stored, with `done`, which settles
   * when the transition it began (if any) ends.
   * @throws FunctionRefusal (nothing is stored) or EventingDevError `DEFINITION_INVALID`,
   *   `HANDLER_INVALID`.
   *
   * @example
   * const { done } = await em.store({ ...fn.definition, settings: { ...fn.definition.settings,
   *   deployment_status: true, processing_status: false } });   // pauses, as an import does
   * await done;
   */
  async store(definition: unknown, options: StoreOptions = {}): Promise<Stored> {
    this.#checkOpen();
    const op = options.op ?? requestedOp(definition);
    return this.#functions.store(parseDefinition(definition).definition, { ...options, op });
  }

  /**
   * Begins a lifecycle change (deploy, undeploy, pause, resume) as its REST route does: throws
   * at once if refused, else returns `done`, which settles when the transition ends.
   * `fn.deploy()` and the like do the same and wait for `done`.
   * @throws FunctionRefusal, nothing changed.
   */
  begin(name: string, route: LifecycleRoute): { done: Promise<void> } {
    this.#checkOpen();
    return { done: this.#functions.lifecycle(this.#functions.get(name), route) };
  }

  /** Replaces a function's appcode, as POST …/appcode does. */
  async setAppcode(name: string, appcode: string, options: StoreOptions = {}): Promise<Stored> {
    this.#checkOpen();
    return this.#functions.setAppcode(name, appcode, options);
  }

  /**
   * Removes an undeployed function.
   * @throws FunctionRefusal `ERR_APP_NOT_UNDEPLOYED` for any other status.
   */
  async delete(name: string): Promise<void> {
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
      this.#checkNotAnswering('upsert');
      const write = () => this.#documents.write(keyspace, key, value, options);
      return this.#afterWrite(write).then((record) => ({ cas: record.cas }));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Changes fields of a stored document as one mutation, as saving it in the web console's
   * document editor does, and settles like upsert: `changes` sets top-level fields (a field
   * given as `undefined` is removed), or is a function from a copy of the value to the new one.
   * The save is a plain set: the expiry is cleared (a collection's maximum TTL then applies),
   * user xattrs do not survive it, and the flags become those of JSON.
   *
   * @example
   * await em.edit('bulk.data.source', 'type_of_interest::1', { needed_condition: true });
   * @throws EventingDevError `DOCUMENT_INVALID` when there is no such document, or `changes`
   *   is an object and the document is not a JSON object.
   */
  edit(keyspace: string, key: string, changes: DocumentEdit): Promise<{ cas: string }> {
    try {
      this.#checkOpen();
      this.#checkNotAnswering('edit');
      const current = this.#documents.get(keyspace, key);
      const value = editedValue({ keyspace, key }, current, changes);
      const write = () =>
        this.#documents.write(keyspace, key, value, { flags: CONSOLE_JSON_FLAGS });
      return this.#afterWrite(write).then((record) => ({ cas: record.cas }));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Writes documents without delivering them to any function, as if they were there before
   * (a later deploy with `dcp_stream_boundary: everything` sees them).
   */
  seed(keyspace: string, documents: Record<string, unknown>, options: UpsertOptions = {}): void {
    this.#checkOpen();
    for (const [key, value] of Object.entries(documents))
      this.#documents.write(keyspace, key, value, options, true);
  }

  /** Deletes a document; resolves to false when there was none. Settles like upsert. */
  async remove(keyspace: string, key: string): Promise<boolean> {
    this.#checkOpen();
    this.#checkNotAnswering('remove');
    return this.#afterWrite(() => this.#documents.remove(keyspace, key));
  }

  /**
   * Delivers a document's current state again to the functions following its keyspace, as the
   * real change feed may after a pause, a resume or a rollback; resolves once handled.
   * Handlers that are not idempotent show it here.
   */
  async redeliver(keyspace: string, key: string): Promise<void> {
    this.#checkOpen();
    const change = this.#documents.currentMutation(keyspace, key);
    if (change) this.#functions.route(change, undefined);
    await this.settle();
  }

  /** A document as stored, or undefined. */
  get(keyspace: string, key: string): DocumentSnapshot | undefined {
    return this.#documents.get(keyspace, key);
  }

  /** Number of documents in a keyspace. */
  count(keyspace: string): number {
    return this.keys(keyspace).length;
  }

  /** Keys of a keyspace, sorted. */
  keys(keyspace: string): string[] {
    return this.#documents.keys(keyspace);
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
    this.#checkNotAnswering('advance');
    const clock = this.#clock;
    if (clock.kind !== 'manual') {
      throw new EventingDevError('ARGUMENT_INVALID', 'This emulator follows the real clock', {
        hint: "Only an emulator created with the default clock: 'manual' can be moved in time.",
      });
    }
    await this.#loop.advanceTo(clock, parseTime(date));
  }

  /**
   * Resolves once no function has anything left to process, timers and expiries already due
   * included. Every caller until then shares one run of the dispatch loop.
   */
  settle(): Promise<void> {
    return this.#loop.settle();
  }

  /**
   * For writes made through another of the emulator's services (the Query service's DML): call
   * before them; the function returned resolves once the functions have seen them, as a write
   * through {@link upsert} does (see the `writesWaitFor` option).
   */
  watchWrites(): () => Promise<void> {
    const waits = this.#writeWaits;
    if (!waits) return () => this.settle();
    const before = waits.before();
    return () => {
      // A failure of the dispatch loop reaches whoever settles; a write only waits.
      this.settle().catch(() => undefined);
      return waits.after(before);
    };
  }

  /**
   * Calls `listener` for every document change and after every settle, for example to persist
   * the state. Returns a function that stops the calls.
   */
  watch(listener: (event: EmulatorEvent) => void): () => void {
    this.#watchers.add(listener);
    return () => this.#watchers.delete(listener);
  }

  /**
   * What outlives a process of the local service: documents, functions and their timers.
   * Storage that keeps documents and timers itself (serve's data directory) leaves them out.
   */
  exportState(parts: { documents?: boolean; timers?: boolean } = {}): EmulatorState {
    return {
      version: 1,
      now: this.#clock.now(),
      documents: parts.documents === false ? [] : exportDocuments(this.#store),
      functions: this.#functions.exportStates(parts.timers !== false),
    };
  }

  /**
   * Loads a state taken by {@link exportState} into an emulator that has no functions yet:
   * documents come back as they were, deployed functions carry on without OnDeploy or replay.
   */
  async importState(state: EmulatorState): Promise<void> {
    this.#checkOpen();
    if (this.#clock.kind === 'manual') this.#clock.restore(state.now);
    importDocuments(this.#store, state.documents);
    await this.#functions.importStates(state.functions);
    await this.settle();
  }

  /**
   * Puts the emulator back to how it started, cheaply, for the next test: no documents, the
   * clock at its start, no query answers, fault rules or HTTP interceptors, and every function
   * kept in its lifecycle state with a fresh isolate, no queue, timers, statistics, log or
   * failures.
   */
  async reset(): Promise<void> {
    this.#checkOpen();
    await this.settle();
    this.#store.clear();
    this.#catalogue.forgetNamed();
    if (this.#clock.kind === 'manual') this.#clock.restore(this.#start);
    this.query.clear();
    this.#faults.clear();
    await this.#offline?.close();
    for (const fn of this.#functions.byName.values()) await fn.reset();
  }

  /** Stops every function and frees its isolate. The emulator cannot be used afterwards. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#disposing.abort();
    this.#writeWaits?.releaseAll();
    await this.#context.transitions.close();
    const stopped = this.#loop.stop();
    // Ends handlers still running on isolated-vm's threads, a runaway one included.
    this.#functions.dispose();
    await stopped;
    await this.#offline?.close();
  }

  /**
   * The offline HTTP of this emulator, an undici MockAgent with the network disabled: add
   * answers with `em.http.get(origin).intercept({ path }).reply(status, body)`.
   * @throws EventingDevError when the emulator was given a dispatcher of its own.
   */
  get http(): MockAgent {
    if (!this.#offline) {
      throw new EventingDevError(
        'ARGUMENT_INVALID',
        'This emulator sends curl() requests to the dispatcher it was given',
        {
          hint: 'em.http is the offline MockAgent of emulators created without a dispatcher option.',
        },
      );
    }
    return this.#offline.agent;
  }

  /** Makes a write and resolves, as `writesWaitFor` says, once the functions have seen it. */
  #afterWrite<T>(write: () => T): Promise<T> {
    const seen = this.watchWrites();
    const result = write();
    return seen().then(() => result);
  }

  #route(change: DocumentChange, suppressFor: string | undefined): void {
    if (this.#watchers.size > 0) this.#emit({ type: 'document', change });
    this.#functions.route(change, suppressFor);
  }

  #emit(event: EmulatorEvent): void {
    for (const watcher of this.#watchers) watcher(event);
  }

  /** The emulator's settling calls would wait for the handler that waits for the answer. */
  #checkNotAnswering(call: string): void {
    if (!this.query.answering) return;
    throw new EventingDevError(
      'ARGUMENT_INVALID',
      `em.${call}() was called inside a query answer, where it would wait for the handler that is waiting for the answer`,
      {
        hint: "Change data through the answer's fourth argument, which applies at once: em.query.on(matcher, (statement, params, options, data) => { data.upsert(keyspace, key, value); return []; }).",
      },
    );
  }

  #checkOpen(): void {
    if (this.#disposed) {
      throw new EventingDevError('EMULATOR_DISPOSED', 'This emulator has been disposed', {
        hint: 'Create a new emulator with createEmulator().',
      });
    }
  }
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
