import { describe, expect, it } from 'vitest';
import { deployed, logged, loggedValues } from '../../helpers/emulator.ts';

// The result objects of couchbase.* (spec runtime §4.2): one test per row of the success table
// and of the soft-failure table. Results are logged as JSON, which keeps their key order.

/** Keys of a value, nested ones in braces, in order: `a,b{c,d}`. */
function shape(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '';
  return Object.entries(value)
    .map(([key, inner]) => {
      const nested = shape(inner);
      return nested ? `${key}{${nested}}` : key;
    })
    .join(',');
}

const CAS = /^[1-9]\d*$/;

/** A logged result, as far as these tests look into it. */
type Logged = { meta: Record<string, unknown>; doc: { count?: number } & unknown[] };

async function results(
  code: string,
  setup?: (em: Awaited<ReturnType<typeof deployed>>['em']) => Promise<void>,
) {
  const { em, fn } = await deployed(`function OnUpdate(doc, meta) {\n${code}\n}`);
  await setup?.(em);
  await em.upsert('src', 'k', {});
  expect(fn.failures).toEqual([]);
  return { em, fn, values: loggedValues(fn) as Logged[] };
}

describe('advanced accessor results', () => {
  it('get: {doc, meta: {id, cas, expiry_date?, datatype}, res_size, success}', async () => {
    const { values } = await results(
      `log(couchbase.get(dst, {id: 'plain'})); log(couchbase.get(dst, {id: 'expiring'}));`,
      async (em) => {
        await em.upsert('dst', 'plain', { a: 1 });
        await em.upsert('dst', 'expiring', [1], { expiry: new Date('2026-01-02T00:00:00Z') });
      },
    );
    expect(values.map(shape)).toEqual([
      'doc{a},meta{id,cas,datatype},res_size,success',
      'doc,meta{id,cas,expiry_date,datatype},res_size,success',
    ]);
    expect(values[0]).toMatchObject({
      doc: { a: 1 },
      meta: { id: 'plain', cas: expect.stringMatching(CAS), datatype: 'json' },
      res_size: 8 + 'plain'.length + '{"a":1}'.length,
      success: true,
    });
    expect(values[1]?.meta.expiry_date).toBe('2026-01-02T00:00:00.000Z');
  });

  it('insert, upsert, replace: {meta: {id, cas, expiry_date?}, success}, echoing the expiry in whole seconds', async () => {
    const { values, em } = await results(`
      var at = new Date(Date.UTC(2026, 0, 1, 1, 0, 0, 999));
      log(couchbase.insert(dst, {id: 'a', expiry_date: at}, {n: 1}));
      log(couchbase.upsert(dst, {id: 'a'}, {n: 2}));
      log(couchbase.replace(dst, {id: 'a', expiry_date: at}, {n: 3}));`);
    expect(values.map(shape)).toEqual([
      'meta{id,cas,expiry_date},success',
      'meta{id,cas},success',
      'meta{id,cas,expiry_date},success',
    ]);
    expect(values[0]?.meta.expiry_date).toBe('2026-01-01T01:00:00.000Z');
    expect(em.get('dst', 'a')).toMatchObject({
      value: { n: 3 },
      expiration: Date.UTC(2026, 0, 1, 1) / 1000,
    });
    const cases = values.map((v) => v.meta.cas);
    expect(new Set(cases).size).toBe(3);
    for (const cas of cases) expect(cas).toMatch(CAS);
  });

  it('delete: {meta: {id, cas}, success}', async () => {
    const { values, em } = await results(`log(couchbase.delete(dst, {id: 'gone'}));`, (em) =>
      em.upsert('dst', 'gone', 1).then(() => undefined),
    );
    expect(values.map(shape)).toEqual(['meta{id,cas},success']);
    expect(values[0]).toMatchObject({
      meta: { id: 'gone', cas: expect.stringMatching(CAS) },
      success: true,
    });
    expect(em.get('dst', 'gone')).toBeUndefined();
  });

  it('increment, decrement: {doc: {count}, meta: {id, cas}, success}', async () => {
    const { values } = await results(`
      log(couchbase.increment(dst, {id: 'c'}));
      log(couchbase.increment(dst, {id: 'c'}));
      log(couchbase.decrement(dst, {id: 'd'}));`);
    expect(values.map(shape)).toEqual([
      'doc{count},meta{id,cas},success',
      'doc{count},meta{id,cas},success',
      'doc{count},meta{id,cas},success',
    ]);
    expect(values.map((v) => v.doc.count)).toEqual([1, 2, -1]);
  });

  it('touch: {meta: {id, cas}, success}, without the expiry echoed', async () => {
    const { values, em } = await results(
      `log(couchbase.touch(dst, {id: 't', expiry_date: new Date(Date.UTC(2026, 0, 3))}));`,
      (em) => em.upsert('dst', 't', { keep: true }).then(() => undefined),
    );
    expect(values.map(shape)).toEqual(['meta{id,cas},success']);
    expect(em.get('dst', 't')).toMatchObject({
      value: { keep: true },
      expiration: Date.UTC(2026, 0, 3) / 1000,
    });
  });

  it('mutateIn: {meta: {id, cas, expiry_date?}, success}', async () => {
    const { values } = await results(
      `log(couchbase.mutateIn(dst, {id: 'm'}, [couchbase.MutateInSpec.upsert('a', 1)]));
       log(couchbase.mutateIn(dst, {id: 'm', expiry_date: new Date(Date.UTC(2026, 0, 5))},
         [couchbase.MutateInSpec.upsert('b', 2)]));`,
      (em) => em.upsert('dst', 'm', {}).then(() => undefined),
    );
    expect(values.map(shape)).toEqual(['meta{id,cas},success', 'meta{id,cas,expiry_date},success']);
  });

  it('lookupIn: {doc: [{value, success} | {success}], meta: {id, cas, datatype}, success}', async () => {
    const { values } = await results(
      `log(couchbase.lookupIn(dst, {id: 'l'}, [couchbase.LookupInSpec.get('a'), couchbase.LookupInSpec.get('z')]));`,
      (em) => em.upsert('dst', 'l', { a: [1] }).then(() => undefined),
    );
    expect(values.map(shape)).toEqual(['doc,meta{id,cas,datatype},success']);
    expect(values[0]?.doc).toEqual([{ value: [1], success: true }, { success: false }]);
    expect(values[0]?.doc.map(shape)).toEqual(['value,success', 'success']);
  });

  it('bindingDetails: {access, keyspace: {bucket, scope, collection}}', async () => {
    const { values } = await results(`log(couchbase.bindingDetails(dst, {id: 'x'}));`);
    expect(values).toEqual([
      { access: 'rw', keyspace: { bucket: 'dst', scope: '_default', collection: '_default' } },
    ]);
    expect(values.map(shape)).toEqual(['access,keyspace{bucket,scope,collection}']);
  });
});

