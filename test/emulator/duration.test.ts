import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/emulator/duration.ts';
import * as docExpiry from '../fixtures/documented-examples/doc-expiry.ts';
import { emulator, handler, logged } from '../helpers/emulator.ts';

describe('durations', () => {
  it('reads one unit, or several from the largest down', () => {
    expect(parseDuration(250)).toBe(250);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('8m30s')).toBe(510_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration(' 1d 2h 3m 4s 5ms ')).toBe(93_784_005);
    expect(parseDuration('1m500ms')).toBe(60_500);
  });

  it.each(['ten seconds', '30s8m', '1m1m', '5', '', '1h-30m', '1 h x', '2w'])(
    'refuses %j and names the valid forms',
    (text) => {
      expect(() => parseDuration(text)).toThrow(
        expect.objectContaining({
          code: 'ARGUMENT_INVALID',
          message: `Invalid duration ${JSON.stringify(text)}`,
          hint: expect.stringContaining("'8m30s', '1h30m', '2d'"),
        }),
      );
    },
  );

  it('refuses negative and non-finite milliseconds', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => parseDuration(bad)).toThrow(
        expect.objectContaining({ code: 'ARGUMENT_INVALID' }),
      );
    }
  });

  it(`replays the documented example ${docExpiry.page}`, async () => {
    const em = await emulator({ now: docExpiry.output.createdAt });
    const fn = await em.deploy(
      handler(docExpiry.handler, {
        name: 'add_timer_before_expiry',
        source: 'bulk.data.source',
        buckets: {
          src: { keyspace: 'bulk.data.source', access: 'r' },
          tgt: 'bulk.data.target',
        },
      }),
    );
    const { key, value, expiry } = docExpiry.input;
    await em.upsert('bulk.data.source', key, value, { expiry });
    await em.advance('8m30s');
    expect(logged(fn)).toEqual(docExpiry.output.log);
    expect(em.get('bulk.data.target', key)?.value).toBe(docExpiry.output.target);
    expect(em.get('bulk.data.source', key)).toBeDefined();
    await em.advance('1m30s');
    expect(em.get('bulk.data.source', key)).toBeUndefined();
  });
});
