import { describe, expect, it } from 'vitest';
import { MaxTtls } from '../../src/emulator/max-ttl.ts';
import { eventingMatchers } from '../../src/testing/index.ts';
import * as docArchive from '../fixtures/documented-examples/doc-archive.ts';
import { emulator, handler } from '../helpers/emulator.ts';

expect.extend(eventingMatchers);

const NOW = Date.UTC(2026, 0, 1);
const now = NOW / 1000;
const ks = { bucket: 'b', scope: 's', collection: 'c' };

function rules(bucket?: number, collection?: number): MaxTtls {
  const ttls = new MaxTtls();
  if (bucket !== undefined) ttls.set({ bucket: 'b' }, bucket);
  if (collection !== undefined) ttls.set(ks, collection);
  return ttls;
}

describe('maxTTL: the expiry a write gets (Couchbase docs, Expiration Setting Priorities)', () => {
  it.each([
    // [document expiry in seconds from now (0: none), collection maxTTL, bucket maxTTL, expires in]
    [0, undefined, undefined, 0],
    [0, 0, 0, 0],
    [0, undefined, 600, 600],
    [0, 0, 600, 600],
    [0, 300, 600, 300],
    [0, 300, 0, 300],
    [0, -1, 600, 0],
    [100, undefined, undefined, 100],
    [100, 300, 600, 100],
    [900, 300, 600, 300],
    [900, 0, 600, 600],
    [900, -1, 600, 900],
  ])(
    'expiry %s, collection %s, bucket %s: expires in %s',
    (expiry, collection, bucket, expected) => {
      const ttls = rules(bucket, collection);
      const got = ttls.expirationOf(ks, expiry === 0 ? 0 : now + expiry, NOW);
      expect(got === 0 ? 0 : got - now).toBe(expected);
    },
  );

  it('applies to the collections of the bucket that have none of their own', () => {
    const ttls = rules(60);
    expect(ttls.limitOf({ bucket: 'b', scope: '_default', collection: '_default' })).toBe(60);
    expect(ttls.limitOf({ bucket: 'other', scope: '_default', collection: '_default' })).toBe(0);
  });

  it('refuses a scope and values Couchbase refuses, saying what is valid', () => {
    const ttls = new MaxTtls();
    expect(() => ttls.set({ bucket: 'b', scope: 's' }, 60)).toThrow(
      expect.objectContaining({
        code: 'ARGUMENT_INVALID',
        message: 'Scope b.s cannot have a maxTTL',
      }),
    );
    expect(() => ttls.set({ bucket: 'b' }, -1)).toThrow(
      expect.objectContaining({ hint: expect.stringContaining('from 0 to 2147483647') }),
    );
    for (const bad of [1.5, 2_147_483_648, Number.NaN, -2])
      expect(() => ttls.set(ks, bad)).toThrow(
        expect.objectContaining({ code: 'ARGUMENT_INVALID' }),
      );
    ttls.set(ks, -1);
    expect(ttls.limitOf(ks)).toBe(0);
  });
});

describe('em.createKeyspace(keyspace, { maxTTL })', () => {
  it('gives writes without an expiry one, whatever wrote them, and caps later ones', async () => {
    const em = await emulator();
    em.createKeyspace('bulk', { maxTTL: 600 });
    em.createKeyspace('bulk.data.short', { maxTTL: 60 });
    em.createKeyspace('bulk.data.forever', { maxTTL: -1 });
    await em.deploy(
      handler(
        `function OnUpdate(doc, meta) {
          brief[meta.id] = doc;
          couchbase.upsert(forever, { id: meta.id }, doc);
          couchbase.increment(counts, { id: 'n' });
        }`,
        {
          source: 'bulk.data.source',
          buckets: {
            brief: 'bulk.data.short',
            forever: 'bulk.data.forever',
            counts: 'bulk.data.counts',
          },
        },
      ),
    );
    const now = em.now.getTime() / 1000;
    await em.upsert('bulk.data.source', 'a', {});
    await em.upsert('bulk.data.source', 'b', {}, { expiry: 3600 });
    await em.upsert('bulk.data.source', 'c', {}, { expiry: 30 });
    expect(em.get('bulk.data.source', 'a')?.expiration).toBe(now + 600);
    expect(em.get('bulk.data.source', 'b')?.expiration).toBe(now + 600);
    expect(em.get('bulk.data.source', 'c')?.expiration).toBe(now + 30);
    expect(em.get('bulk.data.short', 'a')?.expiration).toBe(now + 60);
    expect(em.get('bulk.data.forever', 'a')?.expiration).toBe(0);
    expect(em.get('bulk.data.counts', 'n')?.expiration).toBe(now + 600);
    await em.advance('61s');
    expect(em.keys('bulk.data.short')).toEqual([]);
    expect(em.keys('bulk.data.source')).toEqual(['a', 'b']);
  });

  it('leaves documents written before it alone until they are written again', async () => {
    const em = await emulator();
    await em.upsert('bulk.data.source', 'old', {});
    em.createKeyspace('bulk.data.source', { maxTTL: 60 });
    expect(em.get('bulk.data.source', 'old')?.expiration).toBe(0);
    await em.edit('bulk.data.source', 'old', { edited: true });
    expect(em.get('bulk.data.source', 'old')?.expiration).toBe(em.now.getTime() / 1000 + 60);
  });

  it('refuses a scope or a value Couchbase refuses, creating nothing', async () => {
    const em = await emulator();
    expect(() => em.createKeyspace('bulk.data.*', { maxTTL: 60 })).toThrow(
      expect.objectContaining({ code: 'ARGUMENT_INVALID' }),
    );
    expect(() => em.createKeyspace('fresh', { maxTTL: -1 })).toThrow(
      expect.objectContaining({ code: 'ARGUMENT_INVALID' }),
    );
    expect(em.keyspaces.buckets().map((bucket) => bucket.name)).not.toContain('fresh');
  });

  it(`replays the documented example ${docArchive.page}`, async () => {
    const em = await emulator();
    em.createKeyspace('bulk.data.source', { maxTTL: docArchive.maxTTL });
    const fn = await em.deploy(
      handler(docArchive.handler, {
        name: 'archive_before_expiry',
        source: 'bulk.data.source',
        buckets: {
          src: { keyspace: 'bulk.data.source', access: 'r' },
          tgt: 'bulk.data.target',
        },
      }),
    );
    for (const [key, value] of Object.entries(docArchive.input))
      await em.upsert('bulk.data.source', key, value);
    const keys = Object.keys(docArchive.input);
    expect(fn.timers).toHaveLength(keys.length);
    await em.advance('8m');
    for (const [key, value] of Object.entries(docArchive.input))
      expect(em.get('bulk.data.target', key)?.value).toEqual(value);
    await em.advance('2m');
    expect(em.keys('bulk.data.source')).toEqual([]);
    expect(em.keys('bulk.data.target')).toEqual(keys);
    expect(fn.logs).toEqual([]);
    expect(fn).toHaveStat('on_update_success', keys.length);
  });
});
