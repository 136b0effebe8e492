import { createEmulator } from '../src/index.ts';
import { defineFunction } from '../src/testing/index.ts';
import { since } from './stats.ts';

// Milliseconds per mutation for a handler that runs `SELECT * FROM ks LIMIT 2` each time, with
// `ks` holding 1 000 or 100 000 documents: without ORDER BY the rows stream and LIMIT stops the
// reading, so the cost should not grow with the keyspace.
// Run alone: node --no-node-snapshot bench/query-limit.ts

const MUTATIONS = 2_000;

export async function limitQueryMillis(documents: number): Promise<number> {
  const em = await createEmulator({ now: '2026-01-01T00:00:00Z' });
  const seed: Record<string, unknown> = {};
  for (let i = 0; i < documents; i++) seed[`doc::${i}`] = { i, name: `document ${i}` };
  em.seed('ks', seed);
  const fn = await em.deploy(
    defineFunction({
      name: 'limit',
      source: 'src',
      buckets: { dst: 'dst' },
      code: `function OnUpdate(doc, meta) {
  var n = 0;
  for (var row of N1QL('SELECT * FROM ks LIMIT 2')) n += row.ks.i;
  dst[meta.id] = n;
}`,
    }),
  );
  // The first query settles the keyspace's key order, once.
  await em.upsert('src', 'warm-up', {});
  const start = performance.now();
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < MUTATIONS; i++) writes.push(em.upsert('src', `k${i}`, { id: i }));
  await Promise.all(writes);
  const elapsed = since(start);
  if (fn.stats.execution_stats.on_update_success !== MUTATIONS + 1)
    throw new Error('not every mutation ran');
  await em.dispose();
  return elapsed / MUTATIONS;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const documents of [1_000, 100_000]) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await limitQueryMillis(documents));
    runs.sort((a, b) => a - b);
    console.log(
      `SELECT * FROM ks LIMIT 2 per mutation, ${documents} documents: ${runs[1]!.toFixed(3)} ms`,
    );
  }
}
