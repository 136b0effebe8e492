import { chmod, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { openSqliteStorage, type SqliteStorage } from '../../emulator/storage/sqlite-storage.ts';
import type { Persistence, ServiceSnapshot } from '../persistence.ts';
import { migrateLegacyState, unreadable } from './legacy-state-file.ts';
import { lockDataDir } from './serve-lock.ts';
import { ServiceRows } from './service-rows.ts';

// The data directory of `serve --data-dir`: one SQLite database (WAL mode) with documents,
// timers, functions and settings as tables. Documents and timers are written by the emulator as
// they change; functions and the config when a save finds them changed. Every change is
// committed before the reply that acknowledges it goes out.

export const DATABASE_FILE = 'eventing-dev.sqlite';
/** Modes of what serve writes in a data directory: readable by the user alone. */
const PRIVATE_FOLDER = 0o700;
const PRIVATE_FILE = 0o600;

/** Where each function's app log goes: `<dir>/app-logs/<function>.log`, rotated. */
const APP_LOG_DIR = 'app-logs';

/**
 * Opens (creating it if needed) and locks a data directory, moving a state.json of earlier
 * versions into the database.
 * @throws EventingDevError `CONFIG_INVALID` when the data cannot be read (it is then left
 *   untouched) or another process uses the directory.
 */
export async function openDataDir(dir: string): Promise<Persistence> {
  // What serve keeps (documents, URL-binding secrets, logs) is for the user alone.
  await mkdir(dir, { recursive: true, mode: PRIVATE_FOLDER });
  await chmod(dir, PRIVATE_FOLDER);
  const unlock = await lockDataDir(dir);
  let storage: SqliteStorage | undefined;
  try {
    const path = join(dir, DATABASE_FILE);
    // SQLite gives its -wal and -shm files the database file's own mode.
    await (await open(path, 'a', PRIVATE_FILE)).close();
    await chmod(path, PRIVATE_FILE);
    try {
      // The writes of one turn of the event loop (the requests read in it) share a commit.
      storage = openSqliteStorage(path, {
        appLogDir: join(dir, APP_LOG_DIR),
        schedule: (commit) => void setImmediate(commit),
      });
    } catch (error) {
      throw unreadable(path, (error as Error).message, error);
    }
    const rows = new ServiceRows(storage.database);
    await migrateLegacyState(dir, storage, rows);
    return new DataDir(storage, rows, unlock, path);
  } catch (error) {
    storage?.database.close();
    await unlock();
    throw error;
  }
}

class DataDir implements Persistence {
  readonly loaded: ServiceSnapshot | undefined;
  readonly storage: SqliteStorage;
  readonly source: string;
  readonly #rows: ServiceRows;
  readonly #unlock: () => Promise<void>;
  #take: (() => ServiceSnapshot) | undefined;
  #closed = false;

  constructor(
    storage: SqliteStorage,
    rows: ServiceRows,
    unlock: () => Promise<void>,
    path: string,
  ) {
    this.storage = storage;
    this.#rows = rows;
    this.#unlock = unlock;
    this.source = path;
    this.loaded = this.#load();
  }

  attach(take: () => ServiceSnapshot): void {
    this.#take = take;
  }

  save(): Promise<void> {
    try {
      if (this.#take && !this.#closed) this.#rows.write(this.#take());
    } catch (error) {
      return Promise.reject(error);
    }
    return this.storage.database.committed();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.storage.database.close();
    } finally {
      await this.#unlock();
    }
  }

  /** Functions, config and bucket settings from their tables; documents and timers stay where they are. */
  #load(): ServiceSnapshot | undefined {
    const { states, records, config, buckets = {}, createdKeyspaces } = this.#rows.read();
    const empty = [states, Object.keys(config), Object.keys(buckets)].every((x) => x.length === 0);
    if (empty) return undefined;
    for (const state of states) state.timers = this.storage.pendingTimers(state.definition.appname);
    return {
      format: 'eventing-dev-serve',
      version: 1,
      emulator: { version: 1, now: Date.now(), documents: [], functions: states },
      functions: records,
      config,
      buckets,
      ...(createdKeyspaces ? { createdKeyspaces } : {}),
    };
  }
}
