import { join } from 'node:path';
import type { CheckpointJournal } from '../checkpoints.ts';
import type { PendingTimer } from '../timer-store.ts';
import { AppLogFile } from './app-log-file.ts';
import type { EmulatorStorage, TimerJournal } from './emulator-storage.ts';
import { SqliteDatabase } from './sqlite-database.ts';
import { createSqliteDocumentTable } from './sqlite-document-table.ts';

/** Emulator storage in one SQLite database file, and the database for the rest of the service. */
export interface SqliteStorage extends EmulatorStorage {
  readonly database: SqliteDatabase;
  /** A function's pending timers as recorded, earliest first. */
  pendingTimers(functionName: string): PendingTimer[];
}

/**
 * Opens (creating it if needed) a database file for the emulator's documents, timers and
 * checkpoints; with `appLogDir`, each function's app log goes to `<appLogDir>/<function>.log`,
 * rotated; `schedule` decides when a write's transaction commits (default: a microtask later).
 * @throws Error when the file is not a database this version of eventing-dev can use.
 */
export function openSqliteStorage(
  path: string,
  options: { appLogDir?: string; schedule?: (commit: () => void) => void } = {},
): SqliteStorage {
  const database = new SqliteDatabase(path, options.schedule);
  const { appLogDir } = options;
  return {
    database,
    documents: createSqliteDocumentTable(database),
    timers: (functionName) => timerJournal(database, functionName),
    checkpoints: (functionName) => checkpointJournal(database, functionName),
    ...(appLogDir === undefined
      ? {}
      : {
          appLogFile: (functionName: string, limits: { maxSize: number; maxFiles: number }) =>
            new AppLogFile(join(appLogDir, `${functionName}.log`), limits),
        }),
    pendingTimers(functionName) {
      return database
        .all<Omit<PendingTimer, 'context'> & { context: string | null }>(
          'SELECT callback, reference, due, context FROM timers WHERE function = ? ORDER BY due',
          functionName,
        )
        .map((row) => ({ ...row, context: row.context ?? (undefined as unknown as string) }));
    },
  };
}

function timerJournal(db: SqliteDatabase, name: string): TimerJournal {
  return {
    put(timer) {
      db.run(
        'INSERT OR REPLACE INTO timers (function, callback, reference, due, context) VALUES (?, ?, ?, ?, ?)',
        name,
        timer.callback,
        timer.reference,
        timer.due,
        timer.context ?? null,
      );
    },
    delete(callback, reference) {
      db.run(
        'DELETE FROM timers WHERE function = ? AND callback = ? AND reference = ?',
        name,
        callback,
        reference,
      );
    },
    clear() {
      db.run('DELETE FROM timers WHERE function = ?', name);
    },
  };
}

function checkpointJournal(db: SqliteDatabase, name: string): CheckpointJournal {
  return {
    load() {
      const rows = db.all<{ vb: number; seq: number }>(
        'SELECT vb, seq FROM checkpoints WHERE function = ?',
        name,
      );
      return new Map(rows.map((row) => [row.vb, row.seq]));
    },
    put(vb, seq) {
      db.run(
        'INSERT OR REPLACE INTO checkpoints (function, vb, seq) VALUES (?, ?, ?)',
        name,
        vb,
        seq,
      );
    },
    clear() {
      db.run('DELETE FROM checkpoints WHERE function = ?', name);
    },
  };
}