describe('advanced accessor soft failures', () => {
  const notFound = {
    error: {
      code: 1,
      name: 'LCB_KEY_ENOENT',
      desc: 'The document key does not exist on the server',
      key_not_found: true,
    },
    success: false,
  };
  const casMismatch = {
    error: {
      code: 2,
      name: 'LCB_KEY_EEXISTS',
      desc: 'The document key exists with a CAS value different than specified',
      cas_mismatch: true,
    },
    success: false,
  };

  it('key_not_found from get, replace, delete, touch, mutateIn and lookupIn', async () => {
    const { values, fn } = await results(`
      var m = {id: 'missing'};
      log(couchbase.get(dst, m));
      log(couchbase.replace(dst, m, 1));
      log(couchbase.delete(dst, m));
      log(couchbase.touch(dst, m));
      log(couchbase.mutateIn(dst, m, [couchbase.MutateInSpec.upsert('a', 1)]));
      log(couchbase.lookupIn(dst, m, [couchbase.LookupInSpec.get('a')]));`);
    expect(values).toEqual(new Array(6).fill(notFound));
    expect(values.map(shape)).toEqual(
      new Array(6).fill('error{code,name,desc,key_not_found},success'),
    );
    expect(fn.stats.failure_stats.bucket_op_exception_count).toBe(0);
  });

  it('key_already_exists from insert', async () => {
    const { values } = await results(`log(couchbase.insert(dst, {id: 'taken'}, 2));`, (em) =>
      em.upsert('dst', 'taken', 1).then(() => undefined),
    );
    expect(values).toEqual([
      {
        error: {
          code: 2,
          name: 'LCB_KEY_EEXISTS',
          desc: 'The document key already exists in the server.',
          key_already_exists: true,
        },
        success: false,
      },
    ]);
  });

  it('cas_mismatch from replace, delete and mutateIn given a stale CAS, counted', async () => {
    const { values, fn, em } = await results(
      `var stale = couchbase.get(dst, {id: 'v'}).meta.cas;
       couchbase.upsert(dst, {id: 'v'}, 2);
       log(couchbase.replace(dst, {id: 'v', cas: stale}, 3));
       log(couchbase.delete(dst, {id: 'v', cas: stale}));
       log(couchbase.mutateIn(dst, {id: 'v', cas: stale}, [couchbase.MutateInSpec.upsert('a', 1)]));`,
      (em) => em.upsert('dst', 'v', 1).then(() => undefined),
    );
    expect(values).toEqual([casMismatch, casMismatch, casMismatch]);
    expect(fn.stats.failure_stats.bkt_ops_cas_mismatch_count).toBe(3);
    expect(em.get('dst', 'v')?.value).toBe(2);
  });

  it('cas_mismatch from increment when the Data service reports one (a concurrent write)', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) { log(couchbase.increment(dst, {id: 'n'})); }`,
    );
    em.faults.kv({ op: 'increment', error: 'cas_mismatch', times: 1 });
    await em.upsert('src', 'k', {});
    expect(loggedValues(fn)).toEqual([casMismatch]);
  });

  it('not_number from increment and decrement when count is not a number', async () => {
    const { values } = await results(
      `log(couchbase.increment(dst, {id: 'n'})); log(couchbase.decrement(dst, {id: 'n'}));`,
      (em) => em.upsert('dst', 'n', { count: 'many' }).then(() => undefined),
    );
    const notNumber = {
      error: {
        code: 0xc1,
        name: 'LCB_DELTA_BADVAL',
        desc: 'counter value cannot be parsed as a number',
        not_number: true,
      },
      success: false,
    };
    expect(values).toEqual([notNumber, notNumber]);
  });

  it('field_already_exists and field_not_found from mutateIn', async () => {
    const { values } = await results(
      `log(couchbase.mutateIn(dst, {id: 'f'}, [couchbase.MutateInSpec.insert('a', 2)]));
       log(couchbase.mutateIn(dst, {id: 'f'}, [couchbase.MutateInSpec.replace('nope', 2)]));`,
      (em) => em.upsert('dst', 'f', { a: 1 }).then(() => undefined),
    );
    expect(values).toEqual([
      {
        error: {
          code: 0xc9,
          name: 'LCB_ERR_SUBDOC_PATH_EXISTS',
          desc: 'The document path already exist',
          field_already_exists: true,
        },
        success: false,
      },
      {
        error: {
          code: 0xc0,
          name: 'LCB_ERR_SUBDOC_PATH_NOT_FOUND',
          desc: 'The document key does not exist on the server',
          field_not_found: true,
        },
        success: false,
      },
    ]);
  });
});

describe('CAS and expiry', () => {
  it('gives a new decimal CAS on every write, and the event meta CAS works for replace', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        log(couchbase.replace(self, meta, {seen: true}, {self_recursion: false}).success);
        log(couchbase.replace(self, meta, {again: true}).error.cas_mismatch);
      }`,
      { buckets: { self: 'src' } },
    );
    const { cas } = await em.upsert('src', 'k', {});
    expect(loggedValues(fn)).toEqual([true, true]);
    expect(em.get('src', 'k')).toMatchObject({ value: { seen: true } });
    expect(em.get('src', 'k')?.cas).not.toBe(cas);
  });

  it('clears an existing expiry when a write omits expiry_date; counters keep none either', async () => {
    const { em } = await results(
      `couchbase.upsert(dst, {id: 'u'}, 1);
       couchbase.mutateIn(dst, {id: 'm'}, [couchbase.MutateInSpec.upsert('a', 1)]);
       couchbase.touch(dst, {id: 't'});
       couchbase.increment(dst, {id: 'c', expiry_date: new Date(Date.UTC(2026, 5, 1))});`,
      async (em) => {
        for (const key of ['u', 'm', 't']) await em.upsert('dst', key, {}, { expiry: 3600 });
      },
    );
    for (const key of ['u', 'm', 't', 'c']) expect(em.get('dst', key)?.expiration).toBe(0);
  });
});

describe('entry modes', () => {
  it('behave the same when the isolate is entered asynchronously', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        log(couchbase.insert(dst, {id: 'a'}, new Uint8Array([7]).buffer).success,
          Array.from(new Uint8Array(couchbase.get(dst, {id: 'a'}, {cache: true}).doc)),
          couchbase.lookupIn(dst, {id: 'missing'}, []).error.key_not_found);
      }`,
      {},
      { entryMode: 'async' },
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['true [7] true ']);
  });
});
