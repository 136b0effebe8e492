import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The "test" script of a project's package.json: `npm test` should run the function tests.
// A package.json written by `npm init -y` has a placeholder that only fails; it is replaced.
// A script of the user's own is kept, and `eventing-dev init` says what to change.

/** The command `npm test` runs in a project of ours. */
export const TEST_SCRIPT = 'eventing-dev test';

/** What became of package.json's "test" script. */
export type TestScriptOutcome =
  | { kind: 'created' }
  | { kind: 'added' }
  | { kind: 'replaced-placeholder'; previous: string }
  | { kind: 'kept'; previous: string };

/** npm init's "test" script: it prints "Error: no test specified" and fails. */
function isNpmPlaceholder(script: string): boolean {
  return /no test specified/.test(script) && /exit 1\s*$/.test(script);
}

/**
 * Gives the package.json in `root` the test script: writes `fresh` when there is no
 * package.json, adds the script to one without, replaces npm's placeholder, keeps any other.
 */
export function ensureTestScript(root: string, fresh: () => string): TestScriptOutcome {
  const path = join(root, 'package.json');
  if (!existsSync(path)) {
    writeFileSync(path, fresh());
    return { kind: 'created' };
  }
  const text = readFileSync(path, 'utf8');
  const manifest = JSON.parse(text) as { scripts?: Record<string, string> };
  const previous = manifest.scripts?.test;
  if (previous === TEST_SCRIPT || (previous !== undefined && !isNpmPlaceholder(previous))) {
    return { kind: 'kept', previous };
  }
  manifest.scripts = { ...manifest.scripts, test: TEST_SCRIPT };
  const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  ';
  writeFileSync(path, `${JSON.stringify(manifest, null, indent)}\n`);
  return previous === undefined ? { kind: 'added' } : { kind: 'replaced-placeholder', previous };
}
