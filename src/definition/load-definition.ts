import { readFile } from 'node:fs/promises';
import { EventingDevError } from '../errors.ts';

/**
 * Reads a definition file as Couchbase exports it (a JSON object or a one-element array). The
 * content is returned unvalidated; parseDefinition reports its problems.
 */
export async function loadDefinition(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new EventingDevError('FILE_NOT_FOUND', `Cannot read function definition ${path}`, {
      hint: 'Pass the path of a definition .json file (as exported by Couchbase) or the definition object itself.',
      cause,
    });
  }
  return text;
}
