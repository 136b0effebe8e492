import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Reads a file the user named, relative to `cwd`. A failure keeps Node's error code and always
 * carries the path (a folder fails on read, where Node names none), so that the CLI reports it
 * as one line: the path, what is wrong with it, and a hint.
 */
export function readUserFile(cwd: string, file: string): string {
  const path = resolve(cwd, file);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw Object.assign(error as Error, { path });
  }
}
