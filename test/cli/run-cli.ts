import { spawnSync } from 'node:child_process';

const bin = new URL('../../bin/eventing-dev.js', import.meta.url).pathname;

/**
 * Runs the real bin in a plain Node (no extra flags), as a user's shell would; colours off
 * through NO_COLOR unless `colorVariables` is false, which leaves no colour variable at all.
 */
export function runCli(
  args: string[],
  options: { cwd?: string; input?: string; colorVariables?: boolean } = {},
): { code: number | null; stdout: string; stderr: string } {
  const { colorVariables = true, ...spawnOptions } = options;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  if (colorVariables) Object.assign(env, { FORCE_COLOR: '0', NO_COLOR: '1' });
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env,
    ...spawnOptions,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
