import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/cli-harness.ts';

// A project made by `eventing-dev init`, run by plain vitest instead of `eventing-dev test`:
// each way of getting it wrong ends with a message that names the fix.

const repo = fileURLToPath(new URL('../../', import.meta.url));

async function project(vitestConfig?: string): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-plain-'));
  await runInProcess(['init', '--name', 'copy'], { cwd });
  mkdirSync(join(cwd, 'node_modules'));
  symlinkSync(repo, join(cwd, 'node_modules', 'eventing-dev'));
  for (const dependency of ['vitest', 'fast-check']) {
    symlinkSync(join(repo, 'node_modules', dependency), join(cwd, 'node_modules', dependency));
  }
  if (vitestConfig) writeFileSync(join(cwd, 'vitest.config.mjs'), vitestConfig);
  return cwd;
}

function vitest(cwd: string) {
  const result = spawnSync(
    process.execPath,
    [join(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--root', cwd],
    { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0' } },
  );
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('a project tested by plain vitest', { timeout: 60_000 }, () => {
  it('without --no-node-snapshot: says how to run it, and nothing about dispose', async () => {
    const { code, output } = vitest(await project());
    expect(code).toBe(1);
    expect(output).toContain('started without --no-node-snapshot');
    expect(output).toContain('`eventing-dev test`');
    expect(output).toContain('vitestPreset()');
    expect(output).not.toContain('dispose');
  });

  it('with the flag but without the preset: the Eventing matchers are there', async () => {
    const config = "export default { test: { pool: 'forks', execArgv: ['--no-node-snapshot'] } };";
    const { code, output } = vitest(await project(config));
    expect(output).not.toContain('Invalid Chai property');
    expect(code, output).toBe(0);
  });
});
