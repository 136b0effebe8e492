import { createEmulator } from 'eventing-dev';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const CHECKOUTS = 'shop.sales.checkouts';
const folder = new URL('.', import.meta.url);
let em;
let fn;

beforeEach(async () => {
  em = await createEmulator({ now: '2026-01-01T09:00:00Z' });
  fn = await em.deploy(folder);
});
// em is unset when beforeEach failed: that failure is the one to read.
afterEach(() => em?.dispose());

describe('{{name}}', () => {
  it('reminds an hour after a checkout started', async () => {
    await em.upsert(CHECKOUTS, 'c1', { status: 'started', email: 'ada@example.com' });
    await em.advance('59m');
    expect(em.count('shop.sales.reminders')).toBe(0);
    await em.advance('1m');
    expect(em).toHaveDocument('shop.sales.reminders', 'c1', {
      email: 'ada@example.com',
      sent_at: '2026-01-01T10:00:00.000Z',
    });
    expect(fn).toHaveStat('timer_callback_success', 1);
  });

  it('does not remind once the checkout completed', async () => {
    await em.upsert(CHECKOUTS, 'c1', { status: 'started', email: 'ada@example.com' });
    await em.upsert(CHECKOUTS, 'c1', { status: 'completed', email: 'ada@example.com' });
    await em.advance('2h');
    expect(em.count('shop.sales.reminders')).toBe(0);
    expect(fn.timers).toEqual([]);
  });

  it('may remind up to a second early: Couchbase keeps due times in whole seconds', async () => {
    await em.advanceTo('2026-01-01T09:00:00.600Z');
    await em.upsert(CHECKOUTS, 'c1', { status: 'started', email: 'ada@example.com' });
    await em.advanceTo('2026-01-01T10:00:00.000Z');
    expect(em).toHaveDocument('shop.sales.reminders', 'c1', {
      email: 'ada@example.com',
      sent_at: '2026-01-01T10:00:00.000Z',
    });
  });

  it('reminds exactly the checkouts left open for an hour (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 * 3600_000 }), async (completeAfter) => {
        await em.reset();
        await em.upsert(CHECKOUTS, 'c', { status: 'started', email: 'c@example.com' });
        await em.advance(completeAfter);
        await em.upsert(CHECKOUTS, 'c', { status: 'completed', email: 'c@example.com' });
        await em.advance('3h');
        expect(em.count('shop.sales.reminders')).toBe(completeAfter >= 3600_000 ? 1 : 0);
      }),
      { numRuns: 50 },
    );
  });
});
