import { createEmulator } from 'eventing-dev';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ORDERS = 'shop.sales.orders';
const ENRICHED = 'shop.sales.orders_enriched';
const folder = new URL('.', import.meta.url);
let em;

beforeEach(async () => {
  em = await createEmulator();
  em.seed('shop.sales.customers', { c1: { name: 'Ada' } });
  await em.deploy(folder);
});
// em is unset when beforeEach failed: that failure is the one to read.
afterEach(() => em?.dispose());

describe('{{name}}', () => {
  it('adds the tax and the customer name', async () => {
    await em.upsert(ORDERS, 'o1', { type: 'order', customer_id: 'c1', country: 'FR', amount: 100 });
    expect(em).toHaveDocument(ENRICHED, 'o1', { customer: 'Ada', tax_rate: 0.2, gross: 120 });
  });

  it('leaves the tax out for an unknown country and the name for an unknown customer', async () => {
    await em.upsert(ORDERS, 'o2', {
      type: 'order',
      customer_id: 'nobody',
      country: 'XX',
      amount: 10,
    });
    expect(em).toHaveDocument(ENRICHED, 'o2', { customer: null, tax_rate: null, gross: null });
  });

  it('ignores other documents and removes the copy of a deleted order', async () => {
    await em.upsert(ORDERS, 'note', { type: 'note' });
    await em.upsert(ORDERS, 'o3', { type: 'order', customer_id: 'c1', country: 'DE', amount: 1 });
    await em.remove(ORDERS, 'o3');
    expect(em.keys(ENRICHED)).toEqual([]);
  });

  it('never makes the gross smaller than the net (property)', async () => {
    const order = fc.record({
      country: fc.constantFrom('FR', 'DE', 'GB'),
      amount: fc.integer({ min: 0, max: 1_000_000 }).map((cents) => cents / 100),
    });
    await fc.assert(
      fc.asyncProperty(order, async ({ country, amount }) => {
        await em.upsert(ORDERS, 'o', { type: 'order', customer_id: 'c1', country, amount });
        const enriched = em.get(ENRICHED, 'o')?.value;
        expect(enriched.gross).toBeGreaterThanOrEqual(amount);
      }),
      { numRuns: 100 },
    );
  });
});
