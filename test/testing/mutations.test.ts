import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMutations, arbitraries, type Mutation } from '../../src/testing/index.ts';
import { deployed, emulator, handler } from '../helpers/emulator.ts';

const COPY = `
function OnUpdate(doc, meta) { dst[meta.id] = doc; }
function OnDelete(meta) { delete dst[meta.id]; }`;

// Counts deliveries: not idempotent, which redelivery must reveal.
const COUNT = `
function OnUpdate(doc, meta) {
  var seen = dst[meta.id];
  dst[meta.id] = { deliveries: (seen ? seen.deliveries : 0) + 1, last: doc };
}`;

describe('arbitraries', () => {
  it('jsonValue gives values that survive a JSON round trip unchanged', () => {
    fc.assert(
      fc.property(arbitraries.jsonValue(), (value) => {
        expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);
      }),
    );
  });

  it('document gives JSON objects', () => {
    fc.assert(
      fc.property(arbitraries.document(), (document) => {
        expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
        expect(JSON.parse(JSON.stringify(document))).toStrictEqual(document);
      }),
    );
  });

  it('key gives keys the Data service accepts: 1 to 250 bytes', () => {
    fc.assert(
      fc.property(arbitraries.key(), (key) => {
        expect(key.length).toBeGreaterThan(0);
        expect(Buffer.byteLength(key)).toBeLessThanOrEqual(250);
      }),
    );
  });

  it('mutations writes only the keys given, in the keyspace given', () => {
    fc.assert(
      fc.property(arbitraries.mutations({ keyspace: 'src', keys: ['a', 'b'] }), (steps) => {
        for (const step of steps) {
          if (step.type === 'advance') continue;
          expect(step.keyspace).toBe('src');
          expect(['a', 'b']).toContain(step.key);
        }
      }),
    );
  });

  it('mutations without keys rewrites the same few keys, so updates of one document happen', () => {
    const sample = fc.sample(arbitraries.mutations({ keyspace: 'src', maxLength: 30 }), 200);
    const rewrites = sample.filter((steps) => {
      const keys = steps.flatMap((step) => (step.type === 'upsert' ? [step.key] : []));
      return new Set(keys).size < keys.length;
    });
    expect(rewrites.length).toBeGreaterThan(50);
  });

  it('mutations produce bursts and redeliveries only with delivery "feed"', () => {
    const kinds = (delivery: 'exact' | 'feed') =>
      new Set(
        fc
          .sample(arbitraries.mutations({ keyspace: 'src', delivery, maxLength: 30 }), 100)
          .flat()
          .map((step) => step.type),
      );
    expect([...kinds('exact')].sort()).toEqual(['advance', 'remove', 'upsert']);
    expect([...kinds('feed')].sort()).toEqual([
      'advance',
      'burst',
      'redeliver',
      'remove',
      'upsert',
    ]);
  });
});

describe('applyMutations', () => {
  it('delivers only the last value of a burst, as the feed de-duplicates rapid updates', async () => {
    const { em } = await deployed(COUNT);
    await applyMutations(em, [
      { type: 'burst', keyspace: 'src', key: 'k', values: [{ v: 1 }, { v: 2 }, { v: 3 }] },
    ]);
    expect(em.get('dst', 'k')?.value).toEqual({ deliveries: 1, last: { v: 3 } });
    expect(em.get('src', 'k')?.value).toEqual({ v: 3 });
  });

  it('delivers the current state of a key again on a redelivery', async () => {
    const { em } = await deployed(COUNT);
    await applyMutations(em, [
      { type: 'upsert', keyspace: 'src', key: 'k', value: { v: 1 } },
      { type: 'redeliver', keyspace: 'src', key: 'k' },
      { type: 'redeliver', keyspace: 'src', key: 'gone' },
    ]);
    expect(em.get('dst', 'k')?.value).toEqual({ deliveries: 2, last: { v: 1 } });
    expect(em.get('dst', 'gone')).toBeUndefined();
  });

  it('expires documents written with an expiry once the clock passes it', async () => {
    const { em } = await deployed(COPY);
    await applyMutations(em, [
      { type: 'upsert', keyspace: 'src', key: 'k', value: {}, expiry: 60 },
      { type: 'advance', ms: 59_000 },
    ]);
    expect(em.get('dst', 'k')).toBeDefined();
    await applyMutations(em, [{ type: 'advance', ms: 1_000 }]);
    expect(em.get('src', 'k')).toBeUndefined();
    expect(em.get('dst', 'k')).toBeUndefined();
  });

  it('proves an idempotent copy handler keeps its copy equal to the source under any feed', async () => {
    const em = await emulator();
    await em.deploy(handler(COPY));
    await fc.assert(
      fc.asyncProperty(
        arbitraries.mutations({ keyspace: 'src', delivery: 'feed' }),
        async (steps) => {
          await em.reset();
          await applyMutations(em, steps);
          expect(em.keys('dst')).toEqual(em.keys('src'));
          for (const key of em.keys('src'))
            expect(em.get('dst', key)?.value).toEqual(em.get('src', key)?.value);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('finds that a counting handler is not idempotent, once the feed may deliver again', async () => {
    const em = await emulator();
    await em.deploy(handler(COUNT));
    // "The handler sees each write at most once": true of exact delivery, false of the feed.
    const seenAtMostOnce = (delivery: 'exact' | 'feed') =>
      fc.asyncProperty(
        arbitraries.mutations({ keyspace: 'src', keys: ['k'], delivery }),
        async (steps: Mutation[]) => {
          await em.reset();
          await applyMutations(em, steps);
          const writes = steps.filter((s) => s.type === 'upsert' || s.type === 'burst').length;
          const value = em.get('dst', 'k')?.value as { deliveries: number } | undefined;
          return (value?.deliveries ?? 0) <= writes;
        },
      );
    await fc.assert(seenAtMostOnce('exact'), { numRuns: 100 });
    const result = await fc.check(seenAtMostOnce('feed'), { numRuns: 200 });
    expect(result.failed).toBe(true);
    const counterexample = result.counterexample?.[0] as Mutation[];
    expect(counterexample.some((step) => step.type === 'redeliver')).toBe(true);
  });
});
