import { readFileSync } from 'node:fs';

// The shim is part of this package, not user input: it is the one thing runtime/ reads from
// disk, once per process, so every isolate after the first skips the file reads.

const shimRoot = new URL('../shim/', import.meta.url);
const sources = new Map<string, string>();

/** Source text of a shim module, by its path relative to the shim folder (e.g. `index.js`). */
export function shimModuleSource(path: string): string {
  let source = sources.get(path);
  if (source === undefined) {
    source = readFileSync(new URL(path, shimRoot), 'utf8');
    sources.set(path, source);
  }
  return source;
}
