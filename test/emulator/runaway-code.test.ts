import { describe, expect, it } from 'vitest';
import { emulator, handler } from '../helpers/emulator.ts';

// Functions entered off the Node thread (as serve enters them) never hold it: not while their
// global code runs, and not while one of them loops.

/** Lets the Node thread run other work a few times. */
async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('code that runs long, entered off the Node thread', () => {
  it('global code still running when the emulator is disposed stops at once', async () => {
    const em = await emulator({ entryMode: 'async' });
    // The default execution_timeout (60 s) would end it much later.
    const looping = handler('function OnUpdate(doc, meta) {}', {
      settings: { handler_footers: ['while (true) {}'] },
    });
    const deploy = em.deploy(looping);
    const outcome = deploy.then(
      () => 'deployed',
      (error: { code?: string }) => error.code,
    );
    // The thread is free while the global code runs.
    await turns(50);
    await em.dispose();
    expect(await outcome).toBe('EMULATOR_DISPOSED');
  });

  it('a function looping in OnUpdate does not hold up the others', async () => {
    const em = await emulator({ entryMode: 'async' });
    const spinning = await em.deploy(
      handler('function OnUpdate(doc, meta) { while (true) {} }', { name: 'spin', source: 'a' }),
    );
    const other = await em.deploy(
      handler('function OnUpdate(doc, meta) { log(meta.id); }', { name: 'other', source: 'b' }),
    );
    const writes = [em.upsert('a', 'loops', {}), em.upsert('b', 'k1', {})];
    // Polls for a few seconds at most, far less than the looping handler's 60 s timeout.
    for (let poll = 0; poll < 5_000 && other.stats.execution_stats.on_update_success === 0; poll++)
      await new Promise((resolve) => setTimeout(resolve, 1));
    expect(other.stats.execution_stats.on_update_success).toBe(1);
    // Still looping: the default execution_timeout (60 s) has not ended it.
    expect(spinning.stats.execution_stats).toMatchObject({
      on_update_success: 0,
      on_update_failure: 0,
    });
    await em.dispose();
    await Promise.allSettled(writes);
  });

  it("with writesWaitFor 'reached', a write waits for the functions it reached, not for one stuck since before", async () => {
    const em = await emulator({ entryMode: 'async', writesWaitFor: 'reached' });
    const spinning = await em.deploy(
      handler('function OnUpdate(doc, meta) { while (true) {} }', { name: 'spin', source: 'a' }),
    );
    const copying = await em.deploy(
      handler('function OnUpdate(doc, meta) { dst[meta.id] = doc; }', {
        name: 'copy',
        source: 'b',
        buckets: { dst: 'c' },
      }),
    );
    const cascaded = await em.deploy(
      handler('function OnUpdate(doc, meta) { log(meta.id); }', { name: 'next', source: 'c' }),
    );
    const stuck = em.upsert('a', 'loops', {});
    await em.upsert('b', 'k1', { n: 1 });
    // Handled by the function it reached, and by the one its handler's write reached.
    expect(copying.stats.execution_stats.on_update_success).toBe(1);
    expect(cascaded.stats.execution_stats.on_update_success).toBe(1);
    expect(spinning.stats.execution_stats.on_update_failure).toBe(0);
    await em.dispose();
    await stuck;
  });

  it("with writesWaitFor 'reached', a write into a stuck function's source waits for it", async () => {
    const em = await emulator({ entryMode: 'async', writesWaitFor: 'reached' });
    const spinning = await em.deploy(
      handler('function OnUpdate(doc, meta) { if (doc.spin) { while (true) {} } }', {
        name: 'spin',
        source: 'a',
        settings: { execution_timeout: 1 },
      }),
    );
    void em.upsert('a', 'first', { spin: true });
    await em.upsert('a', 'second', {});
    // Answered only once the stuck invocation ended (at its timeout) and the next one ran.
    expect(spinning.stats.execution_stats).toMatchObject({
      on_update_failure: 1,
      on_update_success: 1,
    });
  });
});
