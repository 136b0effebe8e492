import { describe, expect, it } from 'vitest';
import { deployed, logged } from '../../helpers/emulator.ts';

// `binding[key] = value` gives the same outcomes whichever way the isolate is entered. Off the
// Node thread, a write that will land is sent without waiting for its answer; these pin that the
// host applies it in order, and that every write that can fail is still waited for.

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
