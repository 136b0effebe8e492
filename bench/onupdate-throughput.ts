import { Store } from '../src/emulator/store.ts';
import { createEmulator } from '../src/index.ts';
import type { DocumentChange, DocumentMutation } from '../src/runtime/document-change.ts';
import { defineFunction } from '../src/testing/index.ts';
import { since } from './stats.ts';

// OnUpdate throughput for a handler that reads its document and writes it to a bucket binding:
// through the emulator (a real isolate), and the same handler as plain JavaScript in this
// process, fed by the same store and event encoding, to show what the isolate boundary costs.

const HANDLER =
  'function OnUpdate(doc, meta) { var copy = doc; copy.seen = true; dst[meta.id] = copy; }';
const MUTATIONS = 100_000;

function document(i: number) {
  return { type: 'airline', id: i, name: `Airline ${i}`, country: 'France', callsign: `CS${i}` };
}

export async function emulatorThroughput(entryMode?: 'sync' | 'async'): Promise<number> {
  const em = await createEmulator({
    now: '2026-01-01T00:00:00Z',
    ...(entryMode ? { entryMode } : {}),
  });
  const fn = await em.deploy(
    defineFunction({ name: 'copy', source: 'src', buckets: { dst: 'dst' }, code: HANDLER }),
  );
  const start = performance.now();
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < MUTATIONS; i++) writes.push(em.upsert('src', `k${i}`, document(i)));
  await Promise.all(writes);
  const elapsed = since(start);
  if (fn.stats.execution_stats.on_update_success !== MUTATIONS || em.count('dst') !== MUTATIONS) {
    throw new Error('the benchmark handler did not process every mutation');
  }
  await em.dispose();
  return MUTATIONS / (elapsed / 1000);
}

export function plainThroughput(): number {
  const changes: DocumentChange[] = [];
  const store = new Store({ now: () => Date.UTC(2026, 0, 1) }, (change) => changes.push(change));
  const dstKeyspace = { bucket: 'dst', scope: '_default', collection: '_default' };
  const dst = new Proxy(
    {},
    {
      set(_target, key, value) {
        store.upsert(dstKeyspace, String(key), JSON.stringify(value), { expiration: 0 });
        return true;
      },
    },
  );
  const onUpdate = new Function('dst', `${HANDLER}; return OnUpdate;`)(dst) as (
    doc: unknown,
    meta: unknown,
  ) => void;
  const src = { bucket: 'src', scope: '_default', collection: '_default' };
  const start = performance.now();
  for (let i = 0; i < MUTATIONS; i++) store.write(src, `k${i}`, JSON.stringify(document(i)));
  for (let i = 0; i < MUTATIONS; i++) {
    const change = changes[i] as DocumentMutation & { value: string };
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
    onUpdate(JSON.parse(change.value), meta);
  }
  return MUTATIONS / (since(start) / 1000);
}

/** The same, with the mutations already in the source keyspace and delivered by the deploy. */
export async function backfillThroughput(entryMode?: 'sync' | 'async'): Promise<number> {
  const em = await createEmulator({
    now: '2026-01-01T00:00:00Z',
    ...(entryMode ? { entryMode } : {}),
  });
  for (let i = 0; i < MUTATIONS; i++) await em.upsert('src', `k${i}`, document(i));
  const definition = defineFunction({
    name: 'copy',
    source: 'src',
    buckets: { dst: 'dst' },
    code: HANDLER,
  });
  const start = performance.now();
  const fn = await em.deploy(definition);
  const elapsed = since(start);
  if (fn.stats.execution_stats.on_update_success !== MUTATIONS)
    throw new Error('not every mutation ran');
  await em.dispose();
  return MUTATIONS / (elapsed / 1000);
}
