import { describe, expect, it } from 'vitest';
import { deployed, logged, loggedValues } from '../../helpers/emulator.ts';

// couchbase.mutateIn / lookupIn and their spec builders (spec runtime §4.8), user xattrs
// included, through handler fixtures.

describe('spec builders', () => {
  it('build plain spec objects with the spec_type codes and the value as JSON text', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var M = couchbase.MutateInSpec;
      log([M.insert('a', 1), M.upsert('a', 'x', {create_path: true}), M.replace('a', [1]),
        M.remove('a'), M.arrayAppend('l', 1), M.arrayPrepend('l', 1), M.arrayInsert('l[0]', 1),
        M.arrayAddUnique('l', 1)].map(function (s) { return [s.spec_type, s.value]; }));
      log(M.upsert('a', {b: 1}, {xattrs: true}), M.remove('a'), couchbase.LookupInSpec.get('p', {xattrs: true}));
      log(Object.keys(M), Object.keys(couchbase.LookupInSpec), typeof M.create, typeof couchbase.LookupInSpec.create);
    }`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      '[[1,"1"],[2,"\\"x\\""],[3,"[1]"],[4,null],[5,"1"],[6,"1"],[7,"1"],[8,"1"]] ',
      '{"spec_type":2,"path":"a","value":"{\\"b\\":1}","options":{"xattrs":true}} {"spec_type":4,"path":"a"} {"spec_type":1,"path":"p","options":{"xattrs":true}} ',
      '["insert","upsert","replace","remove","arrayAppend","arrayPrepend","arrayInsert","arrayAddUnique"] ["get"] "function" "function" ',
    ]);
  });

  it('work outside an invocation too, e.g. in global code of a footer', async () => {
    const { em, fn } = await deployed('function OnUpdate(doc, meta) { log(SPEC); }', {
      settings: { handler_footers: ["var SPEC = couchbase.MutateInSpec.upsert('n', 1);"] },
    });
    await em.upsert('src', 'k', {});
    expect(loggedValues(fn)).toEqual([{ spec_type: 2, path: 'n', value: '1' }]);
  });
});

describe('mutateIn', () => {
  it('applies every spec in order, as one write', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var M = couchbase.MutateInSpec;
      log(couchbase.mutateIn(dst, {id: 'd'}, [
        M.insert('name', 'n'), M.upsert('deep.er.field', true, {create_path: true}),
        M.replace('tags[0]', 'z'), M.remove('gone'), M.arrayAppend('tags', 'c'),
        M.arrayPrepend('tags', 'first'), M.arrayInsert('tags[1]', 'second'),
        M.arrayAddUnique('set', 3), M.arrayAppend('fresh', 1, {create_path: true}),
      ]).success);
    }`);
    await em.upsert('dst', 'd', { tags: ['a', 'b'], gone: 1, set: [1, 2] });
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['true ']);
    expect(em.get('dst', 'd')?.value).toEqual({
      tags: ['first', 'second', 'z', 'b', 'c'],
      set: [1, 2, 3],
      name: 'n',
      deep: { er: { field: true } },
      fresh: [1],
    });
  });

  it('changes nothing when one spec fails', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var M = couchbase.MutateInSpec;
      log(couchbase.mutateIn(dst, {id: 'd'}, [M.upsert('a', 2), M.arrayAddUnique('set', 1)]).error.name);
    }`);
    const { cas } = await em.upsert('dst', 'd', { a: 1, set: [1] });
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['"LCB_ERR_SUBDOC_PATH_EXISTS" ']);
    expect(em.get('dst', 'd')).toMatchObject({ value: { a: 1, set: [1] }, cas });
  });

  it('throws a KVError for a spec the Data service refuses outright', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      try { couchbase.mutateIn(dst, {id: 'd'}, [couchbase.MutateInSpec.arrayAppend('a', 1)]); }
      catch (e) { log(e instanceof KVError, e.message.name); }
    }`);
    await em.upsert('dst', 'd', { a: 'not an array' });
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['true "LCB_ERR_SUBDOC_PATH_MISMATCH" ']);
    expect(fn.stats.lcb_exception_stats).toEqual({ 314: 1 });
  });

  it('returns success at once for falsy specs, without checking the other arguments', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      log(couchbase.mutateIn(null, null, null), couchbase.lookupIn(5, 5, undefined));
    }`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['{"success":true} {"success":true} ']);
  });

  it('writes user xattrs that OnUpdate receives as its third argument', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta, xattrs) {
        if (meta.id === 'tagged') { log(doc, xattrs); return; }
        couchbase.mutateIn(self, {id: 'tagged'}, [
          couchbase.MutateInSpec.upsert('test_xattr', 'user xattr test value', {xattrs: true}),
          couchbase.MutateInSpec.upsert('audit.by', meta.id, {xattrs: true, create_path: true}),
        ], {self_recursion: true});
      }`,
      { buckets: { self: 'src' } },
    );
    await em.upsert('src', 'tagged', { body: 1 });
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      '{"body":1} null ',
      '{"body":1} {"test_xattr":"user xattr test value","audit":{"by":"k"}} ',
    ]);
    expect(em.get('src', 'tagged')?.xattrs).toEqual({
      test_xattr: 'user xattr test value',
      audit: { by: 'k' },
    });
  });

  it('honours a CAS and sets or clears the expiry', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var current = couchbase.get(dst, {id: 'd'}).meta;
      var at = new Date(Date.UTC(2026, 1, 1));
      log(couchbase.mutateIn(dst, {id: 'd', cas: current.cas, expiry_date: at}, [couchbase.MutateInSpec.upsert('a', 2)]).success);
      log(couchbase.mutateIn(dst, {id: 'd', cas: current.cas}, [couchbase.MutateInSpec.upsert('a', 3)]).success);
    }`);
    await em.upsert('dst', 'd', { a: 1 });
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['true ', 'false ']);
    expect(em.get('dst', 'd')).toMatchObject({
      value: { a: 2 },
      expiration: Date.UTC(2026, 1, 1) / 1000,
    });
  });
});

describe('lookupIn', () => {
  it('reads body paths and user xattrs, with {success: false} for a missing path', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var L = couchbase.LookupInSpec;
      var r = couchbase.lookupIn(dst, {id: 'd'}, [L.get('a.b[1]'), L.get('test_xattr', {xattrs: true}),
        L.get('missing_xattr', {xattrs: true}), L.get('nope')]);
      log(r.doc);
    }`);
    await em.upsert('dst', 'd', { a: { b: [0, 'one'] } }, { xattrs: { test_xattr: { v: 1 } } });
    await em.upsert('src', 'k', {});
    expect(loggedValues(fn)).toEqual([
      [
        { value: 'one', success: true },
        { value: { v: 1 }, success: true },
        { success: false },
        { success: false },
      ],
    ]);
  });
});
