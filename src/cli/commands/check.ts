import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { EventingDevError } from '../../errors.ts';
import {
  type ChecksReport,
  checkFunctions,
  type FunctionCheck,
} from '../../project/check-functions.ts';
import { findFunction, listFunctions } from '../../project/function-folders.ts';
import { loadProject } from '../../project/project-config.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

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
  out: (text: string) => void,
): Promise<ExitCode> {
  const report = await checkFunctions(resolveTargets(targets), {
    allowInterbucketRecursion: options.allowInterbucketRecursion ?? false,
  });
  if (options.json) {
    const functions = report.functions.map(({ definition: _, ...check }) => check);
    out(`${JSON.stringify({ ok: report.ok, functions, recursion: report.recursion }, null, 2)}\n`);
  } else out(describeReport(report));
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** Paths as given, names of the project's functions, or all of them. */
function resolveTargets(targets: string[]): string[] {
  const project = loadProject(process.cwd());
  if (targets.length === 0) {
    const all = listFunctions(project).map((folder) => relative(process.cwd(), folder.dir));
    if (all.length === 0) {
      throw new EventingDevError(
        'FUNCTION_NOT_FOUND',
        `No function folders in ${relative(process.cwd(), project.functionsDir) || '.'}`,
        {
          hint: 'Name definition files or function folders, or run check in a project (eventing-dev init creates one).',
        },
      );
    }
    return all;
  }
  // Anything that looks like a path is one (and is reported as unreadable if it is not there).
  const isPath = (target: string) =>
    existsSync(target) || target.includes('/') || target.endsWith('.json');
  return targets.map((target) =>
    isPath(target) ? target : relative(process.cwd(), findFunction(project, target).dir),
  );
}

export function describeReport(report: ChecksReport): string {
  const lines = report.functions.flatMap(describeFunction);
  for (const finding of report.recursion) {
    const what =
      finding.kind === 'inter_bucket_recursion'
        ? `write cycle ${[...finding.functions, finding.functions[0]].join(' → ')}`
        : `functions ${finding.functions.join(' and ')} both write to their shared source`;
    lines.push(`FAIL  ${what}`, `      ${finding.message}`);
    for (const link of finding.links) lines.push(`      ${link}`);
  }
  const failing = report.functions.filter((check) => !check.ok).length;
  lines.push(
    `${report.functions.length} function${report.functions.length === 1 ? '' : 's'} checked: ${failing === 0 ? 'all load' : `${failing} failing`}${report.recursion.length > 0 ? `; ${report.recursion.length} recursion problem${report.recursion.length === 1 ? '' : 's'}` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

function describeFunction(check: FunctionCheck): string[] {
  const name = check.function ? ` function "${check.function}"` : '';
  const lines = [`${check.ok ? 'ok' : 'FAIL'}  ${check.file}${name}`];
  for (const problem of check.problems) lines.push(`      ${problem.path}: ${problem.message}`);
  for (const warning of check.warnings)
    lines.push(`      warning: ${warning.path}: ${warning.message}`);
  return lines;
}
