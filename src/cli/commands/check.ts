import { resolve } from 'node:path';
import { loadDefinition } from '../../definition/load-definition.ts';
import { validateDefinition } from '../../definition/parse-definition.ts';
import { createEmulator } from '../../emulator/emulator.ts';
import { EventingDevError, type Problem } from '../../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

export interface CheckOptions {
  json?: boolean;
}

interface CheckResult {
  file: string;
  function: string | undefined;
  ok: boolean;
  problems: Problem[];
  warnings: Problem[];
}

/**
 * `eventing-dev check <definition...>`: validates each definition (a .json file or a function
 * folder) and loads its handler into a real isolate, as a deploy would, without a cluster.
 */
export async function checkCommand(
  files: string[],
  options: CheckOptions,
  out: (text: string) => void,
): Promise<ExitCode> {
  const results: CheckResult[] = [];
  for (const file of files) results.push(await checkFile(file));
  if (options.json) out(`${JSON.stringify(results, null, 2)}\n`);
  else for (const result of results) out(describe(result));
  return results.every((result) => result.ok) ? EXIT.ok : EXIT.failed;
}

async function checkFile(file: string): Promise<CheckResult> {
  const result: CheckResult = { file, function: undefined, ok: false, problems: [], warnings: [] };
  let source: unknown;
  let handlerFile: string | undefined;
  try {
    ({ definition: source, handlerFile } = await loadDefinition(resolve(file)));
  } catch (error) {
    result.problems.push({ path: file, message: (error as Error).message });
    return result;
  }
  const validation = validateDefinition(source);
  result.warnings = validation.warnings;
  if (!validation.ok) {
    result.problems = validation.problems;
    return result;
  }
  result.function = validation.definition.appname;
  const em = await createEmulator();
  try {
    await em.deploy(validation.definition, {
      filename: handlerFile ?? `${validation.definition.appname}.js`,
    });
    result.ok = true;
  } catch (error) {
    if (!(error instanceof EventingDevError)) throw error;
    result.problems =
      error.problems.length > 0 ? error.problems : [{ path: file, message: error.message }];
  } finally {
    await em.dispose();
  }
  return result;
}

function describe(result: CheckResult): string {
  const name = result.function ? ` function "${result.function}"` : '';
  const lines = [`${result.ok ? 'ok' : 'FAIL'}  ${result.file}${name}`];
  for (const problem of result.problems) lines.push(`      ${problem.path}: ${problem.message}`);
  for (const warning of result.warnings)
    lines.push(`      warning: ${warning.path}: ${warning.message}`);
  return `${lines.join('\n')}\n`;
}
