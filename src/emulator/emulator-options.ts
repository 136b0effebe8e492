import type { Dispatcher } from 'undici';
import type { DocumentChange, EntryMode } from '../runtime/index.ts';
import type { TimerFacility } from './clock.ts';
import type { CompositeStatus } from './eventing-function.ts';
import type { DefineOptions } from './function-registry.ts';
import type { EmulatorStorage } from './storage/emulator-storage.ts';
import type { TransitionScheduler } from './transitions.ts';

export interface EmulatorOptions {
  /**
   * Start of the manual clock (default: the real time when the emulator is created). Time only
   * moves when the test moves it (advance, advanceTo).
   */
  now?: Date | number | string;
  /** `manual` (default) for tests; `real` follows the wall clock, as the local service does. */
  clock?: 'manual' | 'real';
  /**
   * With `clock: 'real'`: the timers it wakes up with, Node's by default. Tests of timers and
   * expiries due far ahead pass timers they fire themselves.
   */
  timers?: TimerFacility;
  /**
   * Heap limit of each function's isolate, in MiB (default 1400, V8's default for the server's
   * worker isolates). Lower it to make memory-hungry handler code fail sooner in tests.
   */
  memoryLimitMb?: number;
  /**
   * Force how isolates are entered, instead of choosing per function (see docs/architecture.md).
   * `'async'` runs every handler on isolated-vm's threads, so that none ever holds up Node's
   * event loop (a handler looping forever is ended at its timeout while the loop carries on):
   * `eventing-dev serve` uses it. By default tests get the faster, synchronous entry wherever
   * a function does not need to wait on I/O.
   */
  entryMode?: EntryMode;
  /**
   * What a write through the emulator (`upsert`, `edit`, `remove`) waits for before it resolves.
   * `'quiet'` (default): until nothing is left to process anywhere, cascades and timers that
   * came due included, which keeps tests deterministic. `'reached'`: until the functions the
   * change was queued for have handled it, and every function that had nothing to do when it
   * was made has nothing to do again (so cascades through them are waited for); a function
   * already busy with earlier work, such as one stuck in a long handler, does not hold the
   * write up. `eventing-dev serve` uses `'reached'`.
   */
  writesWaitFor?: 'quiet' | 'reached';
  /**
   * Where curl() requests go: any undici Dispatcher, e.g. `new Agent()` for real HTTP. By
   * default an offline MockAgent (`em.http`) that refuses the network.
   */
  dispatcher?: Dispatcher;
  /** Used for URL bindings with `validate_ssl_certificate: false` when `dispatcher` is real. */
  insecureDispatcher?: Dispatcher;
  /**
   * Where documents, timers and app logs are kept (default: in memory). `serve --data-dir`
   * passes a SQLite database.
   */
  storage?: EmulatorStorage;
  /** Allow inline SQL++ DML into a function's own source keyspace, as the cluster setting does. */
  allowInterbucketRecursion?: boolean;
  /**
   * Keyspaces that exist from the start, beyond those named by function definitions or written
   * by the test: `bucket`, `bucket.scope.collection`, or `bucket.scope.*` for a scope alone.
   * A handler's KV operation on a keyspace that does not exist fails as on a cluster.
   */
  keyspaces?: readonly string[];
  /**
   * The time zone of the Eventing node, as an IANA name (`'America/Los_Angeles'`, `'UTC'`):
   * handlers' local times (`getHours()`, `toString()`, `Date.parse` of local texts,
   * `toLocaleString()` and `Intl.DateTimeFormat` defaults) and the app log's timestamps use it.
   * The server uses its node's zone; by default so does eventing-dev (the process's). Set it so
   * that tests which format dates pass in every zone.
   */
  timeZone?: string;
  /**
   * When lifecycle transitions (deploying, pausing, resuming, undeploying) end: at once by
   * default; `createManualTransitions()` holds them until the test steps them.
   */
  transitions?: TransitionScheduler;
}

/** What {@link Emulator.watch} reports. */
export type EmulatorEvent =
  | { type: 'document'; change: DocumentChange }
  | { type: 'settled' }
  /** A function entered `status`; `failure` says why a transition ended where it began. */
  | { type: 'status'; function: string; status: CompositeStatus; failure?: Error };

export type DeployOptions = DefineOptions;
