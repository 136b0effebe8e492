import type { HttpPort, KeyspacePort, QueryPort } from '../runtime/index.ts';
import type { LifecycleRoute } from './change-rules.ts';
import type { EmulatorClock } from './clock.ts';
import type { ManagedFunction } from './managed-function.ts';
import type { EmulatorStorage } from './storage/emulator-storage.ts';
import type { Store } from './store.ts';
import type { TransitionScheduler } from './transitions.ts';

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
  /** When true, deploys may close write cycles and run SQL++ DML into their own source. */
  allowInterbucketRecursion: boolean;
  memoryLimitMb: number | undefined;
  entryMode: 'sync' | 'async' | undefined;
  /** The node's time zone for handlers and the app log; undefined for the process's. */
  timeZone: string | undefined;
  /** Aborted when the emulator is disposed: handlers' global code still loading stops. */
  signal: AbortSignal;
  /** When transitions end. */
  transitions: TransitionScheduler;
  /**
   * Queues the source keyspace's documents for a fresh deployment (boundary `everything`), or
   * those changed after the given seqno of their vBucket (a restart from checkpoints).
   */
  backfill(function_: ManagedFunction, after?: ReadonlyMap<number, number>): void;
  /** Told every status a function enters, and why a transition failed. */
  onStatus(function_: ManagedFunction, failure: Error | undefined): void;
  /** Resolves once nothing is left to process anywhere. */
  settle(): Promise<void>;
  /** A lifecycle route for this function, decided and begun by the registry. */
  lifecycle(function_: ManagedFunction, route: LifecycleRoute): Promise<void>;
}
