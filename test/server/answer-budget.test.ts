import { describe, expect, it } from 'vitest';
import { createAnswerBudget, type Release } from '../../src/server/answer-budget.ts';

/** Records the order in which reservations are granted. */
function granted(order: string[], name: string, reservation: Promise<Release>) {
  return reservation.then((release) => {
    order.push(name);
    return release;
  });
}

describe('the budget of large answers being sent', () => {
  it('grants at once what fits, and makes the rest wait for releases, in order', async () => {
    const budget = createAnswerBudget(100);
    const order: string[] = [];
    const a = await granted(order, 'a', budget.reserve(60));
    const b = granted(order, 'b', budget.reserve(60));
    const c = granted(order, 'c', budget.reserve(10));
    await Promise.resolve();
    expect(order).toEqual(['a']);
    a();
    (await b)();
    (await c)();
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('lets an answer larger than the budget take all of it once it is free', async () => {
    const budget = createAnswerBudget(100);
    const order: string[] = [];
    const small = await granted(order, 'small', budget.reserve(1));
    const huge = granted(order, 'huge', budget.reserve(10_000));
    await Promise.resolve();
    expect(order).toEqual(['small']);
    small();
    const release = await huge;
    const next = granted(order, 'next', budget.reserve(1));
    await Promise.resolve();
    expect(order).toEqual(['small', 'huge']);
    release();
    release(); // a second call gives nothing back twice
    (await next)();
    expect(order).toEqual(['small', 'huge', 'next']);
    const [x, y] = await Promise.all([budget.reserve(50), budget.reserve(50)]);
    x?.();
    y?.();
  });
});
