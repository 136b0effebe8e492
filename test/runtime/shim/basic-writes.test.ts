import { describe, expect, it } from 'vitest';
import { deployed, logged } from '../../helpers/emulator.ts';

// `binding[key] = value` gives the same outcomes whichever way the isolate is entered. A write
// that will land is not waited for: off the Node thread it is sent without waiting for its
// answer, on it it is logged in memory the host shares. These pin that the host applies it in
// order, also when the invocation is stopped after it, and that every write that can fail is
// still waited for.

describe.each(['sync', 'async'] as const)('basic writes entered %sly', (entryMode) => {
  it('keep their order with the reads and writes after them', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        for (var i = 0; i < 200; i++) dst['k' + i] = { i: i };
        dst.x = 1;
        dst.x = 2;
        log(dst.x, dst.k199, dst.k0);
      }`,
      {},
      { entryMode },
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['2 {"i":199} {"i":0} ']);
    expect(em.count('dst')).toBe(201);
  });

  it('keep their order past what one entry can hold back, values of every size and text included', async () => {
    const { em } = await deployed(
      `function OnUpdate(doc, meta) {
        for (var i = 0; i < 400; i++) dst['k' + i] = { i: i, pad: 'x'.repeat(i % 2 ? 1000 : 3000) };
        dst.latin = { s: 'café ÿ' };
        dst.wide = { s: '日本 😀' };
        dst['clé'] = 'key past ASCII';
        dst['键'] = 'key past Latin-1';
        dst.k0 = 'last';
      }`,
      {},
      { entryMode },
    );
    await em.upsert('src', 'k', {});
    expect(em.count('dst')).toBe(404);
    expect(em.get('dst', 'k0')?.value).toBe('last');
    expect(em.get('dst', 'k399')?.value).toEqual({ i: 399, pad: 'x'.repeat(1000) });
    expect(em.get('dst', 'latin')?.value).toEqual({ s: 'café ÿ' });
    expect(em.get('dst', 'wide')?.value).toEqual({ s: '日本 😀' });
    expect(em.get('dst', 'clé')?.value).toBe('key past ASCII');
    expect(em.get('dst', '键')?.value).toBe('key past Latin-1');
    // Each write got a larger CAS than the one before it: they landed in the order made.
    const cas = (key: string) => BigInt(em.get('dst', key)?.cas ?? '0');
    const order = [...Array.from({ length: 400 }, (_, i) => `k${i}`).slice(1), 'latin', 'wide'];
    for (let i = 1; i < order.length; i++) {
      expect(cas(order[i] as string)).toBeGreaterThan(cas(order[i - 1] as string));
    }
  });

  it('land when the invocation is then stopped by its timeout', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) { dst[meta.id] = 'before'; while (true) {} }`,
      { settings: { execution_timeout: 1 } },
      { entryMode },
    );
    await em.upsert('src', 'k', {});
    expect(fn.failures).toEqual([expect.objectContaining({ kind: 'timeout', key: 'k' })]);
    expect(em.get('dst', 'k')?.value).toBe('before');
  });

  it('land when the invocation then runs out of memory', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        dst[meta.id] = 'before';
        var hoard = []; while (true) hoard.push(new Array(100000).fill(meta.id));
      }`,
      {},
      { entryMode, memoryLimitMb: 16 },
    );
    await em.upsert('src', 'k', {});
    expect(fn.failures).toEqual([expect.objectContaining({ kind: 'out_of_memory', key: 'k' })]);
    expect(em.get('dst', 'k')?.value).toBe('before');
  });

  it('throw the KVError of a fault rule at the write', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        try { dst[meta.id] = doc; log('written'); } catch (e) { log(e instanceof KVError, e.message.name); }
      }`,
      {},
      { entryMode },
    );
    em.faults.kv({ keyspace: 'dst', op: 'upsert', error: 'timeout', times: 1 });
    await em.upsert('src', 'k1', {});
    await em.upsert('src', 'k2', {});
    expect(logged(fn)).toEqual(['true "LCB_ERR_TIMEOUT" ', '"written" ']);
    expect(em.keys('dst')).toEqual(['k2']);
  });

  it('throw for a key the Data service refuses, and take long keys it accepts', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        dst['a'.repeat(250)] = 1;
        try { dst['b'.repeat(251)] = 1; } catch (e) { log(e instanceof KVError, e.message.name); }
      }`,
      {},
      { entryMode },
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['true "LCB_ERR_INVALID_ARGUMENT" ']);
    expect(em.keys('dst')).toEqual(['a'.repeat(250)]);
  });
});
