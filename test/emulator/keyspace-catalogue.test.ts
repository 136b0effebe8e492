import { describe, expect, it } from 'vitest';
import { parseKeyspace } from '../../src/definition/keyspace.ts';
import { createKeyspaceCatalogue } from '../../src/emulator/keyspace-catalogue.ts';
import { defineFunction } from '../../src/testing/index.ts';
import { emulator } from '../helpers/emulator.ts';

const ks = parseKeyspace;

describe('the keyspace catalogue', () => {
  it('gives a new bucket its _default scope and collection, and names the outermost missing part', () => {
    const catalogue = createKeyspaceCatalogue();
    catalogue.create({ bucket: 'shop', scope: 'sales', collection: 'orders' });
    expect(catalogue.missing(ks('shop'))).toBeUndefined();
    expect(catalogue.missing(ks('shop.sales.orders'))).toBeUndefined();
    expect(catalogue.missing(ks('shop.sales.refunds'))).toBe('collection');
    expect(catalogue.missing(ks('shop.hr.staff'))).toBe('scope');
    expect(catalogue.missing(ks('bank'))).toBe('bucket');
  });

  it('creates a scope alone, or a bucket alone, for a path that stops or has a wildcard', () => {
    const catalogue = createKeyspaceCatalogue();
    catalogue.create({ bucket: 'shop', scope: 'hr' });
    catalogue.create(ks('bank.*.*'));
    catalogue.create(ks('shop.sales.*'));
    expect(catalogue.buckets()).toEqual([
      { name: 'bank', scopes: [{ name: '_default', collections: ['_default'] }] },
      {
        name: 'shop',
        scopes: [
          { name: '_default', collections: ['_default'] },
          { name: 'hr', collections: [] },
          { name: 'sales', collections: [] },
        ],
      },
    ]);
  });

  it('refuses a _default collection in a named scope, which Couchbase cannot create', () => {
    const catalogue = createKeyspaceCatalogue();
    expect(() => catalogue.create(ks('shop.sales._default'))).toThrow(
      expect.objectContaining({
        code: 'KEYSPACE_INVALID',
        message:
          'Cannot create shop.sales._default: the _default collection exists only in the _default scope',
      }),
    );
    expect(catalogue.missing(ks('shop'))).toBe('bucket');
  });

  it('takes in the keyspaces named elsewhere, and forgets them on request while created ones stay', () => {
    let named = [ks('shop.sales.orders')];
    const catalogue = createKeyspaceCatalogue({ named: () => named });
    catalogue.create(ks('bank'));
    expect(catalogue.missing(ks('shop.sales.orders'))).toBeUndefined();
    named = [];
    expect(catalogue.missing(ks('shop.sales.orders'))).toBeUndefined();
    catalogue.forgetNamed();
    expect(catalogue.missing(ks('shop.sales.orders'))).toBe('bucket');
    expect(catalogue.missing(ks('bank'))).toBeUndefined();
  });

  it('drops a collection or a named scope, never the _default scope', () => {
    const catalogue = createKeyspaceCatalogue();
    catalogue.create(ks('shop.sales.orders'));
    catalogue.create(ks('shop.hr.staff'));
    expect(catalogue.drop({ bucket: 'shop', scope: 'sales', collection: 'orders' })).toBe(true);
    expect(catalogue.drop({ bucket: 'shop', scope: 'hr' })).toBe(true);
    expect(catalogue.drop({ bucket: 'shop', scope: '_default' })).toBe(false);
    expect(catalogue.drop({ bucket: 'shop', scope: 'hr' })).toBe(false);
    expect(catalogue.missing(ks('shop.sales.orders'))).toBe('collection');
    expect(catalogue.missing(ks('shop.hr.staff'))).toBe('scope');
  });
});

describe('which keyspaces exist in the emulator', () => {
  it('lists those of definitions, of documents written by tests, of the keyspaces option and of createKeyspace', async () => {
    const em = await emulator({ keyspaces: ['bank.accounts.*'] });
    await em.define(
      defineFunction({
        name: 'fn',
        source: 'shop.sales.orders',
        metadata: 'meta',
        buckets: { out: 'shop.sales.audit' },
        code: 'function OnUpdate(doc, meta) {}',
      }),
    );
    em.seed('shop.hr.staff', { ada: {} });
    em.createKeyspace('travel');
    expect(em.keyspaces.buckets().map((bucket) => bucket.name)).toEqual([
      'bank',
      'meta',
      'shop',
      'travel',
    ]);
    expect(em.keyspaces.buckets().find((bucket) => bucket.name === 'shop')?.scopes).toEqual([
      { name: '_default', collections: ['_default'] },
      { name: 'hr', collections: ['staff'] },
      { name: 'sales', collections: ['audit', 'orders'] },
    ]);
  });

  it('keeps created keyspaces across a reset and forgets those only the documents named', async () => {
    const em = await emulator();
    em.createKeyspace('shop.sales.orders');
    em.seed('shop.hr.staff', { ada: {} });
    await em.reset();
    expect(em.keyspaces.missing(parseKeyspace('shop.sales.orders'))).toBeUndefined();
    expect(em.keyspaces.missing(parseKeyspace('shop.hr.staff'))).toBe('scope');
  });

  it('drops a bucket with its documents; one a definition names exists again', async () => {
    const em = await emulator();
    em.seed('shop.sales.orders', { o1: {} });
    expect(em.keyspaces.drop({ bucket: 'shop' })).toBe(true);
    expect(em.keyspaces.missing(parseKeyspace('shop.sales.orders'))).toBe('bucket');
    expect(em.count('shop.sales.orders')).toBe(0);
    expect(em.keyspaces.drop({ bucket: 'shop' })).toBe(false);
    await em.define(
      defineFunction({ name: 'fn', source: 'src', code: 'function OnUpdate(doc, meta) {}' }),
    );
    em.keyspaces.drop({ bucket: 'src' });
    expect(em.keyspaces.missing(parseKeyspace('src'))).toBeUndefined();
  });

  it('refuses text that is not a keyspace and forms Couchbase cannot create', async () => {
    const em = await emulator();
    expect(() => em.createKeyspace('shop.sales')).toThrow(
      expect.objectContaining({ code: 'KEYSPACE_INVALID' }),
    );
    await expect(emulator({ keyspaces: ['shop.sales._default'] })).rejects.toMatchObject({
      code: 'KEYSPACE_INVALID',
    });
  });
});
