import { describe, expect, it } from 'vitest';
import { EventingDevError } from '../../src/index.ts';
import { deployed, emulator, logged } from '../helpers/emulator.ts';

// em.faults.kv: make a handler's KV operations fail on demand, as the client library reports it.

const RETRYING_WRITER = `function OnUpdate(doc, meta) {
  for (var attempt = 1; attempt <= 3; attempt++) {
    try { dst[meta.id] = doc; log('written on attempt', attempt); return; }
    catch (e) { log(e instanceof KVError, e.message.name); }
  }
}`;

describe('KV fault injection', () => {
  it('throws a KVError named LCB_ERR_TIMEOUT, counted, for the given number of times', async () => {
    const { em, fn } = await deployed(RETRYING_WRITER);
    const fault = em.faults.kv({ keyspace: 'dst', op: 'upsert', error: 'timeout', times: 2 });
    await em.upsert('src', 'k', { a: 1 });
    expect(logged(fn)).toEqual([
      'true "LCB_ERR_TIMEOUT" ',
      'true "LCB_ERR_TIMEOUT" ',
      '"written on attempt" 3 ',
    ]);
    expect(fault.hits).toBe(2);
    expect(fn.stats.lcb_exception_stats).toEqual({ 201: 2 });
    expect(fn.stats.failure_stats.bucket_op_exception_count).toBe(2);
    expect(em.get('dst', 'k')?.value).toEqual({ a: 1 });
  });

  it('throws LCB_ERR_TEMPORARY_FAILURE from advanced accessors until the rule is removed', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      try { log(couchbase.get(dst, {id: 'x'}).success); } catch (e) { log(e instanceof KVError, e.message.name); }
    }`);
    const fault = em.faults.kv({ op: ['get', 'lookupIn'], error: 'temporary_failure' });
    await em.upsert('src', 'k1', {});
    fault.remove();
    await em.upsert('src', 'k2', {});
    expect(logged(fn)).toEqual(['true "LCB_ERR_TEMPORARY_FAILURE" ', 'false ']);
  });

  it('gives the soft result where the server has one', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      log(couchbase.get(dst, {id: 'there'}).error, dst['there'],
        couchbase.insert(dst, {id: 'new'}, 1).error.key_already_exists,
        couchbase.replace(dst, {id: 'there'}, 2).error.cas_mismatch);
    }`);
    await em.upsert('dst', 'there', 1);
    em.faults.kv({ key: 'there', op: ['get'], error: 'not_found' });
    em.faults.kv({ key: 'new', error: 'exists' });
    em.faults.kv({ key: 'there', op: 'replace', error: 'cas_mismatch' });
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      '{"code":1,"name":"LCB_KEY_ENOENT","desc":"The document key does not exist on the server","key_not_found":true} undefined true true ',
    ]);
    expect(em.keys('dst')).toEqual(['there']);
    expect(fn.stats.failure_stats.bkt_ops_cas_mismatch_count).toBe(1);
  });

  it('matches keys by pattern and leaves other keyspaces alone; clear() removes every rule', async () => {
    const { em, fn } = await deployed(RETRYING_WRITER, { buckets: { dst: 'dst' } });
    em.faults.kv({ keyspace: 'other', error: 'timeout' });
    em.faults.kv({ key: /^order::/, error: 'temporary_failure', times: 1 });
    await em.upsert('src', 'user::1', {});
    await em.upsert('src', 'order::1', {});
    em.faults.clear();
    em.faults.kv({ keyspace: 'dst', op: 'delete', error: 'timeout' });
    await em.upsert('src', 'order::2', {});
    expect(logged(fn)).toEqual([
      '"written on attempt" 1 ',
      'true "LCB_ERR_TEMPORARY_FAILURE" ',
      '"written on attempt" 2 ',
      '"written on attempt" 1 ',
    ]);
  });

  it('refuses a rule it does not understand', async () => {
    const em = await emulator();
    const bad = [
      { error: 'boom' },
      { error: 'timeout', op: 'scan' },
      { error: 'timeout', times: -1 },
    ];
    for (const rule of bad) {
      expect(() => em.faults.kv(rule as never)).toThrow(EventingDevError);
    }
    expect(() => em.faults.kv({ error: 'timeout', keyspace: 'a.b' })).toThrow(/KEYSPACE|keyspace/);
  });
});
