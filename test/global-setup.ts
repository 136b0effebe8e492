import { execFileSync } from 'node:child_process';

// The CLI tests run the real bin, which runs the built package: build it once per test run.
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
}
