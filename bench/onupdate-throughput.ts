import { Store } from '../src/emulator/store.ts';
import { createEmulator } from '../src/index.ts';
import { defineFunction } from '../src/testing/index.ts';
import { since } from './stats.ts';

// OnUpdate throughput for a handler that reads its document and writes it to a bucket binding.
// The mutations are in the source keyspace before the clock starts and reach the handler as a
// DCP backfill does, so what is timed is delivery, the handler and its write:
// - through the emulator, the handler in its isolate;
// - the same handler as plain JavaScript in this process, over the same store, to show what
//   the isolate boundary costs.
// A third figure times 100 000 concurrent em.upsert calls, the test API's own cost included.

const HANDLER =
  'function OnUpdate(doc, meta) { var copy = doc; copy.seen = true; dst[meta.id] = copy; }';
export const MUTATIONS = 100_000;

function document(i: number) {
  return { type: 'airline', id: i, name: `Airline ${i}`, country: 'France', callsign: `CS${i}` };
}

const copyFunction = () =>
  defineFunction({ name: 'copy', source: 'src', buckets: { dst: 'dst' }, code: HANDLER });

export async function backfillThroughput(entryMode?: 'sync' | 'async'): Promise<number> {
  const em = await createEmulator({
    now: '2026-01-01T00:00:00Z',
    ...(entryMode ? { entryMode } : {}),
  });
  for (let i = 0; i < MUTATIONS; i++) await em.upsert('src', `k${i}`, document(i));
  const start = performance.now();
  const fn = await em.deploy(copyFunction());
  const elapsed = since(start);
  if (fn.stats.execution_stats.on_update_success !== MUTATIONS || em.count('dst') !== MUTATIONS) {
    throw new Error('the benchmark handler did not process every mutation');
  }
  await em.dispose();
  return MUTATIONS / (elapsed / 1000);
}

export async function upsertThroughput(): Promise<number> {
  const em = await createEmulator({ now: '2026-01-01T00:00:00Z' });
  const fn = await em.deploy(copyFunction());
  const start = performance.now();
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < MUTATIONS; i++) writes.push(em.upsert('src', `k${i}`, document(i)));
  await Promise.all(writes);
  const elapsed = since(start);
  if (fn.stats.execution_stats.on_update_success !== MUTATIONS)
    throw new Error('not every mutation ran');
  await em.dispose();
  return MUTATIONS / (elapsed / 1000);
}

export function plainThroughput(): number {
  const store = new Store({ now: () => Date.UTC(2026, 0, 1) }, () => undefined);
  const src = { bucket: 'src', scope: '_default', collection: '_default' };
  const dst = { bucket: 'dst', scope: '_default', collection: '_default' };
  for (let i = 0; i < MUTATIONS; i++) store.write(src, `k${i}`, JSON.stringify(document(i)));
  const binding = new Proxy(
    {},
    {
      set(_target, key, value) {
        store.upsert(dst, String(key), JSON.stringify(value), { expiration: 0 });
        return true;
      },
    },
  );
  const onUpdate = new Function('dst', `${HANDLER}; return OnUpdate;`)(binding) as (
    doc: unknown,
    meta: unknown,
  ) => void;
  const start = performance.now();
  for (const change of store.backfill(src)) {
    const ks = change.keyspace;
    const meta = {
      id: change.key,
      cas: change.cas,
      flags: 0,
      vb: change.vb,
      seq: change.seq,
      datatype: change.datatype,
      expiration: change.expiration,
      keyspace: { bucket_name: ks.bucket, scope_name: ks.scope, collection_name: ks.collection },
    };
    onUpdate(JSON.parse(change.value as string), meta);
  }
  return MUTATIONS / (since(start) / 1000);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  await backfillThroughput();
  for (let i = 0; i < 5; i++) {
    const plain = plainThroughput();
    const isolated = await backfillThroughput();
    const share = ((isolated / plain) * 100).toFixed(0);
    console.log(`isolate ${fmt(isolated)}/s, plain ${fmt(plain)}/s (${share} % of plain)`);
  }
}
