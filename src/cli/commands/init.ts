import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { TEST_SCRIPT, type TestScriptOutcome } from '../../project/package-test-script.ts';
import { scaffold } from '../../project/scaffold.ts';
import type { CommandContext } from '../command-context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

const { version } = JSON.parse(
  readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
) as { version: string };

/** `eventing-dev init [dir] [--template t] [--name fn]`. */
export async function initCommand(
  dir: string,
  options: { template: string; name?: string },
  context: CommandContext,
): Promise<ExitCode> {
  const { io } = context;
  const result = scaffold(resolve(context.cwd, dir), options.template, options.name, version);
  // Paths inside the working directory are shown relative to it, others in full.
  const shown = (path: string) => {
    const inside = relative(context.cwd, path);
    return inside.startsWith('..') || isAbsolute(inside) ? path : inside || '.';
  };
  io.out(
    result.createdProject ? `Created a function project in ${shown(result.projectRoot)}\n` : '',
  );
  io.out(`Added function ${shown(result.functionDir)} from the ${options.template} template:\n`);
  for (const file of result.files) io.out(`  ${shown(file)}\n`);
  const scriptNote = describeTestScript(result.testScript);
  if (scriptNote) io.out(`\n${scriptNote}\n`);
  const root = shown(result.projectRoot);
  const steps = [
    root === '.' ? undefined : `cd ${root}`,
    // A package.json of ours names eventing-dev; one that was there may not yet.
    result.files.some((file) => file.endsWith('package.json')) ? 'npm install' : undefined,
    'npx eventing-dev test',
  ].filter((step) => step !== undefined);
  io.out(`\nNext:\n${steps.map((step) => `  ${step}\n`).join('')}`);
  return EXIT.ok;
}

/** What init did to package.json's "test" script, when there was a package.json already. */
function describeTestScript(outcome: TestScriptOutcome | undefined): string | undefined {
  const line = `"test": "${TEST_SCRIPT}"`;
  switch (outcome?.kind) {
    case 'added':
      return `Added ${line} to package.json, so npm test runs the function tests.`;
    case 'replaced-placeholder':
      return `Replaced npm's placeholder test script in package.json with ${line}.`;
    case 'kept':
      return outcome.previous === TEST_SCRIPT
        ? undefined
        : `Kept package.json's own test script (${outcome.previous}); for npm test to run the function tests, make it ${line} (or add it to yours).`;
    default:
      return undefined;
  }
}
