import type { FunctionDefinition } from '../definition/types.ts';
import type { EmulatorState } from '../emulator/emulator-state.ts';
import type { EmulatorStorage } from '../emulator/storage/emulator-storage.ts';
import type { BucketSettings } from './cluster-manager/bucket-form.ts';
import type { StoredConfigs } from './global-config.ts';

// What the local service keeps across restarts, and where: nowhere (in memory), or a data
// directory (data-dir/data-dir.ts, a SQLite database).

/** Everything the local service keeps across restarts. */
export interface ServiceSnapshot {
  format: 'eventing-dev-serve';
  version: 1;
  /** Functions as the emulator runs them (with data-dir storage, documents and timers stay in their tables). */
  emulator: EmulatorState;
  /** The REST API's view of each function: location, stored definition, ids. */
  functions: StoredFunction[];
  config: StoredConfigs;
  /** The settings of buckets created through the cluster manager's REST API, by name. */
  buckets?: Record<string, BucketSettings>;
  /**
   * Scopes (`bucket.scope.*`) and collections created through the cluster manager's REST API,
   * with the maxTTL a collection was created with.
   */
  createdKeyspaces?: Record<string, CreatedKeyspace>;
}

export interface StoredFunction {
  bucket: string;
  scope: string;
  name: string;
  /** The emulator's name for the function. */
  internalName: string;
  /** As stored through the REST API; the status flags are the lifecycle intent. */
  definition: FunctionDefinition;
  handleruuid: number;
  instanceId: string;
}

/** A scope or collection created through the REST API. */
export interface CreatedKeyspace {
  maxTTL?: number;
}

/** Where state goes: a data directory, or nowhere (in memory). */
export interface Persistence {
  /** The snapshot found at start-up. */
  readonly loaded: ServiceSnapshot | undefined;
  /** Where the emulator keeps documents and timers; its own memory when undefined. */
  readonly storage?: EmulatorStorage;
  /** The file the state was read from, for messages. */
  readonly source?: string;
  /** Resolves once every change made before this call is durable. */
  save(): Promise<void>;
  /** Tells persistence how to take a snapshot; saves before this are refused. */
  attach(take: () => ServiceSnapshot): void;
  /** Commits what is pending and releases the directory (save() first to keep the last state). */
  close(): Promise<void>;
}

/** No data directory: state lives and dies with the process. */
export function memoryPersistence(): Persistence {
  return {
    loaded: undefined,
    save: () => Promise.resolve(),
    attach: () => undefined,
    close: () => Promise.resolve(),
  };
}
