// Builds the published package: TypeScript sources to dist/, plus the isolate shim, which is
// plain JavaScript loaded into V8 at run time and therefore copied rather than compiled.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('../', import.meta.url);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(new URL('dist/', root), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
cpSync(new URL('src/runtime/shim/', root), new URL('dist/runtime/shim/', root), {
  recursive: true,
  filter: (source) => !source.endsWith('.d.ts'),
});
