import { describe, expect, it } from 'vitest';
import { deployed, emulator, handler, logged } from '../helpers/emulator.ts';

describe('delivery of mutations to functions', () => {
  it('delivers a mutation to every deployed function whose source keyspace matches', async () => {
    const em = await emulator();
    const a = await em.deploy(
      handler('function OnUpdate(doc, meta) { log("a", meta.id); }', { name: 'a' }),
    );
    const b = await em.deploy(
      handler('function OnUpdate(doc, meta) { log("b", meta.id); }', { name: 'b' }),
    );
    const other = await em.deploy(
      handler('function OnUpdate(doc, meta) { log("other"); }', {
        name: 'other',
        source: 'elsewhere',
      }),
    );
    await em.upsert('src', 'k', {});
    expect([logged(a), logged(b), logged(other)]).toEqual([['"a" "k" '], ['"b" "k" '], []]);
  });

  it('delivers changes from every collection to a wildcard source keyspace', async () => {
    const { em, fn } = await deployed(
      'function OnUpdate(doc, meta) { log(meta.keyspace.collection_name); }',
      {
        source: 'travel.*.*',
      },
    );
    await em.upsert('travel.inventory.airline', 'a', {});
    await em.upsert('travel.tenant.hotel', 'h', {});
    await em.upsert('other', 'o', {});
    expect(logged(fn)).toEqual(['"airline" ', '"hotel" ']);
  });

  it('settles cascades across functions before upsert resolves', async () => {
    const em = await emulator();
    await em.deploy(
      handler('function OnUpdate(doc, meta) { mid[meta.id] = { step: 1 }; }', {
        name: 'first',
        buckets: { mid: 'mid' },
      }),
    );
    await em.deploy(
      handler('function OnUpdate(doc, meta) { out[meta.id] = { step: doc.step + 1 }; }', {
        name: 'second',
        source: 'mid',
        buckets: { out: 'out' },
      }),
    );
    await em.upsert('src', 'k', {});
    expect(em.get('out', 'k')?.value).toEqual({ step: 2 });
  });

  it('delivers a handler’s writes after the invocation that made them, in order per key', async () => {
    const em = await emulator();
    await em.deploy(
      handler("function OnUpdate(doc, meta) { mid['x'] = 1; log('writer done'); mid['x'] = 2; }", {
        name: 'writer',
        buckets: { mid: 'mid' },
      }),
    );
    const reader = await em.deploy(
      handler("function OnUpdate(doc, meta) { log('saw', doc); }", {
        name: 'reader',
        source: 'mid',
        buckets: {},
      }),
    );
    await em.upsert('src', 'k', {});
    expect(logged(reader)).toEqual(['"saw" 1 ', '"saw" 2 ']);
  });

  it('does not re-trigger a function with its own writes to its source keyspace', async () => {
    const em = await emulator();
    const self = await em.deploy(
      handler(
        "function OnUpdate(doc, meta) { if (!doc.copy) src[meta.id + '11111111'] = { copy: true }; log(meta.id); }",
        {
          name: 'self',
          buckets: { src: 'src' },
        },
      ),
    );
    const watcher = await em.deploy(
      handler('function OnUpdate(doc, meta) { log(meta.id); }', { name: 'watcher', buckets: {} }),
    );
    for (const key of ['a', 'b']) await em.upsert('src', key, {});
    expect(em.count('src')).toBe(4);
    expect(logged(self)).toEqual(['"a" ', '"b" ']);
    expect(self.stats.execution_stats.filtered_dcp_mutation_counter).toBe(2);
    // Another function on the same keyspace sees those writes.
    expect(logged(watcher)).toEqual(['"a" ', '"a11111111" ', '"b" ', '"b11111111" ']);
  });

  it('does not deliver a function’s own deletes in its source keyspace to its OnDelete', async () => {
    const { em, fn } = await deployed(
      "function OnUpdate(doc, meta) { delete src[meta.id]; }\nfunction OnDelete(meta) { log('deleted', meta.id); }",
      { buckets: { src: 'src' } },
    );
    await em.upsert('src', 'k', {});
    expect(em.count('src')).toBe(0);
    expect(logged(fn)).toEqual([]);
    await em.upsert('other', 'x', {});
    expect(fn.stats.execution_stats.filtered_dcp_delete_counter).toBe(1);
  });
});

