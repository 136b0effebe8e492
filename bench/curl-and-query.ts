import { createEmulator } from '../src/index.ts';
import { defineFunction } from '../src/testing/index.ts';
import { since } from './stats.ts';

// Mutations per second for handlers that make one call to the outside per mutation: a mocked
// curl() GET, and a SQL++ SELECT by key answered by the built-in evaluator. Both answer at once
// (the MockAgent's reply is neither delayed nor computed by a function, and no em.query.on
// answer is registered), so both handlers run on the Node thread and no call crosses threads.

// Long enough to time the steady state: the first few thousand calls of a process run before V8
// has optimised the HTTP path (undici's mock dispatch and curl()'s own steps), about half as fast.
const MUTATIONS = 20_000;

async function run(
  spec: Parameters<typeof defineFunction>[0],
  prepare: (em: Awaited<ReturnType<typeof createEmulator>>) => void,
): Promise<number> {
  const em = await createEmulator({ now: '2026-01-01T00:00:00Z' });
  prepare(em);
  const fn = await em.deploy(defineFunction(spec));
  const start = performance.now();
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < MUTATIONS; i++) writes.push(em.upsert('src', `k${i}`, { id: i }));
  await Promise.all(writes);
  const elapsed = since(start);
  if (fn.stats.execution_stats.on_update_success !== MUTATIONS)
    throw new Error(`${spec.name}: not every mutation ran`);
  await em.dispose();
  return MUTATIONS / (elapsed / 1000);
}

export function curlThroughput(): Promise<number> {
  return run(
    {
      name: 'rates',
      source: 'src',
      buckets: { dst: 'dst' },
      urls: { api: 'https://api.example.com' },
      code: "function OnUpdate(doc, meta) { dst[meta.id] = curl('GET', api, { path: '/rate' }).body; }",
    },
    (em) => {
      em.http
        .get('https://api.example.com')
        .intercept({ path: '/rate' })
        .reply(200, { rate: 1.1 })
        .persist();
    },
  );
}

export function queryThroughput(): Promise<number> {
  return run(
    {
      name: 'lookup',
      source: 'src',
      buckets: { dst: 'dst' },
      code: `function OnUpdate(doc, meta) {
  for (var row of N1QL('SELECT RAW name FROM users USE KEYS $key', { key: 'u' + (doc.id % 100) })) dst[meta.id] = row;
}`,
    },
    (em) => {
      const users: Record<string, unknown> = {};
      for (let i = 0; i < 100; i++) users[`u${i}`] = { name: `user ${i}` };
      em.seed('users', users);
    },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  for (const [label, measure] of [
    ['one mocked curl() GET', curlThroughput],
    ['one SQL++ SELECT by key', queryThroughput],
  ] as const) {
    await measure();
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push(await measure());
    console.log(`${label}: ${runs.map(fmt).join(', ')} mutations/s`);
  }
}
