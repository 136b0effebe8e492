import { describe, expect, it } from 'vitest';
import { parseKeyspace } from '../../../../src/definition/keyspace.ts';
import { ManualClock } from '../../../../src/emulator/clock.ts';
import { DataService } from '../../../../src/emulator/data-service.ts';
import { createKeyspaceCatalogue } from '../../../../src/emulator/keyspace-catalogue.ts';
import { KvFaults } from '../../../../src/emulator/kv-faults.ts';
import { Store } from '../../../../src/emulator/store.ts';
import { advancedOp } from '../../../../src/runtime/bindings/keyspace/advanced-accessors.ts';
import type { KeyspaceContext } from '../../../../src/runtime/bindings/keyspace/basic-accessors.ts';
import type { AdvancedRequest } from '../../../../src/runtime/door-protocol.ts';
import { createFunctionStats } from '../../../../src/runtime/stats.ts';

// The host side over the emulator's own store: which outcome each operation has, what it
// counts, and which writes carry the function's recursion stamp.

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const stamps: Array<[string, string | undefined]> = [];
  const store = new Store(clock, (change, suppressFor) => stamps.push([change.key, suppressFor]));
  const faults = new KvFaults();
  const catalogue = createKeyspaceCatalogue();
  for (const bucket of ['src', 'dst']) catalogue.create({ bucket });
  catalogue.create({ bucket: 'src', scope: 'inv', collection: 'air' });
  const context: KeyspaceContext = {
    port: new DataService(store, faults, catalogue),
    stats: createFunctionStats(),
    languageCompatibility: '7.2.0',
    functionInstanceId: 'fn-1',
    source: parseKeyspace('src'),
    bindings: [
      { keyspace: parseKeyspace('dst'), writesToSource: false },
      { keyspace: parseKeyspace('src'), writesToSource: true },
      { keyspace: { bucket: 'src', scope: '*', collection: '*' }, writesToSource: true },
    ],
  };
  return { store, faults, context, stamps };
}

function request(
  op: AdvancedRequest['op'],
  fields: Partial<AdvancedRequest> = {},
): AdvancedRequest {
  return {
    op,
    binding: 0,
    key: 'k',
    cas: '0',
    expiry: 0,
    selfRecursion: false,
    cacheMiss: false,
    ...fields,
  };
}

describe('advanced accessors on the host', () => {
  it('reports a document with its CAS, datatype, expiry and cache size', () => {
    const { context, store } = setup();
    store.write(parseKeyspace('dst'), 'k', '{"a":1}', { expiration: 1_800_000_000 });
    expect(advancedOp(context, request('get'))).toEqual({
      cas: expect.any(String),
      doc: '{"a":1}',
      datatype: 'json',
      expiration: 1_800_000_000,
      resSize: 8 + 1 + 7,
    });
  });

  it('returns expected outcomes as soft failures with the KV status code', () => {
    const { context, store } = setup();
    expect(advancedOp(context, request('get'))).toEqual({ soft: 'key_not_found', code: 1 });
    store.write(parseKeyspace('dst'), 'k', '{}');
    expect(advancedOp(context, request('insert', { value: '1' }))).toEqual({
      soft: 'key_already_exists',
      code: 2,
    });
    expect(advancedOp(context, request('replace', { value: '1', cas: '5' }))).toEqual({
      soft: 'cas_mismatch',
      code: 2,
    });
    expect(context.stats.failure_stats.bkt_ops_cas_mismatch_count).toBe(1);
    expect(context.stats.failure_stats.bucket_op_exception_count).toBe(0);
  });

  it('counts a cache miss for a get made through the cache', () => {
    const { context } = setup();
    advancedOp(context, request('get', { cacheMiss: true }));
    expect(context.stats.failure_stats.bucket_op_cache_miss_count).toBe(1);
  });

  it('turns Data service failures into KVErrors counted by libcouchbase code', () => {
    const { context, faults } = setup();
    faults.add({ op: 'upsert', error: 'timeout' });
    const result = advancedOp(context, request('upsert', { value: '1' }));
    expect(result).toEqual({
      error: {
        class: 'KVError',
        message: expect.objectContaining({ name: 'LCB_ERR_TIMEOUT', code: 201 }),
      },
    });
    expect(context.stats.lcb_exception_stats).toEqual({ 201: 1 });
    expect(context.stats.failure_stats.bucket_op_exception_count).toBe(1);
  });

  it('throws sub-document failures that have no soft result, such as a value it cannot insert', () => {
    const { context, store } = setup();
    store.write(parseKeyspace('dst'), 'k', '{"l":1}');
    const append = { type: 5, path: 'l', value: '2', createPath: false, xattr: false };
    const badJson = { type: 2, path: 'x', value: '{', createPath: false, xattr: false };
    expect(advancedOp(context, request('mutateIn', { specs: [append] }))).toMatchObject({
      error: { message: { name: 'LCB_ERR_SUBDOC_PATH_MISMATCH' } },
    });
    expect(advancedOp(context, request('mutateIn', { specs: [badJson] }))).toMatchObject({
      error: { message: { name: 'LCB_ERR_SUBDOC_VALUE_INVALID' } },
    });
  });

  it('refuses a key the Data service cannot store', () => {
    const { context } = setup();
    expect(advancedOp(context, request('get', { key: 'x'.repeat(251) }))).toMatchObject({
      error: { message: { name: 'LCB_ERR_INVALID_ARGUMENT' } },
    });
  });

  it('stamps writes into the source keyspace unless the caller allows self recursion', () => {
    const { context, stamps } = setup();
    advancedOp(context, request('upsert', { binding: 1, key: 'a', value: '1' }));
    advancedOp(
      context,
      request('upsert', { binding: 1, key: 'b', value: '1', selfRecursion: true }),
    );
    advancedOp(context, request('increment', { binding: 1, key: 'c', selfRecursion: true }));
    advancedOp(context, request('delete', { binding: 1, key: 'a', selfRecursion: true }));
    advancedOp(context, request('upsert', { binding: 0, key: 'd', value: '1' }));
    expect(stamps).toEqual([
      ['a', 'fn-1'],
      ['b', undefined],
      ['c', 'fn-1'],
      ['a', 'fn-1'],
      ['d', undefined],
    ]);
  });

  it('resolves the wildcard parts of a binding from the request', () => {
    const { context, store, stamps } = setup();
    const where = { binding: 2, scope: 'inv', collection: 'air', value: '1' };
    advancedOp(context, request('upsert', where));
    expect(store.read(parseKeyspace('src.inv.air'), 'k')).toBeDefined();
    // src.inv.air is not the source (src._default._default): no stamp.
    expect(stamps).toEqual([['k', undefined]]);
  });

  it('answers lookupIn with JSON text per spec and null for a missing path', () => {
    const { context, store } = setup();
    store.write(parseKeyspace('dst'), 'k', '{"a":[1,{"b":true}]}');
    const specs = ['a[1]', 'a[5]'].map((path) => ({
      type: 1,
      path,
      createPath: false,
      xattr: false,
    }));
    expect(advancedOp(context, request('lookupIn', { specs }))).toMatchObject({
      values: ['{"b":true}', null],
      datatype: 'json',
    });
  });
});
