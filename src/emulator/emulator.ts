import { type Keyspace, keyspaceMatches, parseKeyspace } from '../definition/keyspace.ts';
import { loadDefinition } from '../definition/load-definition.ts';
import { parseDefinition } from '../definition/parse-definition.ts';
import { EventingDevError } from '../errors.ts';
import type { DocumentChange } from '../runtime/document-change.ts';
import type { EntryMode } from '../runtime/entry-plan.ts';
import { assertIsolateNodeFlags } from '../runtime/isolate/node-flags.ts';
import type { Clock } from '../runtime/ports.ts';
import { ManualClock, realClock } from './clock.ts';
import { DeployedFunction, type EventingFunction } from './deployed-function.ts';
import {
  checkDocumentKey,
  checkXattrs,
  type DocumentSnapshot,
  documentBody,
  expirationOf,
  type UpsertOptions,
} from './document-input.ts';
import { type DocumentRecord, Store } from './store.ts';

export interface EmulatorOptions {
  /**
   * Start of the manual clock (default: the real time when the emulator is created). Time only
   * moves when the test moves it.
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

/** Largest batch of queued changes handed to a function at once. */
const MAX_BATCH = 4096;

/**
 * The emulated Eventing service: keyspaces of documents, a clock and deployed functions, each
 * in its own V8 isolate. Writes through it trigger handlers exactly as Data service writes do.
 */
export class Emulator {
  readonly #clock: Clock;
  readonly #store: Store;
  readonly #functions = new Map<string, DeployedFunction>();
  readonly #options: EmulatorOptions;
  #settling: Promise<void> | undefined;
  readonly #keyspaces = new Map<string, Keyspace>();
  #disposed = false;

  constructor(options: EmulatorOptions = {}) {
    assertIsolateNodeFlags();
    this.#options = options;
    this.#clock = options.clock === 'real' ? realClock : new ManualClock(startTime(options.now));
    this.#store = new Store(this.#clock, (change, suppressFor) => this.#route(change, suppressFor));
  }

