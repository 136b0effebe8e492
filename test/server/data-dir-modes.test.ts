import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { closeServices, definition, serve } from './serve-harness.ts';

// What serve writes under --data-dir is readable by the user alone: folders 0700, files 0600.

afterEach(closeServices);

/** Every file and folder under `dir` with its permission bits, as `path: mode`. */
function modes(dir: string): Record<string, string> {
  const found: Record<string, string> = { '.': (statSync(dir).mode & 0o777).toString(8) };
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      found[relative(dir, path)] = (statSync(path).mode & 0o777).toString(8);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return found;
}

it('keeps the data directory, its database, logs and lock for the user alone', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'eventing-dev-modes-')), 'data');
  const { call } = await serve({ dataDir });
  const created = await call('POST', '/api/v1/functions/logger', { body: definition('logger') });
  expect(created.status).toBe(200);
  const found = modes(dataDir);
  expect(found['.']).toBe('700');
  expect(found['eventing-dev.sqlite']).toBe('600');
  expect(found['serve.lock']).toBe('600');
  const others = Object.entries(found).filter(([path, mode]) =>
    path === '.' || statSync(join(dataDir, path)).isDirectory() ? mode !== '700' : mode !== '600',
  );
  expect(others).toEqual([]);
});