describe('dcp_stream_boundary', () => {
  it('everything: a new deployment sees every existing document of the source keyspace', async () => {
    const em = await emulator();
    await em.upsert('src', 'old1', 1);
    await em.upsert('src', 'old2', 2);
    await em.upsert('src', 'old1', 3);
    const fn = await em.deploy(
      handler('function OnUpdate(doc, meta) { log(meta.id, doc, meta.vb); }'),
    );
    // One mutation per key (the latest), ordered by vBucket as a DCP backfill streams them.
    const seen = logged(fn).map((line) => line.trim().split(' '));
    expect(seen.map(([id, doc]) => `${id}=${doc}`).sort()).toEqual(['"old1"=3', '"old2"=2']);
    const vbs = seen.map(([, , vb]) => Number(vb));
    expect(vbs).toEqual([...vbs].sort((a, b) => a - b));
  });

  it('from_now: a new deployment sees only changes made after it', async () => {
    const em = await emulator();
    await em.upsert('src', 'old', 1);
    const fn = await em.deploy(
      handler('function OnUpdate(doc, meta) { log(meta.id); }', {
        settings: { dcp_stream_boundary: 'from_now' },
      }),
    );
    await em.upsert('src', 'new', 2);
    expect(logged(fn)).toEqual(['"new" ']);
  });
});

describe('filtering of source changes', () => {
  it('drops changes in the _system scope', async () => {
    const { em, fn } = await deployed('function OnUpdate(doc, meta) { log(meta.id); }', {
      source: 'b.*.*',
    });
    await em.upsert('b._system.c', 'hidden', {});
    await em.upsert('b.s.c', 'shown', {});
    expect(logged(fn)).toEqual(['"shown" ']);
  });

  it('drops _sync: documents (but not _sync:att) when allow_sync_documents is false', async () => {
    const em = await emulator();
    const strict = await em.deploy(
      handler('function OnUpdate(doc, meta) { log(meta.id); }', {
        name: 'strict',
        settings: { allow_sync_documents: false },
      }),
    );
    const relaxed = await em.deploy(
      handler('function OnUpdate(doc, meta) { log(meta.id); }', { name: 'relaxed' }),
    );
    for (const key of ['_sync:rev', '_sync:att1', 'plain']) await em.upsert('src', key, {});
    expect(logged(strict)).toEqual(['"_sync:att1" ', '"plain" ']);
    expect(logged(relaxed)).toEqual(['"_sync:rev" ', '"_sync:att1" ', '"plain" ']);
  });

  it('delivers binary documents as ArrayBuffers from language_compatibility 6.6.2 on', async () => {
    const em = await emulator();
    const code = `function OnUpdate(doc, meta) { log(meta.datatype, doc instanceof ArrayBuffer, Array.from(new Uint8Array(doc))); }
function OnDelete(meta) { log('deleted', meta.id); }`;
    const modern = await em.deploy(handler(code, { name: 'modern' }));
    const old = await em.deploy(
      handler(code, { name: 'old', settings: { language_compatibility: '6.5.0' } }),
    );
    await em.upsert('src', 'bin', new Uint8Array([0xff, 0, 1]));
    await em.remove('src', 'bin');
    expect(logged(modern)).toEqual(['"binary" true [255,0,1] ', '"deleted" "bin" ']);
    // Older levels filter binary mutations out, but not deletions.
    expect(logged(old)).toEqual(['"deleted" "bin" ']);
    expect(old.stats.execution_stats.filtered_dcp_mutation_counter).toBe(1);
  });

  it('stores bytes that are valid JSON as a JSON document, as the Data service does', async () => {
    const { em, fn } = await deployed('function OnUpdate(doc, meta) { log(meta.datatype, doc); }');
    await em.upsert('src', 'k', new TextEncoder().encode('{"a":1}'));
    expect(logged(fn)).toEqual(['"json" {"a":1} ']);
  });
});
