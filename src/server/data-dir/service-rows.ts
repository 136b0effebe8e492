import type { FunctionState } from '../../emulator/emulator-state.ts';
import type { SqliteDatabase } from '../../emulator/storage/sqlite-database.ts';
import type { StoredConfigs } from '../global-config.ts';
import type { ServiceSnapshot, StoredFunction } from '../persistence.ts';

// Functions, the global config and bucket settings as rows: a function's row is written when something in it
// changed (definitions are replaced, never edited in place, so comparing fields is enough), so
// saving after a document write costs a comparison per function, not a rewrite.

/** A function's row: the emulator's state of it (timers have a table of their own) and its REST record. */
interface FunctionRow {
  state: Omit<FunctionState, 'timers'>;
  record: StoredFunction | undefined;
}

const CONFIG_PREFIX = 'config:';
const BUCKET_PREFIX = 'bucket:';
const KEYSPACE_PREFIX = 'keyspace:';

export class ServiceRows {
  readonly #db: SqliteDatabase;
  readonly #written = new Map<string, FunctionRow>();
  /** The JSON last written under each settings prefix, so that an unchanged map is not written. */
  readonly #settings = new Map<string, string>();

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  /** Writes what changed since the last call (or since the rows were read). */
  write(snapshot: Omit<ServiceSnapshot, 'format' | 'version'>): void {
    const records = new Map(snapshot.functions.map((record) => [record.internalName, record]));
    const seen = new Set<string>();
    for (const { timers: _timers, ...state } of snapshot.emulator.functions) {
      const name = state.definition.appname;
      seen.add(name);
      const row: FunctionRow = { state, record: records.get(name) };
      const last = this.#written.get(name);
      if (last && sameFields(last.state, row.state) && sameFields(last.record, row.record))
        continue;
      this.#db.run(
        'INSERT OR REPLACE INTO functions (name, body) VALUES (?, ?)',
        name,
        JSON.stringify(row),
      );
      this.#written.set(name, row);
    }
    for (const name of this.#written.keys()) {
      if (seen.has(name)) continue;
      this.#db.run('DELETE FROM functions WHERE name = ?', name);
      this.#written.delete(name);
    }
    this.#writeSettings(CONFIG_PREFIX, snapshot.config);
    this.#writeSettings(BUCKET_PREFIX, snapshot.buckets ?? {});
    this.#writeSettings(KEYSPACE_PREFIX, snapshot.createdKeyspaces ?? {});
  }

  /** The functions, config and buckets as stored, as a snapshot without documents or timers. */
  read(): Pick<ServiceSnapshot, 'config' | 'buckets' | 'createdKeyspaces'> & {
    states: FunctionState[];
    records: StoredFunction[];
  } {
    const rows = this.#db.all<{ name: string; body: string }>('SELECT name, body FROM functions');
    const states: FunctionState[] = [];
    const records: StoredFunction[] = [];
    for (const { name, body } of rows) {
      const row = JSON.parse(body) as FunctionRow;
      states.push({ ...row.state, timers: [] });
      if (row.record) records.push(row.record);
      this.#written.set(name, row);
    }
    const config = this.#readSettings(CONFIG_PREFIX) as StoredConfigs;
    const buckets = this.#readSettings(BUCKET_PREFIX) as ServiceSnapshot['buckets'];
    const createdKeyspaces = this.#readSettings(
      KEYSPACE_PREFIX,
    ) as ServiceSnapshot['createdKeyspaces'];
    return { states, records, config, buckets, createdKeyspaces };
  }

  #readSettings(prefix: string): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    const rows = this.#db.all<{ name: string; value: string }>(
      `SELECT name, value FROM settings WHERE name LIKE '${prefix}%'`,
    );
    for (const { name, value } of rows) values[name.slice(prefix.length)] = JSON.parse(value);
    this.#settings.set(prefix, JSON.stringify(values));
    return values;
  }

  #writeSettings(prefix: string, values: Record<string, unknown>): void {
    const text = JSON.stringify(values);
    if (text === (this.#settings.get(prefix) ?? '{}')) return;
    this.#db.run(`DELETE FROM settings WHERE name LIKE '${prefix}%'`);
    for (const [name, value] of Object.entries(values)) {
      this.#db.run(
        'INSERT INTO settings (name, value) VALUES (?, ?)',
        prefix + name,
        JSON.stringify(value),
      );
    }
    this.#settings.set(prefix, text);
  }
}

/** Same keys with identical values (objects by identity). */
function sameFields(a: object | undefined, b: object | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const left = Object.entries(a);
  if (left.length !== Object.keys(b).length) return false;
  return left.every(([key, value]) => (b as Record<string, unknown>)[key] === value);
}
