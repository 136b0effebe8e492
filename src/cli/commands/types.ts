import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadDefinition } from '../../definition/load-definition.ts';
import { parseDefinition } from '../../definition/parse-definition.ts';
import { bindingDeclarations } from '../../project/binding-types.ts';
import { findFunction, listFunctions } from '../../project/function-folders.ts';
import { loadProject } from '../../project/project-config.ts';
import type { CommandContext } from '../command-context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

/** `eventing-dev types [fn...]`: writes bindings.d.ts into each function folder. */
export async function typesCommand(names: string[], context: CommandContext): Promise<ExitCode> {
  const { io, cwd } = context;
  const project = loadProject(cwd);
  const folders =
    names.length > 0 ? names.map((name) => findFunction(project, name)) : listFunctions(project);
  for (const folder of folders) {
    const { definition } = parseDefinition((await loadDefinition(folder.dir)).definition);
    const path = join(folder.dir, 'bindings.d.ts');
    writeFileSync(path, bindingDeclarations(definition));
    io.out(`Wrote ${relative(cwd, path)}\n`);
  }
  if (folders.length === 0) {
    io.err(
      `No function folders in ${relative(cwd, project.functionsDir) || '.'}\nhint: add one with eventing-dev init --template basic --name <fn>\n`,
    );
    return EXIT.failed;
  }
  return EXIT.ok;
}
