import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDefinition } from '../../definition/parse-definition.ts';
import { importDocuments } from '../../emulator/emulator-state.ts';
import type { SqliteStorage } from '../../emulator/storage/sqlite-storage.ts';
import { Store } from '../../emulator/store.ts';
import { EventingDevError } from '../../errors.ts';
import { readDefinition } from '../definition-input.ts';
import type { ServiceSnapshot } from '../persistence.ts';
import type { ServiceRows } from './service-rows.ts';

// Data directories written before the database kept everything in one state.json snapshot.
// It is moved into the database once, in one transaction, then renamed state.json.migrated
// (kept as the user's backup). A snapshot that does not load is refused and left as it was.

export const LEGACY_FILE = 'state.json';
const MIGRATED_MARK = 'migrated:state.json';

/** Moves a state.json of the directory, if any, into the database. */
export async function migrateLegacyState(
  dir: string,
  storage: SqliteStorage,
  rows: ServiceRows,
): Promise<void> {
  const path = join(dir, LEGACY_FILE);
  const snapshot = await readSnapshot(path);
  if (!snapshot) return;
  const db = storage.database;
  // A migration that committed but was stopped before the rename only needs the rename.
  if (!db.get('SELECT 1 FROM settings WHERE name = ?', MIGRATED_MARK)) {
    try {
      validate(snapshot);
    } catch (error) {
      throw unreadable(path, (error as Error).message, error);
    }
    db.hold();
    try {
      importDocuments(
        new Store({ now: () => 0 }, () => undefined, storage.documents),
        snapshot.emulator.documents,
      );
      for (const state of snapshot.emulator.functions) {
        const journal = storage.timers(state.definition.appname);
        for (const timer of state.timers) journal.put(timer);
      }
      rows.write(snapshot);
      db.run('INSERT INTO settings (name, value) VALUES (?, ?)', MIGRATED_MARK, '1');
    } catch (error) {
      db.rollback();
      throw unreadable(path, (error as Error).message, error);
    }
    db.release();
  }
  await rename(path, `${path}.migrated`);
}

/** What a restart would otherwise find wrong only while taking up the snapshot. */
function validate(snapshot: ServiceSnapshot): void {
  for (const record of snapshot.functions) readDefinition(record.definition);
  for (const state of snapshot.emulator.functions) parseDefinition(state.definition);
}

async function readSnapshot(path: string): Promise<ServiceSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(path, (error as Error).message, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw unreadable(path, `not valid JSON (${(error as Error).message})`, error);
  }
  if (!isSnapshot(parsed)) throw unreadable(path, 'not an eventing-dev serve snapshot (version 1)');
  return parsed;
}

function isSnapshot(value: unknown): value is ServiceSnapshot {
  const snapshot = value as Partial<ServiceSnapshot> | null;
  return (
    typeof snapshot === 'object' &&
    snapshot !== null &&
    snapshot.format === 'eventing-dev-serve' &&
    snapshot.version === 1 &&
    Array.isArray(snapshot.functions) &&
    typeof snapshot.config === 'object' &&
    snapshot.config !== null &&
    snapshot.emulator?.version === 1 &&
    Array.isArray(snapshot.emulator.documents) &&
    Array.isArray(snapshot.emulator.functions)
  );
}

/** The error for a data file that cannot be used; the file is never written over. */
export function unreadable(path: string, reason: string, cause?: unknown): EventingDevError {
  return new EventingDevError('CONFIG_INVALID', `Cannot load the data file ${path}: ${reason}`, {
    hint: 'eventing-dev never overwrites a data file it cannot load. Move it away (or restore a copy) and start serve again.',
    cause,
  });
}
