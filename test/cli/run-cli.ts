import { spawnSync } from 'node:child_process';

const bin = new URL('../../bin/eventing-dev.js', import.meta.url).pathname;

/** Runs the real bin in a plain Node (no extra flags), as a user's shell would. */
export function runCli(
  args: string[],
  options: { cwd?: string; input?: string } = {},
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', NO_COLOR: '1' },
    ...options,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
