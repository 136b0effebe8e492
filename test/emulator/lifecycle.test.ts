import { describe, expect, it } from 'vitest';
import { deployed, emulator, handler, logged } from '../helpers/emulator.ts';

const LOG_IDS = 'function OnUpdate(doc, meta) { log(meta.id, doc); }';

describe('pause and resume', () => {
  it('queue changes while paused and deliver only the latest state of each key on resume', async () => {
    const { em, fn } = await deployed(LOG_IDS);
    await fn.pause();
    expect(fn.status).toBe('paused');
    await em.upsert('src', 'a', 1);
    await em.upsert('src', 'b', 1);
    await em.upsert('src', 'a', 2);
    await em.upsert('src', 'a', 3);
    expect(logged(fn)).toEqual([]);
    await fn.resume();
    expect(fn.status).toBe('deployed');
    expect(logged(fn)).toEqual(['"b" 1 ', '"a" 3 ']);
  });

  it('fire the timers that came due while paused on resume', async () => {
    const { em, fn } =
      await deployed(`function OnUpdate(doc, meta) { createTimer(Cb, new Date(Date.now() + 5000), 'r'); }
    function Cb() { log('fired', new Date().toISOString()); }`);
    await em.upsert('src', 'k', {});
    await fn.pause();
    await em.advance('1m');
    expect(logged(fn)).toEqual([]);
    await fn.resume();
    expect(logged(fn)).toEqual(['"fired" "2026-01-01T00:01:00.000Z" ']);
  });

  it('keep the statistics across a pause', async () => {
    const { em, fn } = await deployed(LOG_IDS);
    await em.upsert('src', 'a', 1);
    await fn.pause();
    await fn.resume();
    await em.upsert('src', 'b', 1);
    expect(fn.stats.execution_stats.on_update_success).toBe(2);
  });

  it('refuse to pause twice or to pause an undeployed function', async () => {
    const { fn } = await deployed(LOG_IDS);
    await fn.pause();
    await expect(fn.pause()).rejects.toMatchObject({
      code: 'FUNCTION_STATE',
      message: 'Function "fn" is already paused',
    });
    await fn.undeploy();
    await expect(fn.pause()).rejects.toMatchObject({ code: 'FUNCTION_STATE' });
  });

  it('treat deploy of a paused function as resume and resume of an undeployed one as deploy (8.x)', async () => {
    const { em, fn } = await deployed(LOG_IDS);
    await fn.pause();
    await fn.deploy();
    expect(fn.status).toBe('deployed');
    await fn.undeploy();
    await fn.resume();
    expect(fn.status).toBe('deployed');
    await expect(fn.resume()).rejects.toMatchObject({
      code: 'FUNCTION_STATE',
      message: 'Function "fn" is already deployed',
    });
    await em.upsert('src', 'k', 1);
    expect(logged(fn).at(-1)).toBe('"k" 1 ');
  });

  it('use a definition updated while paused, so a renamed timer callback goes missing', async () => {
    const em = await emulator();
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) { createTimer(Callback, new Date(Date.now() + 1000), 'r'); }
      function Callback() { log('old'); }`),
    );
    await em.upsert('src', 'k', {});
    await fn.pause();
    await em.define(
      handler(`function OnUpdate(doc, meta) {}
      function Renamed() { log('new'); }`),
    );
    await em.advance('5s');
    await fn.resume();
    expect(logged(fn)).toEqual([]);
    expect(fn.stats.failure_stats.timer_callback_missing_counter).toBe(1);
    expect(fn.timers).toEqual([]);
  });
});

describe('undeploy and deploy again', () => {
  it('undeploy deletes pending timers and stops delivery', async () => {
    const { em, fn } =
      await deployed(`function OnUpdate(doc, meta) { createTimer(Cb, new Date(Date.now() + 1000), meta.id); }
    function Cb() { log('fired'); }`);
    await em.upsert('src', 'k', {});
    await fn.undeploy();
    expect([fn.status, fn.timers]).toEqual(['undeployed', []]);
    await em.upsert('src', 'later', {});
    await em.advance('1m');
    expect(logged(fn)).toEqual([]);
    await expect(fn.undeploy()).rejects.toMatchObject({
      code: 'FUNCTION_STATE',
      message: 'Function "fn" is already undeployed',
    });
  });

  it('replays every current document with boundary everything, and starts the counters again', async () => {
    const { em, fn } = await deployed(LOG_IDS);
    await em.upsert('src', 'a', 1);
    await fn.undeploy();
    await em.upsert('src', 'b', 2);
    await fn.deploy();
    const [first, ...replayed] = logged(fn);
    expect(first).toBe('"a" 1 ');
    expect(replayed.sort()).toEqual(['"a" 1 ', '"b" 2 ']);
    expect(fn.stats.execution_stats.on_update_success).toBe(2);
  });

  it('delivers only new changes with boundary from_now', async () => {
    const em = await emulator();
    const fn = await em.deploy(handler(LOG_IDS, { settings: { dcp_stream_boundary: 'from_now' } }));
    await em.upsert('src', 'a', 1);
    await fn.undeploy();
    await em.upsert('src', 'b', 2);
    await fn.deploy();
    await em.upsert('src', 'c', 3);
    expect(logged(fn)).toEqual(['"a" 1 ', '"c" 3 ']);
  });

  it('can be deleted only when undeployed', async () => {
    const { em, fn } = await deployed(LOG_IDS);
    await expect(em.delete('fn')).rejects.toMatchObject({ code: 'FUNCTION_STATE' });
    await fn.undeploy();
    await em.delete('fn');
    expect(em.functions).toEqual([]);
  });
});

describe('defining without deploying', () => {
  it('stores an undeployed function after compiling its handler', async () => {
    const em = await emulator();
    const fn = await em.define(handler(LOG_IDS));
    expect(fn.status).toBe('undeployed');
    await em.upsert('src', 'k', 1);
    expect(logged(fn)).toEqual([]);
    await expect(
      em.define(handler('function OnUpdate(doc, meta) { let = ; }', { name: 'bad' })),
    ).rejects.toMatchObject({
      code: 'HANDLER_INVALID',
    });
    expect(em.functions.map((f) => f.name)).toEqual(['fn']);
  });

  it('refuses to change a deployed function', async () => {
    const { em } = await deployed(LOG_IDS);
    await expect(em.define(handler('function OnUpdate(doc, meta) {}'))).rejects.toMatchObject({
      code: 'FUNCTION_STATE',
      hint: 'Pause or undeploy it first.',
    });
  });
});
