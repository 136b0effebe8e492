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
});
