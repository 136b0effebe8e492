import { createEmulator } from 'eventing-dev';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ORDERS = 'shop.sales.orders';
const PRICED = 'shop.sales.orders_eur';
const RATES = 'https://rates.example.com';
const folder = new URL('.', import.meta.url);
let em;
let fn;

beforeEach(async () => {
  em = await createEmulator();
  fn = await em.deploy(folder);
});
// em is unset when beforeEach failed: that failure is the one to read.
afterEach(() => em?.dispose());

const rate = (from, value) =>
  em.http
    .get(RATES)
    .intercept({
      path: `/v1/latest?from=${from}&to=EUR`,
      headers: { authorization: 'Bearer replace-me' },
    })
    .reply(200, { rate: value }, { headers: { 'content-type': 'application/json' } });

describe('{{name}}', () => {
  it('prices an order with the current rate', async () => {
    rate('USD', 0.9);
    await em.upsert(ORDERS, 'o1', { amount: 100, currency: 'USD' });
    expect(em).toHaveDocument(PRICED, 'o1', { eur: 90 });
    expect(fn).toHaveStat('execution_stats.curl.get', 1);
  });

  it('marks the order for a retry when the service fails', async () => {
    em.http.get(RATES).intercept({ path: '/v1/latest?from=GBP&to=EUR' }).reply(503, 'down');
    await em.upsert(ORDERS, 'o2', { amount: 5, currency: 'GBP' });
    expect(em).toHaveDocument(PRICED, 'o2', { eur: null, retry: true });
    expect(fn).toHaveLogged(/could not price o2/);
  });

  it('marks the order for a retry when the service cannot be reached', async () => {
    await em.upsert(ORDERS, 'o3', { amount: 5, currency: 'JPY' });
    expect(em).toHaveDocument(PRICED, 'o3', { retry: true });
    expect(fn).toHaveStat('curl_failure_count', 1);
  });

  it('multiplies by the rate, to the cent (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 300 }),
        async (amount, percent) => {
          rate('USD', percent / 100);
          await em.upsert(ORDERS, 'o', { amount, currency: 'USD' });
          expect(em.get(PRICED, 'o')?.value.eur).toBe(
            Math.round(amount * (percent / 100) * 100) / 100,
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
