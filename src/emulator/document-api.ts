import { type Keyspace, parseKeyspace } from '../definition/keyspace.ts';
import type { DocumentMutation } from '../runtime/index.ts';
import type { EmulatorClock } from './clock.ts';
import {
  checkDocumentKey,
  checkXattrs,
  type DocumentSnapshot,
  documentBody,
  expirationOf,
  snapshot,
  type UpsertOptions,
} from './document-input.ts';
import { asMutation, type DocumentRecord, type Store } from './store.ts';

/**
 * Documents as tests and the local service write and read them: checked input, keyspaces by
 * their text, snapshots of what is stored. Writes here are a Data service client's writes.
 */
export class DocumentApi {
  readonly #store: Store;
  readonly #clock: EmulatorClock;
  readonly #keyspaces = new Map<string, Keyspace>();

  constructor(store: Store, clock: EmulatorClock) {
    this.#store = store;
    this.#clock = clock;
  }

  /** Creates or replaces a document; `silent` keeps the change from every function. */
  write(
    keyspace: string,
    key: string,
    value: unknown,
    options: UpsertOptions,
    silent = false,
  ): DocumentRecord {
    return this.#store.write(this.keyspace(keyspace), checkDocumentKey(key), documentBody(value), {
      expiration: expirationOf(options.expiry, this.#clock),
      xattrs: checkXattrs(options.xattrs),
      flags: options.flags ?? 0,
      silent,
    });
  }

  remove(keyspace: string, key: string): boolean {
    return this.#store.remove(this.keyspace(keyspace), checkDocumentKey(key), {}) !== undefined;
  }

  get(keyspace: string, key: string): DocumentSnapshot | undefined {
    const record = this.#store.read(this.keyspace(keyspace), key);
    return record && snapshot(record);
  }

  keys(keyspace: string): string[] {
    return this.#store
      .documents(this.keyspace(keyspace))
      .map(([, key]) => key)
      .sort();
  }

  /** The document's current state as the mutation the feed would deliver again, if it exists. */
  currentMutation(keyspace: string, key: string): DocumentMutation | undefined {
    const target = this.keyspace(keyspace);
    const record = this.#store.read(target, key);
    if (!record) return undefined;
    return asMutation(this.#store.collection(target), key, record);
  }

  /** Parsed keyspaces by their text; tests name the same few keyspaces over and over. */
  keyspace(text: string): Keyspace {
    let keyspace = this.#keyspaces.get(text);
    if (!keyspace) {
      keyspace = parseKeyspace(text);
      this.#keyspaces.set(text, keyspace);
    }
    return keyspace;
  }
}
