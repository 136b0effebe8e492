import { createEmulator, type Emulator, type EventingFunction } from 'eventing-dev';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const AIRLINES = 'travel-sample.inventory.airline';
const ENRICHED = 'travel-sample.inventory.airline_enriched';
const folder = new URL('.', import.meta.url);
const CODES: Record<string, string> = {
  France: 'FR',
  'United States': 'US',
  'United Kingdom': 'GB',
};

let em: Emulator;
let fn: EventingFunction;

beforeEach(async () => {
  em = await createEmulator({ now: new Date('2026-01-01T00:00:00Z') });
  fn = await em.deploy(folder);
});
// em is unset when beforeEach failed: that failure is the one to read.
afterEach(() => em?.dispose());

describe('enrich', () => {
  it('writes an enriched copy with the country code', async () => {
    await em.upsert(AIRLINES, 'airline_10', {
      type: 'airline',
      name: 'Air Example',
      callsign: 'AX',
      country: 'France',
    });
    expect(em.get(ENRICHED, 'airline_10')?.value).toEqual({
      name: 'Air Example',
      callsign: 'AX',
      country: 'France',
      country_code: 'FR',
    });
    expect(fn).toHaveLogged('enriched airline_10 FR');
  });

  it('ignores documents that are not airlines', async () => {
    await em.upsert(AIRLINES, 'route_1', { type: 'route' });
    expect(em.count(ENRICHED)).toBe(0);
    expect(fn).toHaveStat('on_update_success', 1);
  });

  it('deletes the copy when the airline is deleted', async () => {
    await em.upsert(AIRLINES, 'airline_10', { type: 'airline', name: 'A', country: 'Narnia' });
    expect(em).toHaveDocument(ENRICHED, 'airline_10', { country_code: null });
    await em.remove(AIRLINES, 'airline_10');
    expect(em).not.toHaveDocument(ENRICHED, 'airline_10');
  });

  it('copies any airline faithfully (property)', async () => {
    const airline = fc.record({
      name: fc.string(),
      callsign: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
      country: fc.constantFrom('France', 'United States', 'United Kingdom', 'Atlantis'),
    });
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), airline, async (key, doc) => {
        await em.upsert(AIRLINES, key, { type: 'airline', ...doc });
        expect(em.get(ENRICHED, key)?.value).toEqual({
          name: doc.name,
          callsign: doc.callsign ?? null,
          country: doc.country,
          country_code: CODES[doc.country] ?? null,
        });
      }),
      { numRuns: 200 },
    );
    expect(fn.failures).toEqual([]);
  });
});
