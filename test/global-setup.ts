import { spawnSync } from 'node:child_process';

// The CLI tests run the real bin, which runs the built package: build it once per test run.
// Type errors are the typecheck step's business (npm run typecheck); the build still emits.
export default function setup(): void {
  const build = spawnSync(process.execPath, ['scripts/build.js'], { encoding: 'utf8' });
  if (build.status !== 0)
    process.stderr.write(`build reported problems:\n${build.stdout}${build.stderr}`);
}
