import type { Keyspace } from '../definition/keyspace.ts';

// What the runtime needs from the emulated service, as interfaces the emulator implements.
// Keeping them here lets the bindings be tested over plain fakes, without an isolate.

/** A document as the Data service holds it. */
export interface StoredDocument {
  /** JSON text for JSON documents, raw bytes for binary ones. */
  value: string | Uint8Array;
  datatype: 'json' | 'binary';
  /** The 64-bit CAS as a decimal string. */
  cas: string;
  /** Absolute expiry in epoch seconds, 0 for none. */
  expiration: number;
  flags: number;
  /** User extended attributes (names not starting with `_`), or null when there are none. */
  xattrs: Record<string, unknown> | null;
}

export interface WriteOptions {
  /** Absolute expiry in epoch seconds; 0 or absent clears it. */
  expiration?: number;
  /**
   * The function instance that wrote, when it wrote into its own source keyspace: the change is
   * then not delivered back to that function (self-recursion suppression, spec §1.7).
   */
  suppressFor?: string;
}

export interface KeyspacePort {
  read(keyspace: Keyspace, key: string): StoredDocument | undefined;
  /** Creates or replaces the document. */
  upsert(
    keyspace: Keyspace,
    key: string,
    value: string | Uint8Array,
    options: WriteOptions,
  ): StoredDocument;
  /** Deletes the document; undefined when there was none. Returns the deletion's CAS. */
  remove(keyspace: Keyspace, key: string, options: WriteOptions): { cas: string } | undefined;
}

/** The clock every runtime reads; manual in tests, real in `serve`. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** A function's timers, kept by the emulated service (the server keeps them in the metadata keyspace). */
export interface TimerPort {
  /**
   * Stores a timer due at `dueSeconds` (epoch seconds), replacing any with the same callback
   * name and reference; a null reference gets a generated one. Returns the reference.
   */
  create(callback: string, dueSeconds: number, reference: string | null, context: string): string;
  /** Removes a pending timer; false when there was none. */
  cancel(callback: string, reference: string): boolean;
}
