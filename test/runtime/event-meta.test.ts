import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deployed, logged, loggedValues } from '../helpers/emulator.ts';

describe('OnUpdate arguments', () => {
  it('passes the 8.x meta object with its keys in the server order', async () => {
    const { em, fn } = await deployed('function OnUpdate(doc, meta) { log(meta); }', {
      source: 'travel.inventory.airline',
    });
    const { cas } = await em.upsert('travel.inventory.airline', 'airline_1', { name: 'x' });
    const meta = loggedValues(fn)[0] as Record<string, unknown>;
    expect(Object.keys(meta)).toEqual([
      'id',
      'cas',
      'flags',
      'vb',
      'seq',
      'datatype',
      'expiration',
      'keyspace',
    ]);
    expect(meta).toEqual({
      id: 'airline_1',
      cas,
      flags: 0,
      vb: ((crc32('airline_1') >>> 16) & 0x7fff) % 1024,
      seq: 1,
      datatype: 'json',
      expiration: 0,
      keyspace: { bucket_name: 'travel', scope_name: 'inventory', collection_name: 'airline' },
    });
    expect(cas).toMatch(/^\d{19}$/);
  });

  it('adds expiry_date as a Date when the document expires', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      log(meta.expiration, meta.expiry_date instanceof Date, meta.expiry_date.getTime() === meta.expiration * 1000,
        Object.keys(meta).pop());
    }`);
    await em.upsert('src', 'k', {}, { expiry: new Date('2026-01-01T01:00:00.900Z') });
    expect(logged(fn)).toEqual([`${Date.UTC(2026, 0, 1, 1) / 1000} true true "expiry_date" `]);
  });

  it('passes any JSON document type parsed, and user xattrs as the third argument', async () => {
    const { em, fn } = await deployed('function OnUpdate(doc, meta, xattrs) { log(doc, xattrs); }');
    for (const [key, value] of [
      ['o', { a: 1 }],
      ['a', [1]],
      ['s', 's'],
      ['n', 2.5],
      ['b', false],
      ['z', null],
    ] as const) {
      await em.upsert('src', key, value);
    }
    await em.upsert('src', 'x', {}, { xattrs: { tag: 'user xattr test value' } });
    expect(logged(fn)).toEqual([
      '{"a":1} null ',
      '[1] null ',
      '"s" null ',
      '2.5 null ',
      'false null ',
      'null null ',
      '{} {"tag":"user xattr test value"} ',
    ]);
  });

  it('counts seq per vBucket and changes the CAS on every write', async () => {
    const { em, fn } = await deployed('function OnUpdate(doc, meta) { log(meta.seq, meta.cas); }');
    const first = await em.upsert('src', 'k', 1);
    const second = await em.upsert('src', 'k', 2);
    expect(second.cas > first.cas).toBe(true);
    expect(logged(fn)).toEqual([`1 "${first.cas}" `, `2 "${second.cas}" `]);
  });
});

describe('OnDelete arguments', () => {
  it('passes meta without expiry and { expired: false } for an explicit delete', async () => {
    const { em, fn } = await deployed('function OnDelete(meta, options) { log(meta, options); }');
    await em.upsert('src', 'k', {}, { expiry: 60 });
    await em.remove('src', 'k');
    const [line] = logged(fn);
    const meta = JSON.parse((line as string).slice(0, (line as string).indexOf('} {') + 1));
    expect(meta).toMatchObject({ id: 'k', datatype: 'json', expiration: 0, seq: 2, flags: 0 });
    expect(meta).not.toHaveProperty('expiry_date');
    expect(line).toMatch(/ \{"expired":false\} $/);
  });
});
