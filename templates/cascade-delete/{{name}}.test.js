import { createEmulator } from 'eventing-dev';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const CUSTOMERS = 'shop.sales.customers';
const ORDERS = 'shop.sales.orders';
const folder = new URL('.', import.meta.url);
let em;
let fn;

beforeEach(async () => {
  em = await createEmulator();
  fn = await em.deploy(folder);
});
// em is unset when beforeEach failed: that failure is the one to read.
afterEach(() => em?.dispose());

describe('{{name}}', () => {
  it("deletes the customer's orders and address, and nobody else's", async () => {
    em.seed(CUSTOMERS, { c1: { name: 'Ada' }, c2: { name: 'Bob' } });
    em.seed(ORDERS, {
      o1: { customer_id: 'c1' },
      o2: { customer_id: 'c1' },
      o3: { customer_id: 'c2' },
    });
    em.seed('shop.sales.addresses', { c1: { city: 'Paris' }, c2: { city: 'Oslo' } });
    await em.remove(CUSTOMERS, 'c1');
    expect(em.keys(ORDERS)).toEqual(['o3']);
    expect(em.keys('shop.sales.addresses')).toEqual(['c2']);
    expect(fn).toHaveLogged('deleted everything of c1');
  });

  it('cleans up after a customer that expires', async () => {
    await em.upsert(CUSTOMERS, 'trial', { name: 'Trial' }, { expiry: 3600 });
    em.seed(ORDERS, { o9: { customer_id: 'trial' } });
    await em.advance('1h');
    expect(em.count(ORDERS)).toBe(0);
  });

  it('leaves exactly the orders of other customers (property)', async () => {
    const orders = fc.array(
      fc.record({ id: fc.uuid(), customer_id: fc.constantFrom('c1', 'c2', 'c3') }),
      { maxLength: 20 },
    );
    await fc.assert(
      fc.asyncProperty(orders, async (list) => {
        await em.reset();
        em.seed(CUSTOMERS, { c1: {} });
        em.seed(
          ORDERS,
          Object.fromEntries(list.map((order) => [order.id, { customer_id: order.customer_id }])),
        );
        await em.remove(CUSTOMERS, 'c1');
        const expected = [
          ...new Set(list.filter((order) => order.customer_id !== 'c1').map((order) => order.id)),
        ].sort();
        expect(em.keys(ORDERS)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});
