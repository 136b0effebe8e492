import { describe, expect, it } from 'vitest';
import { createEmulator, type EmulatorEvent } from '../../src/index.ts';
import { emulator, handler, logged } from '../helpers/emulator.ts';

describe('seeding documents', () => {
  it('writes documents that no function sees until a deploy with boundary everything', async () => {
    const em = await emulator();
    const fn = await em.deploy(
      handler('function OnUpdate(doc, meta) { log(meta.id); }', { name: 'live' }),
    );
    em.seed('src', { a: { n: 1 }, b: new Uint8Array([1, 2]) });
    await em.settle();
    expect(logged(fn)).toEqual([]);
    expect(em.get('src', 'a')?.value).toEqual({ n: 1 });
    const later = await em.deploy(
      handler('function OnUpdate(doc, meta) { log(meta.id); }', { name: 'later' }),
    );
    expect(logged(later).sort()).toEqual(['"a" ', '"b" ']);
  });
});

describe('exporting and importing the state', () => {
  it('brings back documents, functions in their lifecycle state and pending timers', async () => {
    const first = await createEmulator({ now: '2026-01-01T00:00:00Z' });
    const fn = await first.deploy(
      handler(
        `function OnUpdate(doc, meta) { createTimer(Later, new Date(Date.now() + 60000), meta.id, doc); }
function Later(ctx) { log('later', ctx); }
function OnDeploy(action) { log('ondeploy', action.reason); }`,
        { name: 'timed' },
      ),
    );
    await first.define(handler('function OnUpdate(doc, meta) {}', { name: 'idle' }));
    const { cas } = await first.upsert(
      'src',
      'k',
      { v: 1 },
      { xattrs: { tag: 't' }, expiry: 3600 },
    );
    await first.upsert('bin', 'b', new Uint8Array([0xff, 0]));
    expect(logged(fn)).toEqual(['"ondeploy" "Deploy" ']);
    const state = JSON.parse(JSON.stringify(first.exportState()));
    await first.dispose();

    const second = await createEmulator();
    await second.importState(state);
    expect(second.now.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(second.get('src', 'k')).toMatchObject({
      value: { v: 1 },
      cas,
      xattrs: { tag: 't' },
      expiration: Date.UTC(2026, 0, 1, 1) / 1000,
    });
    expect(second.get('bin', 'b')).toMatchObject({
      datatype: 'binary',
      value: new Uint8Array([0xff, 0]),
    });
    expect(second.functions.map((f) => [f.name, f.status])).toEqual([
      ['timed', 'deployed'],
      ['idle', 'undeployed'],
    ]);
    const restored = second.function('timed');
    expect(restored.timers).toHaveLength(1);
    await second.advance('1m');
    // It carried on: no OnDeploy, no replay of the source keyspace, and the timer fired.
    expect(logged(restored)).toEqual(['"later" {"v":1} ']);
    const { cas: newer } = await second.upsert('src', 'k', { v: 2 });
    expect(newer > cas).toBe(true);
    await second.dispose();
  });

  it('refuses to import into an emulator that already has functions', async () => {
    const em = await emulator();
    await em.define(handler('function OnUpdate(doc, meta) {}'));
    await expect(
      em.importState({ version: 1, now: 0, documents: [], functions: [] }),
    ).rejects.toMatchObject({
      code: 'FUNCTION_STATE',
    });
  });
});

describe('watching the emulator', () => {
  it('reports every document change and every settle until the watch stops', async () => {
    const em = await emulator();
    await em.deploy(handler('function OnUpdate(doc, meta) { dst[meta.id] = doc; }'));
    const events: EmulatorEvent[] = [];
    const stop = em.watch((event) => events.push(event));
    await em.upsert('src', 'k', 1);
    expect(
      events.map((e) =>
        e.type === 'document' ? `${e.change.keyspace.bucket}/${e.change.key}` : e.type,
      ),
    ).toEqual(['src/k', 'dst/k', 'settled']);
    stop();
    await em.upsert('src', 'k', 2);
    expect(events).toHaveLength(3);
  });
});

describe('resetting statistics', () => {
  it('sets every counter back to zero while the function keeps counting', async () => {
    const em = await emulator();
    const fn = await em.deploy(handler('function OnUpdate(doc, meta) {}'));
    await em.upsert('src', 'a', 1);
    (fn as unknown as { resetStats(): void }).resetStats();
    expect(fn.stats.execution_stats.on_update_success).toBe(0);
    await em.upsert('src', 'b', 1);
    expect(fn.stats.execution_stats.on_update_success).toBe(1);
  });
});
