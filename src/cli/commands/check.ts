import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { EventingDevError } from '../../errors.ts';
import { checkFunctions } from '../../project/check-functions.ts';
import { findFunction, listFunctions } from '../../project/function-folders.ts';
import { loadProject } from '../../project/project-config.ts';
import type { CommandContext } from '../command-context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { describeReport } from '../output/check-report.ts';

export interface CheckCommandOptions {
  json?: boolean;
  allowInterbucketRecursion?: boolean;
}

/**
 * `eventing-dev check [function...]`: validates functions (every function of the project when
 * none is named) and loads their handlers into a real isolate, as a save on the server would,
 * then checks them together for recursion, without a cluster.
 */
export async function checkCommand(
  targets: string[],
  options: CheckCommandOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const out = context.io.out;
  const report = await checkFunctions(resolveTargets(targets, context.cwd), {
    cwd: context.cwd,
    allowInterbucketRecursion: options.allowInterbucketRecursion ?? false,
  });
  if (options.json) {
    const functions = report.functions.map(({ definition: _, ...check }) => check);
    out(`${JSON.stringify({ ok: report.ok, functions, recursion: report.recursion }, null, 2)}\n`);
  } else out(describeReport(report));
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** Paths as given, names of the project's functions, or all of them. */
function resolveTargets(targets: string[], cwd: string): string[] {
  const project = loadProject(cwd);
  if (targets.length === 0) {
    const all = listFunctions(project).map((folder) => relative(cwd, folder.dir));
    if (all.length === 0) {
      throw new EventingDevError(
        'FUNCTION_NOT_FOUND',
        `No function folders in ${relative(cwd, project.functionsDir) || '.'}`,
        {
          hint: 'Name definition files or function folders, or run check in a project (eventing-dev init creates one).',
        },
      );
    }
    return all;
  }
  // Anything that looks like a path is one (and is reported as unreadable if it is not there).
  const isPath = (target: string) =>
    existsSync(resolve(cwd, target)) || target.includes('/') || target.endsWith('.json');
  return targets.map((target) =>
    isPath(target) ? target : relative(cwd, findFunction(project, target).dir),
  );
}
