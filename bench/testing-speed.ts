import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createEmulator } from '../src/index.ts';
import { arbitraries, defineFunction } from '../src/testing/index.ts';
import { since, summarise } from './stats.ts';

// The two speeds a user of `eventing-dev test` feels: a whole cold run of the basic template's
// tests (new project, new processes, nothing cached), and a fast-check property whose every run
// starts a fresh emulator and deploys a function on it.

const bin = new URL('../bin/eventing-dev.js', import.meta.url).pathname;

function cli(args: string[], cwd: string): void {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (result.status !== 0)
    throw new Error(`eventing-dev ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

/**
 * Wall time of `eventing-dev test` in a freshly scaffolded basic-template project, in ms.
 * @param args more arguments of `eventing-dev test`, e.g. `--coverage`
 */
export function coldTestRuns(runs = 5, args: string[] = []) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-bench-'));
    cli(['init', '--template', 'basic', '--name', 'greet'], cwd);
    const start = performance.now();
    cli(['test', ...args], cwd);
    samples.push(since(start));
    rmSync(cwd, { recursive: true, force: true });
  }
  return { ...summarise(samples), max: Math.max(...samples) };
}

const COPY = `function OnUpdate(doc, meta) { dst[meta.id] = doc; }`;

/** Seconds for a 1 000-run property, each run on a fresh emulator with one deployed function. */
export async function freshEmulatorProperty(numRuns = 1000): Promise<number> {
  const definition = defineFunction({
    name: 'copy',
    source: 'src',
    buckets: { dst: 'dst' },
    code: COPY,
  });
  const start = performance.now();
  await fc.assert(
    fc.asyncProperty(arbitraries.key(), arbitraries.document(), async (key, document) => {
      const em = await createEmulator();
      try {
        await em.deploy(definition);
        await em.upsert('src', key, document);
        return JSON.stringify(em.get('dst', key)?.value) === JSON.stringify(document);
      } finally {
        await em.dispose();
      }
    }),
    { numRuns },
  );
  return since(start) / 1000;
}
