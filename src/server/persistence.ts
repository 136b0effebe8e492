import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { FunctionDefinition } from '../definition/types.ts';
import type { EmulatorState } from '../emulator/emulator-state.ts';
import { EventingDevError } from '../errors.ts';
import type { StoredConfigs } from './global-config.ts';

// The data directory of `serve --data-dir`: one snapshot of everything, replaced atomically
// (written to a temporary file, flushed, renamed over the old one), so a kill at any moment
// leaves either the previous snapshot or the new one. Saves requested while one is being
// written share the next write, so a burst of requests costs a few writes, not one each.

/** Everything the local service keeps across restarts. */
export interface ServiceSnapshot {
  format: 'eventing-dev-serve';
  version: 1;
  /** Documents, functions as the emulator runs them, pending timers. */
  emulator: EmulatorState;
  /** The REST API's view of each function: location, stored definition, ids. */
  functions: StoredFunction[];
  config: StoredConfigs;
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

const STATE_FILE = 'state.json';
const LOCK_FILE = 'serve.lock';

/** Where snapshots go: a data directory, or nowhere (in memory). */
export interface Persistence {
  /** The snapshot found at start-up. */
  readonly loaded: ServiceSnapshot | undefined;
  /** Resolves once a snapshot taken after this call is on disk. */
  save(): Promise<void>;
  /** Tells persistence how to take a snapshot; saves before this are refused. */
  attach(take: () => ServiceSnapshot): void;
  /** Writes a last snapshot and releases the directory. */
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

/**
 * Opens (creating it if needed) and locks a data directory and reads its snapshot.
 * @throws EventingDevError `CONFIG_INVALID` when the snapshot cannot be read (it is then left
 *   untouched) or another process uses the directory.
 */
export async function openDataDir(dir: string): Promise<Persistence> {
  await mkdir(dir, { recursive: true });
  await lock(dir);
  try {
    return new DataDir(dir, await readSnapshot(join(dir, STATE_FILE)));
  } catch (error) {
    await unlink(join(dir, LOCK_FILE)).catch(() => undefined);
    throw error;
  }
}

class DataDir implements Persistence {
  readonly loaded: ServiceSnapshot | undefined;
  readonly #dir: string;
  #take: (() => ServiceSnapshot) | undefined;
  #tail: Promise<void> = Promise.resolve();
  #next: Promise<void> | undefined;
  #closed = false;

  constructor(dir: string, loaded: ServiceSnapshot | undefined) {
    this.#dir = dir;
    this.loaded = loaded;
  }

  attach(take: () => ServiceSnapshot): void {
    this.#take = take;
  }

  save(): Promise<void> {
    // A write that has not started yet will take its snapshot after this change: share it.
    if (this.#next) return this.#next;
    const next = this.#tail.then(() => {
      this.#next = undefined;
      return this.#write();
    });
    this.#next = next;
    this.#tail = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.save();
    this.#closed = true;
    await unlink(join(this.#dir, LOCK_FILE)).catch(() => undefined);
  }

  async #write(): Promise<void> {
    if (!this.#take || this.#closed) return;
    const text = JSON.stringify(this.#take());
    const target = join(this.#dir, STATE_FILE);
    const temporary = `${target}.${process.pid}.tmp`;
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
    await syncDirectory(this.#dir);
  }
}

/** Makes the rename itself durable; not every platform can open a directory for this. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot; the rename is still atomic there.
  }
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

/** One serve per data directory: a second one would overwrite the first one's snapshots. */
async function lock(dir: string): Promise<void> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (isAlive(owner)) {
      throw new EventingDevError(
        'CONFIG_INVALID',
        `The data directory ${dir} is in use by process ${owner}`,
        { hint: 'Stop the other eventing-dev serve, or give this one another --data-dir.' },
      );
    }
    // Left behind by a process that was killed: take the directory over.
    await unlink(path).catch(() => undefined);
  }
  throw new EventingDevError('CONFIG_INVALID', `Cannot lock the data directory ${dir}`, {
    hint: `Remove ${path} if no eventing-dev serve is running.`,
  });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
