import { describe, expect, it } from 'vitest';
import { deployed, logged, loggedValues } from '../../helpers/emulator.ts';

// couchbase.get(binding, meta, {cache: true}) (spec runtime §4.3): a per-isolate cache aged on
// the emulator's clock, invalidated by the isolate's own writes.

const CACHED_READ = `function OnUpdate(doc, meta) {
  var r = couchbase.get(dst, {id: 'd'}, {cache: true});
  log(r.success ? r.doc.v : r.error.name);
}`;

describe('the couchbase.get cache', () => {
  it('returns the same result object while it is young, counting one miss', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var a = couchbase.get(dst, {id: 'd'}, {cache: true});
      var b = couchbase.get(dst, {id: 'd'}, {cache: true});
      var plain = couchbase.get(dst, {id: 'd'});
      log(a === b, a === plain, couchbase.map_key_size === a.res_size);
    }`);
    await em.upsert('dst', 'd', { v: 1 });
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['true false true ']);
    expect(fn.stats.failure_stats.bucket_op_cache_miss_count).toBe(1);
  });

  it('keeps serving an entry for bucket_cache_age ms of emulator time, then reads again and logs it', async () => {
    const { em, fn } = await deployed(CACHED_READ);
    await em.upsert('dst', 'd', { v: 1 });
    await em.upsert('src', 'k', { n: 1 });
    await em.upsert('dst', 'd', { v: 2 }); // written by someone else: not seen while cached
    await em.advance(999);
    await em.upsert('src', 'k', { n: 2 });
    await em.advance(1);
    await em.upsert('src', 'k', { n: 3 });
    expect(logged(fn)).toEqual(['1 ', '1 ', '"cache expired item: " 1000 ', '2 ']);
    expect(fn.stats.failure_stats.bucket_op_cache_miss_count).toBe(2);
  });

  it('follows the bucket_cache_age setting', async () => {
    const { em, fn } = await deployed(CACHED_READ, { settings: { bucket_cache_age: 5000 } });
    await em.upsert('dst', 'd', { v: 1 });
    await em.upsert('src', 'k', { n: 1 });
    await em.upsert('dst', 'd', { v: 2 });
    await em.advance('4s');
    await em.upsert('src', 'k', { n: 2 });
    await em.advance('1s');
    await em.upsert('src', 'k', { n: 3 });
    expect(logged(fn)).toEqual(['1 ', '1 ', '"cache expired item: " 5000 ', '2 ']);
  });

  it("reads the isolate's own writes: advanced and basic writes, and basic reads, drop the entry", async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      function cached() { return couchbase.get(dst, {id: 'd'}, {cache: true}).doc.v; }
      var seen = [cached()];
      couchbase.upsert(dst, {id: 'd'}, {v: 2}); seen.push(cached());
      dst['d'] = {v: 3}; seen.push(cached());
      couchbase.mutateIn(dst, {id: 'd'}, [couchbase.MutateInSpec.upsert('v', 4)]); seen.push(cached());
      var before = couchbase.mapkeys.size; var read = dst['d']; seen.push(before, couchbase.mapkeys.size);
      log(seen);
    }`);
    await em.upsert('dst', 'd', { v: 1 });
    await em.upsert('src', 'k', {});
    expect(loggedValues(fn)).toEqual([[1, 2, 3, 4, 1, 0]]);
  });

  it('is not invalidated by increment and decrement', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var first = couchbase.get(dst, {id: 'c'}, {cache: true}).doc.count;
      couchbase.increment(dst, {id: 'c'});
      log(first, couchbase.get(dst, {id: 'c'}, {cache: true}).doc.count, couchbase.get(dst, {id: 'c'}).doc.count);
    }`);
    await em.upsert('dst', 'c', { count: 5 });
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['5 5 6 ']);
  });

  it('caches only successful reads', async () => {
    const { em, fn } = await deployed(CACHED_READ);
    await em.upsert('src', 'k', { n: 1 });
    await em.upsert('dst', 'd', { v: 7 });
    await em.upsert('src', 'k', { n: 2 });
    expect(logged(fn)).toEqual(['"LCB_KEY_ENOENT" ', '7 ']);
    expect(fn.stats.failure_stats.bucket_op_cache_miss_count).toBe(2);
  });

  it('drops expired entries when an entry would exceed bucket_cache_size', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var r = couchbase.get(dst, {id: doc.key}, {cache: true});
      if (doc.shrink) couchbase.max_size = r.res_size + 1;
      log(Array.from(couchbase.mapkeys.keys()), couchbase.map_key_size);
    }`);
    await em.upsert('dst', 'a', { v: 1 });
    await em.upsert('dst', 'b', { v: 2 });
    await em.upsert('src', 'k', { key: 'a', shrink: true });
    await em.advance('2s');
    await em.upsert('src', 'k', { key: 'b' });
    const size = 8 + 1 + '{"v":1}'.length;
    expect(logged(fn)).toEqual([
      `["dst/_default/_default/a"] ${size} `,
      `["dst/_default/_default/b"] ${size} `,
    ]);
  });

  it('shows its members on couchbase, as the server does', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      log(couchbase.max_expiry, couchbase.max_size, couchbase.mapkeys instanceof Map,
        couchbase.getCachedKey('d', couchbase.bindingDetails(dst, {id: 'd'})),
        ['getInternal', 'insertInternal', 'upsertInternal', 'replaceInternal', 'deleteInternal',
          'touchInternal', 'mutateInInternal', 'lookupInInternal', 'ejectKeys', 'invalidateKey']
          .map(function (name) { return typeof couchbase[name]; }));
    }`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      `1000 67108864 true "dst/_default/_default/d" ${JSON.stringify(new Array(10).fill('function'))} `,
    ]);
  });
});
