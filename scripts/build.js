// Builds the published package: TypeScript sources to dist/, plus the isolate shim, which is
// plain JavaScript loaded into V8 at run time and therefore copied rather than compiled.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
// typescript's exports map hides bin/tsc; its package.json names it.
const manifest = createRequire(import.meta.url).resolve('typescript/package.json');
const tsc = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.tsc);

// Built beside dist/ and swapped in at the end, so that a CLI or test run going on meanwhile
// (several test runs may build at once) never sees a half-written or missing dist/.
const staging = join(root, `dist-building-${process.pid}`);
// tsc emits even when it reports type errors; the shim is copied either way so that a test run
// can still use the build, and the exit code still says whether the types were sound.
const compiled = spawnSync(
  process.execPath,
  [tsc, '-p', 'tsconfig.build.json', '--outDir', staging],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
cpSync(join(root, 'src/runtime/shim/'), join(staging, 'runtime/shim/'), {
  recursive: true,
  filter: (source) => !source.endsWith('.d.ts'),
});
const retired = join(root, `dist-retired-${process.pid}`);
try {
  renameSync(join(root, 'dist'), retired);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
try {
  renameSync(staging, join(root, 'dist'));
} catch (error) {
  // Another build swapped its own (identical) dist/ in first.
  if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
  rmSync(staging, { recursive: true, force: true });
}
rmSync(retired, { recursive: true, force: true });
process.exitCode = compiled.status ?? 1;
