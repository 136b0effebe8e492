import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EventingDevError } from '../errors.ts';

/** A function's definition as read from disk, not yet validated. */
export interface LoadedDefinition {
  /** The definition JSON text or object; parseDefinition reports its problems. */
  definition: unknown;
  /** The handler file, relative to the working directory, when the code has a file of its own. */
  handlerFile: string | undefined;
}

/** Files of a function folder: the code and the definition without it. */
export const HANDLER_FILE = 'handler.js';
export const DEFINITION_FILE = 'function.json';

/**
 * Reads a function from disk: a definition .json file as Couchbase exports it (an object or a
 * one-element array), or a function folder holding `handler.js` and `function.json`.
 */
export async function loadDefinition(path: string): Promise<LoadedDefinition> {
  const kind = await stat(path).catch((cause: unknown) => {
    throw new EventingDevError('FILE_NOT_FOUND', `Cannot read function definition ${path}`, {
      hint: 'Pass a definition .json file (as exported by Couchbase), a function folder with handler.js and function.json, or the definition object itself.',
      cause,
    });
  });
  if (!kind.isDirectory()) return { definition: await readText(path), handlerFile: undefined };
  const handlerPath = join(path, HANDLER_FILE);
  const [definitionText, appcode] = await Promise.all([
    readText(join(path, DEFINITION_FILE)),
    readText(handlerPath),
  ]);
  return {
    definition: withAppcode(definitionText, appcode, path),
    handlerFile: relative(process.cwd(), handlerPath),
  };
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new EventingDevError('FILE_NOT_FOUND', `Cannot read ${path}`, {
      hint: `A function folder holds ${HANDLER_FILE} (the code) and ${DEFINITION_FILE} (the definition without appcode).`,
      cause,
    });
  }
}

/** Puts the folder's handler code into its definition; a definition with code of its own is ambiguous. */
function withAppcode(definitionText: string, appcode: string, folder: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definitionText);
  } catch {
    return definitionText; // parseDefinition reports the syntax error with its position
  }
  const definition = Array.isArray(parsed) && parsed.length === 1 ? parsed[0] : parsed;
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition))
    return definition;
  if ('appcode' in definition) {
    throw new EventingDevError(
      'DEFINITION_INVALID',
      `${join(folder, DEFINITION_FILE)} contains appcode`,
      {
        hint: `In a function folder the code lives in ${HANDLER_FILE}; remove appcode from ${DEFINITION_FILE}.`,
      },
    );
  }
  // appcode first, as the server writes a definition, so a packed folder reads like an export.
  return { appcode, ...definition };
}
