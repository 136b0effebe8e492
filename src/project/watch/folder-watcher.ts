import { basename, dirname, resolve } from 'node:path';
import { watch } from 'chokidar';
import { DEFINITION_FILE, HANDLER_FILE } from '../../definition/load-definition.ts';

// Which file-system events are saves of a function. Only the two files that make a function
// count, matched by exact name: editors' swap files (.handler.js.swp), backups (handler.js~),
// lock links (.#handler.js), vim's write probe (4913) and the temporary files of atomic saves
// (handler.js.tmp-123, handler.js___jb_tmp___) never match, so they cause nothing. chokidar's
// `atomic` turns the unlink + add of a save by rename into one change.

/** The files of a function folder whose saves are pushed or checked. */
export type WatchedFile = typeof HANDLER_FILE | typeof DEFINITION_FILE;

/** `handler.js` or `function.json` for a path to one of them, undefined for anything else. */
export function watchedFileOf(path: string): WatchedFile | undefined {
  const name = basename(path);
  return name === HANDLER_FILE || name === DEFINITION_FILE ? name : undefined;
}

export interface FolderWatcher {
  close(): Promise<void>;
}

export interface FolderWatchOptions {
  /** Absolute paths of the function folders. */
  folders: readonly string[];
  /** A watched file of `folder` was written, replaced or removed. */
  onSave: (folder: string, file: WatchedFile) => void;
  /** The watcher itself failed (too many watched files, a permission problem). */
  onError: (error: unknown) => void;
}

/**
 * Watches the function folders (not their subfolders) and resolves once the initial scan is
 * done, so that a save made after it is never missed.
 */
export async function watchFolders(options: FolderWatchOptions): Promise<FolderWatcher> {
  const folders = new Set(options.folders.map((folder) => resolve(folder)));
  const watcher = watch([...folders], {
    ignoreInitial: true,
    depth: 0,
    // Anything but the folders themselves and their two files: nothing else is even stat'ed.
    ignored: (path) => !folders.has(resolve(path)) && watchedFileOf(path) === undefined,
    atomic: true,
  });
  const report = (path: string) => {
    const file = watchedFileOf(path);
    const folder = resolve(dirname(path));
    if (file && folders.has(folder)) options.onSave(folder, file);
  };
  watcher.on('add', report).on('change', report).on('unlink', report);
  watcher.on('error', options.onError);
  await new Promise<void>((ready, fail) => {
    watcher.once('ready', ready);
    watcher.once('error', fail);
  });
  return { close: () => watcher.close() };
}
