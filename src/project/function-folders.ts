import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { DEFINITION_FILE, HANDLER_FILE } from '../definition/load-definition.ts';
import { isValidAppname } from '../definition/parse-definition.ts';
import { EventingDevError } from '../errors.ts';
import type { Project } from './project-config.ts';

// A function folder holds the code (handler.js, a plain JavaScript file editors can lint) and
// the definition without it (function.json, otherwise Couchbase's export JSON). loadDefinition
// joins them into the single-file definition the REST API and the web UI import (pack);
// unpack splits an export back into folders.

export interface FunctionFolder {
  name: string;
  dir: string;
}

/** The function folders of a project: folders of the functions folder with a function.json. */
export function listFunctions(project: Project): FunctionFolder[] {
  if (!existsSync(project.functionsDir)) return [];
  return readdirSync(project.functionsDir, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && existsSync(join(project.functionsDir, entry.name, DEFINITION_FILE)),
    )
    .map((entry) => ({ name: entry.name, dir: join(project.functionsDir, entry.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A function folder by its name in the project, or by its path. */
export function findFunction(
  project: Project,
  nameOrPath: string,
  cwd = process.cwd(),
): FunctionFolder {
  const byName = listFunctions(project).find((folder) => folder.name === nameOrPath);
  if (byName) return byName;
  const dir = resolve(cwd, nameOrPath);
  if (existsSync(join(dir, DEFINITION_FILE))) return { name: nameOrPath, dir };
  const known = listFunctions(project).map((folder) => folder.name);
  throw new EventingDevError('FUNCTION_NOT_FOUND', `No function folder "${nameOrPath}"`, {
    hint: `Functions of this project: ${known.join(', ') || 'none'} (in ${project.functionsDir}).`,
  });
}

/**
 * Writes one folder per definition of an export (an object or an array of them) under
 * `functionsDir`, named after each appname. Existing folders are left alone unless `force`.
 * Returns the folders written.
 */
export function unpackDefinitions(
  exported: unknown,
  functionsDir: string,
  force = false,
): string[] {
  const definitions = Array.isArray(exported) ? exported : [exported];
  const folders = definitions.map((definition, index) => {
    const appname = (definition as { appname?: unknown } | null)?.appname;
    if (typeof appname !== 'string') {
      throw new EventingDevError(
        'DEFINITION_INVALID',
        `Definition ${index} of the export has no appname`,
        {
          hint: 'Unpack a file written by GET /api/v1/export, the web UI export, or eventing-dev pack.',
        },
      );
    }
    // The name becomes a folder name: nothing the server would refuse, so nothing like `../x`.
    if (!isValidAppname(appname)) {
      throw new EventingDevError(
        'DEFINITION_INVALID',
        `Definition ${index} of the export has an invalid appname ${JSON.stringify(appname)}`,
        {
          hint: 'A function name starts with a letter or digit and has only letters, digits, _ and - (at most 100).',
        },
      );
    }
    // The rest keeps its order, so that pack gives back the export as it was.
    const { appcode, ...rest } = definition as Record<string, unknown>;
    const dir = join(functionsDir, appname);
    if (existsSync(dir) && !force) {
      throw new EventingDevError('FILE_EXISTS', `${dir} already exists`, {
        hint: 'Pass --force to overwrite it.',
      });
    }
    return {
      dir,
      handler: typeof appcode === 'string' ? appcode : '',
      definition: rest,
    };
  });
  for (const folder of folders) refuseLinksOut(functionsDir, folder.dir);
  for (const folder of folders) {
    mkdirSync(folder.dir, { recursive: true });
    writeFileSync(join(folder.dir, HANDLER_FILE), folder.handler);
    writeFileSync(
      join(folder.dir, DEFINITION_FILE),
      `${JSON.stringify(folder.definition, null, 2)}\n`,
    );
  }
  return folders.map((folder) => folder.dir);
}

/**
 * Unpack overwrites a function folder only as plain files inside the functions folder: a
 * folder, handler.js or function.json that is a symbolic link would let an export write
 * wherever the link points.
 * @throws EventingDevError `FILE_EXISTS` naming the link.
 */
function refuseLinksOut(functionsDir: string, dir: string): void {
  for (const path of [dir, join(dir, HANDLER_FILE), join(dir, DEFINITION_FILE)]) {
    if (!lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) continue;
    throw new EventingDevError(
      'FILE_EXISTS',
      `${path} is a symbolic link (to ${realTarget(path)}); unpack writes only plain files in the project`,
      { hint: 'Remove the link (or unpack into another project), then unpack again.' },
    );
  }
  if (existsSync(dir)) {
    const inside = relative(realpathSync(functionsDir), realpathSync(dir));
    if (inside.startsWith(`..${sep}`) || inside === '..') {
      throw new EventingDevError('FILE_EXISTS', `${dir} leads out of ${functionsDir}`, {
        hint: 'Remove it (or unpack into another project), then unpack again.',
      });
    }
  }
}

function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return 'nothing';
  }
}
