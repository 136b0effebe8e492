import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { loadDefinition } from '../../definition/load-definition.ts';
import { parseDefinition } from '../../definition/parse-definition.ts';
import { EventingDevError } from '../../errors.ts';
import { findFunction, unpackDefinitions } from '../../project/function-folders.ts';
import { loadProject } from '../../project/project-config.ts';
import type { CommandContext } from '../command-context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

/** `eventing-dev pack <fn> [-o file]`: the single-file definition, validated. */
export async function packCommand(
  name: string,
  options: { output?: string },
  context: CommandContext,
): Promise<ExitCode> {
  const { io } = context;
  const folder = findFunction(loadProject(context.cwd), name);
  const { definition } = await loadDefinition(folder.dir);
  // What goes to a cluster must be a definition the cluster accepts.
  parseDefinition(definition);
  const text = `${JSON.stringify([definition], null, 2)}\n`;
  if (options.output) {
    writeFileSync(options.output, text);
    io.err(`Wrote ${options.output}\n`);
  } else {
    io.out(text);
  }
  return EXIT.ok;
}

/** `eventing-dev unpack <export.json> [--force]`: one function folder per definition. */
export async function unpackCommand(
  file: string,
  options: { force?: boolean },
  context: CommandContext,
): Promise<ExitCode> {
  const { io } = context;
  let exported: unknown;
  try {
    exported = JSON.parse(readFileSync(file, 'utf8'));
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
