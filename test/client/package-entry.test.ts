import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const probe = fileURLToPath(new URL('./fixtures/module-probe.mjs', import.meta.url));

describe('eventing-dev/client', () => {
  it('gives scripts the client without loading isolated-vm or vitest', () => {
    // The package imports itself by name from its own folder, through its exports map.
    const script =
      "const m = await import('eventing-dev/client'); console.log(Object.keys(m).sort().join(' '));";
    const result = spawnSync(
      process.execPath,
      ['--import', probe, '--input-type=module', '-e', script],
      { cwd: repo, encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('EventingApiError EventingClient alreadyInState\n');
    expect(result.stderr).not.toContain('loaded:');
  });
});