  /** The emulator's current time. */
  get now(): Date {
    return new Date(this.#clock.now());
  }

  /** Every deployed function. */
  get functions(): readonly EventingFunction[] {
    return [...this.#functions.values()];
  }

  /** A deployed function by name. */
  function(name: string): EventingFunction {
    const found = this.#functions.get(name);
    if (!found) {
      throw new EventingDevError('FUNCTION_NOT_FOUND', `No function named "${name}" is deployed`, {
        hint: `Deployed functions: ${[...this.#functions.keys()].join(', ') || 'none'}.`,
      });
    }
    return found;
  }

  /**
   * Deploys a function from its definition (an object, a one-element array as exported, the
   * path of a definition .json file, or a function folder with handler.js and function.json)
   * and delivers the source keyspace's documents when
   * `dcp_stream_boundary` is `everything`. Resolves once they have all been handled.
   * @throws EventingDevError `DEFINITION_INVALID` or `HANDLER_INVALID`, listing every problem;
   *   nothing is deployed then.
   */
  async deploy(definition: unknown, options: DeployOptions = {}): Promise<EventingFunction> {
    this.#checkOpen();
    const loaded = typeof definition === 'string' ? await loadDefinition(definition) : undefined;
    const parsed = parseDefinition(loaded ? loaded.definition : definition).definition;
    if (this.#functions.has(parsed.appname)) {
      throw new EventingDevError(
        'FUNCTION_STATE',
        `Function "${parsed.appname}" is already deployed`,
        {
          hint: 'Give the new function another appname, or use a fresh emulator.',
        },
      );
    }
    const deployed = new DeployedFunction(parsed, {
      keyspaces: this.#store,
      clock: this.#clock,
      memoryLimitMb: this.#options.memoryLimitMb,
      entryMode: this.#options.entryMode,
      filename: options.filename ?? loaded?.handlerFile ?? `${parsed.appname}.js`,
    });
    this.#functions.set(parsed.appname, deployed);
    if (parsed.settings.dcp_stream_boundary === 'everything') this.#backfill(deployed);
    await this.settle();
    return deployed;
  }

  /**
   * Creates or replaces a document, as a Data service client would, and resolves once every
   * handler invocation it caused, cascades included, has run.
   * @param keyspace `bucket` or `bucket.scope.collection`
   */
  async upsert(
    keyspace: string,
    key: string,
    value: unknown,
    options: UpsertOptions = {},
  ): Promise<{ cas: string }> {
    this.#checkOpen();
    const target = parseKeyspace(keyspace);
    const record = this.#store.write(target, checkDocumentKey(key), documentBody(value), {
      expiration: expirationOf(options.expiry, this.#clock),
      xattrs: checkXattrs(options.xattrs),
      flags: options.flags ?? 0,
    });
    await this.settle();
    return { cas: record.cas };
  }

  /** Deletes a document; resolves to false when there was none. Settles like upsert. */
  async remove(keyspace: string, key: string): Promise<boolean> {
    this.#checkOpen();
    const removed = this.#store.remove(parseKeyspace(keyspace), checkDocumentKey(key), {});
    await this.settle();
    return removed !== undefined;
  }

  /** A document as stored, or undefined. */
  get(keyspace: string, key: string): DocumentSnapshot | undefined {
    const record = this.#store.read(parseKeyspace(keyspace), key);
    return record && snapshot(record);
  }

  /** Number of documents in a keyspace. */
  count(keyspace: string): number {
    return this.keys(keyspace).length;
  }

  /** Keys of a keyspace, sorted. */
  keys(keyspace: string): string[] {
    const pattern = this.#keyspace(keyspace);
    return [...this.#store.documents(pattern)].map(([, key]) => key).sort();
  }

  /**
   * Resolves once no function has anything left to process. Every caller until then shares one
   * run of the dispatch loop.
   */
  settle(): Promise<void> {
    if (this.#settling) return this.#settling;
    if (!this.#hasPendingWork()) return Promise.resolve();
    this.#settling = this.#runUntilQuiet();
    return this.#settling;
  }

  /** Stops every function and frees its isolate. The emulator cannot be used afterwards. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    await this.#settling;
    this.#disposed = true;
    for (const deployed of this.#functions.values()) deployed.dispose();
    this.#functions.clear();
  }

  #route(change: DocumentChange, suppressFor: string | undefined): void {
    for (const deployed of this.#functions.values()) {
      if (keyspaceMatches(deployed.sourceKeyspace, change.keyspace))
        deployed.offer(change, suppressFor);
    }
  }

  /** Queues every live document of the source keyspace, as a DCP stream from seqno 0 would. */
  #backfill(deployed: DeployedFunction): void {
    for (const [collection, key, record] of this.#store.backfill(deployed.sourceKeyspace)) {
      deployed.offer(
        {
          kind: 'mutation',
          keyspace: collection.keyspace,
          key,
          cas: record.cas,
          vb: record.vb,
          seq: record.seq,
          value: record.value,
          datatype: record.datatype,
          expiration: record.expiration,
          xattrs: record.xattrs,
        },
        undefined,
      );
    }
  }

  #hasPendingWork(): boolean {
    for (const deployed of this.#functions.values()) if (deployed.queue.size > 0) return true;
    return false;
  }

  async #runUntilQuiet(): Promise<void> {
    try {
      // Let synchronous callers queue more changes first, so they are handled in batches.
      await Promise.resolve();
      while (this.#hasPendingWork()) {
        for (const deployed of this.#functions.values()) {
          const batch = deployed.queue.take(MAX_BATCH);
          if (batch.length === 0) continue;
          const pending = deployed.runtime.dispatch(batch);
          if (pending) await pending;
        }
      }
    } finally {
      // Cleared in the same synchronous step as the last check for work, so that a change
      // queued after it starts a new run instead of joining one that has finished.
      this.#settling = undefined;
    }
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

function startTime(now: EmulatorOptions['now']): number {
  if (now === undefined) return Date.now();
  const ms = new Date(now).getTime();
  if (Number.isNaN(ms)) {
    throw new EventingDevError('CONFIG_INVALID', `Invalid start time ${String(now)}`, {
      hint: "Pass `now` as a Date, epoch milliseconds or an ISO string such as '2026-01-01T00:00:00Z'.",
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
 * const fn = await em.deploy('functions/enrich.json');
 * await em.upsert('travel.inventory.airline', 'airline_1', { name: 'x' });
 * expect(em.get('dst', 'airline_1')?.value).toEqual({ name: 'x' });
 * await em.dispose();
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return new Emulator(options);
}
