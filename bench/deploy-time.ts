import { createEmulator, type Emulator } from '../src/index.ts';
import { defineFunction } from '../src/testing/index.ts';
import { summarise } from './stats.ts';

// Time for em.deploy of a small function on a fresh emulator: validation, context, shim, script.
// "warm": each emulator is disposed before the next, as in a test suite, so isolates are reused.
// "cold": every emulator stays alive, so each deploy creates a new isolate.

const SMALL = `function OnUpdate(doc, meta) {
  if (doc.type !== 'airline') return;
  dst[meta.id] = { name: doc.name, country: doc.country };
  log('copied', meta.id);
}
function OnDelete(meta, options) { delete dst[meta.id]; }`;

export async function deployTimes(mode: 'warm' | 'cold', runs = 60) {
  const samples: number[] = [];
  const alive: Emulator[] = [];
  for (let i = 0; i < runs; i++) {
    const em = await createEmulator();
    const definition = defineFunction({
      name: `small${i}`,
      source: 'src',
      buckets: { dst: 'dst' },
      code: SMALL,
    });
    const start = performance.now();
    await em.deploy(definition);
    samples.push(performance.now() - start);
    if (mode === 'warm') await em.dispose();
    else alive.push(em);
  }
  await Promise.all(alive.map((em) => em.dispose()));
  // The first deploys compile the shim and warm V8's caches; report the steady state.
  return summarise(samples.slice(10));
}
