// Builds the published package: TypeScript sources to dist/, plus the isolate shim, which is
// plain JavaScript loaded into V8 at run time and therefore copied rather than compiled.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = new URL('../', import.meta.url);
// typescript's exports map hides bin/tsc; its package.json names it.
const manifest = createRequire(import.meta.url).resolve('typescript/package.json');
const tsc = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.tsc);

rmSync(new URL('dist/', root), { recursive: true, force: true });
// tsc emits even when it reports type errors; the shim is copied either way so that a test run
// can still use the build, and the exit code still says whether the types were sound.
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
cpSync(new URL('src/runtime/shim/', root), new URL('dist/runtime/shim/', root), {
  recursive: true,
  filter: (source) => !source.endsWith('.d.ts'),
});
process.exitCode = compiled.status ?? 1;
