// What test helpers undo after every test: emulators to dispose, services and child processes
// to stop, folders to remove. Test files share their worker's modules, so a helper module is
// evaluated once per worker and an `afterEach` at its top level would be registered for the
// first test file that imports it only; test/setup.ts instead registers one hook for every
// file, which runs what helpers registered here.

const cleanups: Array<() => unknown> = [];

/** Runs `cleanup` after every test of every file, after the file's own afterEach hooks. */
export function afterEachTest(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}

/**
 * Runs every registered cleanup, the last registered first, as vitest runs a file's afterEach
 * hooks: a helper registers after the helpers it imports, so what it built on them (a watch
 * session on a served cluster, say) is undone before they are.
 */
export async function runCleanups(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) await cleanup();
}
