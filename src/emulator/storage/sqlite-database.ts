import { DatabaseSync, type StatementSync } from 'node:sqlite';

// One SQLite database file in WAL mode. Every change runs in a transaction that commits when
// the work that made it yields (a microtask later by default; serve waits for the end of the
// event loop's turn, so that the requests of one turn share a commit), or at once on commit().
// committed() resolves once what is written so far is committed: replies wait for it.
//
// synchronous=NORMAL: a commit is in the write-ahead log (the operating system's cache) when it
// returns, so a killed process loses nothing committed and the file stays consistent; only a
// power cut can take back the last commits, never corrupt the database.

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS collections (
  id INTEGER PRIMARY KEY, bucket TEXT NOT NULL, scope TEXT NOT NULL, name TEXT NOT NULL,
  UNIQUE (bucket, scope, name));
CREATE TABLE IF NOT EXISTS documents (
  collection INTEGER NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, cas TEXT NOT NULL,
  expiration INTEGER NOT NULL, flags INTEGER NOT NULL, xattrs TEXT, vb INTEGER NOT NULL,
  seq INTEGER NOT NULL, PRIMARY KEY (collection, key));
CREATE INDEX IF NOT EXISTS documents_by_expiry ON documents (expiration) WHERE expiration > 0;
CREATE TABLE IF NOT EXISTS vbuckets (
  bucket TEXT NOT NULL, vb INTEGER NOT NULL, seq INTEGER NOT NULL, cas TEXT NOT NULL,
  PRIMARY KEY (bucket, vb)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS timers (
  function TEXT NOT NULL, callback TEXT NOT NULL, reference TEXT NOT NULL, due INTEGER NOT NULL,
  context TEXT, PRIMARY KEY (function, callback, reference));
CREATE TABLE IF NOT EXISTS checkpoints (
  function TEXT NOT NULL, vb INTEGER NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY (function, vb)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS functions (name TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

export class SqliteDatabase {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  #open = false;
  #held = 0;
  /** Why the last commit that nobody waited for failed; the next commit() reports it. */
  #failure: unknown;
  #waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  readonly #schedule: (commit: () => void) => void;

  /** @param schedule when a transaction opened by a write commits (default: a microtask later) */
  constructor(path: string, schedule: (commit: () => void) => void = queueMicrotask) {
    this.#schedule = schedule;
    this.#db = new DatabaseSync(path);
    try {
      this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
      const version = this.get<{ user_version: number }>('PRAGMA user_version')?.user_version;
      if (version !== 0 && version !== SCHEMA_VERSION) {
        throw new Error(`its schema version ${version} is newer than this eventing-dev knows`);
      }
      this.#db.exec(`BEGIN; ${SCHEMA} PRAGMA user_version = ${SCHEMA_VERSION}; COMMIT;`);
    } catch (error) {
      this.#db.close();
      throw error;
    }
  }

  /** Runs a statement inside the current transaction (opening one if needed). */
  run(sql: string, ...values: SqlValue[]): void {
    this.#begin();
    this.#statement(sql).run(...values);
  }

  get<T>(sql: string, ...values: SqlValue[]): T | undefined {
    return this.#statement(sql).get(...values) as T | undefined;
  }

  all<T>(sql: string, ...values: SqlValue[]): T[] {
    return this.#statement(sql).all(...values) as T[];
  }

  iterate<T>(sql: string, ...values: SqlValue[]): Iterable<T> {
    return this.#statement(sql).iterate(...values) as Iterable<T>;
  }

  /** Makes every change so far durable; throws when they could not be (they are dropped). */
  commit(): void {
    const failure = this.#failure;
    this.#failure = undefined;
    if (failure !== undefined) throw failure;
    if (!this.#open || this.#held > 0) return;
    this.#open = false;
    try {
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Resolves once every change so far is committed (by the scheduled commit). */
  committed(): Promise<void> {
    if (!this.#open || this.#held > 0) {
      try {
        this.commit();
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  /** Keeps every change until the matching release() in one transaction (a migration). */
  hold(): void {
    this.#held++;
  }

  release(): void {
    this.#held--;
    this.commit();
  }

  /** Drops what is not committed (a failed migration). */
  rollback(): void {
    this.#held = 0;
    if (!this.#open) return;
    this.#open = false;
    this.#db.exec('ROLLBACK');
  }

  close(): void {
    if (!this.#db.isOpen) return;
    this.#scheduledCommit(); // also answers whoever waits for it
    this.#statements.clear();
    this.#db.close();
  }

  #begin(): void {
    if (this.#open) return;
    this.#db.exec('BEGIN');
    this.#open = true;
    this.#schedule(() => this.#scheduledCommit());
  }

  #scheduledCommit(): void {
    if (!this.#db.isOpen) return;
    const waiting = this.#waiting;
    this.#waiting = [];
    try {
      this.commit();
    } catch (error) {
      if (waiting.length === 0) this.#failure = error;
      for (const waiter of waiting) waiter.reject(error);
      return;
    }
    for (const waiter of waiting) waiter.resolve();
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

export type SqlValue = string | number | bigint | null | Uint8Array;
