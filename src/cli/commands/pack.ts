import { existsSync, realpathSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DEFINITION_FILE, HANDLER_FILE, loadDefinition } from '../../definition/load-definition.ts';
import { parseDefinition } from '../../definition/parse-definition.ts';
import { EventingDevError } from '../../errors.ts';
import { findFunction, unpackDefinitions } from '../../project/function-folders.ts';
import { loadProject } from '../../project/project-config.ts';
import type { CommandContext } from '../command-context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { readUserFile } from '../read-user-file.ts';

/** `eventing-dev pack <fn> [-o file] [--force]`: the single-file definition, validated. */
export async function packCommand(
  name: string,
  options: { output?: string; force?: boolean },
  context: CommandContext,
): Promise<ExitCode> {
  const { io } = context;
  const folder = findFunction(loadProject(context.cwd), name, context.cwd);
  const { definition } = await loadDefinition(folder.dir);
  // What goes to a cluster must be a definition the cluster accepts.
  parseDefinition(definition);
  const text = `${JSON.stringify([definition], null, 2)}\n`;
  if (options.output) {
    const path = resolve(context.cwd, options.output);
    refuseOutput(path, folder.dir, options.force === true);
    writeFileSync(path, text);
    io.err(`Wrote ${options.output}\n`);
  } else {
    io.out(text);
  }
  return EXIT.ok;
}

/** -o never replaces the function's own files, and any other file only with --force. */
function refuseOutput(path: string, functionDir: string, force: boolean): void {
  const own = [HANDLER_FILE, DEFINITION_FILE].map((file) => join(functionDir, file));
  const real = (file: string) => (existsSync(file) ? realpathSync(file) : resolve(file));
  if (own.some((file) => existsSync(file) && real(file) === real(path))) {
    throw new EventingDevError(
      'FILE_EXISTS',
      `${path} is the function's own ${path.endsWith('.js') ? 'code' : 'definition'}`,
      { hint: 'Write the packed definition elsewhere, e.g. -o export.json.' },
    );
  }
  if (existsSync(path) && !force) {
    throw new EventingDevError('FILE_EXISTS', `${path} already exists`, {
      hint: 'Pass --force to replace it, or choose another -o file.',
    });
  }
}

/** `eventing-dev unpack <export.json> [--force]`: one function folder per definition. */
export async function unpackCommand(
  file: string,
  options: { force?: boolean },
  context: CommandContext,
): Promise<ExitCode> {
  const { io } = context;
  // A missing or unreadable file is reported as such (one line), apart from bad JSON.
  const text = readUserFile(context.cwd, file);
  let exported: unknown;
  try {
    exported = JSON.parse(text);
  } catch (cause) {
    throw new EventingDevError(
      'DEFINITION_INVALID',
      `Cannot read ${file} as JSON: ${(cause as Error).message}`,
      {
        hint: 'Unpack a file written by GET /api/v1/export, the web UI export, or eventing-dev pack.',
        cause,
      },
    );
  }
  const folders = unpackDefinitions(exported, loadProject(context.cwd).functionsDir, options.force);
  for (const folder of folders)
    io.out(`Wrote ${relative(context.cwd, folder)}/handler.js and function.json\n`);
  return EXIT.ok;
}
