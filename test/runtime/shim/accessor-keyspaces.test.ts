import { describe, expect, it } from 'vitest';
import { deployed, logged, loggedValues } from '../../helpers/emulator.ts';

// Which collection couchbase.* addresses (wildcard bindings, spec §4.1, §4.9), whether writes
// into the source re-trigger the function (self_recursion, §4.7), and binary documents (§3.5).

describe('wildcard bindings', () => {
  it('address the collection named by meta.keyspace, so the event meta can be passed as is', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        var copy = {id: meta.id + '_copy', keyspace: meta.keyspace};
        couchbase.upsert(all, copy, doc);
        log(couchbase.bindingDetails(all, meta).keyspace, couchbase.get(all, copy).doc);
      }`,
      { source: 'src.inv.*', buckets: { all: 'dst.*.*' } },
      { keyspaces: ['dst.inv.air'] },
    );
    await em.upsert('src.inv.air', 'a1', { n: 1 });
    expect(logged(fn)).toEqual(['{"bucket":"dst","scope":"inv","collection":"air"} {"n":1} ']);
    expect(em.get('dst.inv.air', 'a1_copy')?.value).toEqual({ n: 1 });
  });
});

describe('keyspaces that do not exist', () => {
  it('make a write through a wildcard binding throw the KVError of a missing collection', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        try {
          couchbase.upsert(all, {id: meta.id, keyspace: {scope_name: 'inv', collection_name: 'sea'}}, doc);
        } catch (e) {
          log(e instanceof KVError, e.message.name, e.message.code);
        }
      }`,
      { source: 'src.inv.*', buckets: { all: 'dst.*.*' } },
      { keyspaces: ['dst.inv.air'] },
    );
    await em.upsert('src.inv.air', 'a1', { n: 1 });
    expect(logged(fn)).toEqual(['true "LCB_ERR_COLLECTION_NOT_FOUND" 211 ']);
    expect(em.keys('dst.inv.sea')).toEqual([]);
    expect(fn.stats.failure_stats.bucket_op_exception_count).toBe(1);
  });

  it('make an operation in a scope that does not exist throw LCB_ERR_SCOPE_NOT_FOUND, reads too', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        var where = {id: meta.id, keyspace: {scope_name: 'nowhere', collection_name: 'air'}};
        try { couchbase.get(all, where); } catch (e) { log(e.message.name); }
        try { couchbase.insert(all, where, doc); } catch (e) { log(e.message.name); }
      }`,
      { source: 'src.inv.*', buckets: { all: 'dst.*.*' } },
    );
    await em.upsert('src.inv.air', 'a1', { n: 1 });
    expect(logged(fn)).toEqual(['"LCB_ERR_SCOPE_NOT_FOUND" ', '"LCB_ERR_SCOPE_NOT_FOUND" ']);
  });

  it('exist once a test writes to them, creates them, or a definition names them', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        ['air', 'sea', 'rail', 'road'].forEach(function (collection) {
          var where = {id: meta.id, keyspace: {scope_name: 'inv', collection_name: collection}};
          try { couchbase.upsert(all, where, doc); log(collection, 'ok'); }
          catch (e) { log(collection, e.message.name); }
        });
      }`,
      { source: 'src.inv.*', buckets: { all: 'dst.*.*', rail: 'dst.inv.rail' } },
    );
    em.seed('dst.inv.air', { other: {} });
    em.createKeyspace('dst.inv.sea');
    await em.upsert('src.inv.x', 'a1', {});
    expect(logged(fn)).toEqual([
      '"air" "ok" ',
      '"sea" "ok" ',
      '"rail" "ok" ',
      '"road" "LCB_ERR_COLLECTION_NOT_FOUND" ',
    ]);
  });
});

describe('self recursion', () => {
  it('suppresses writes into the source keyspace unless self_recursion is true', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        log(meta.id);
        if (meta.id === 'start') {
          couchbase.insert(self, {id: 'quiet'}, {});
          couchbase.insert(self, {id: 'loud'}, {}, {self_recursion: true});
        }
      }`,
      { buckets: { self: 'src' } },
    );
    await em.upsert('src', 'start', {});
    expect(logged(fn)).toEqual(['"start" ', '"loud" ']);
    expect(em.keys('src')).toEqual(['loud', 'quiet', 'start']);
  });

  it('walks a document through insert, upserts and replaces, then deletes both documents', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        var opts = {self_recursion: true};
        if (meta.id === 'seed') { couchbase.insert(self, {id: 'walker'}, {step: 0}, opts); return; }
        if (doc.step < 2) { couchbase.upsert(self, {id: 'walker'}, {step: doc.step + 1}, opts); return; }
        if (doc.step < 4) { couchbase.replace(self, meta, {step: doc.step + 1}, opts); return; }
        log(couchbase.delete(self, {id: 'walker'}).success, couchbase.delete(self, {id: 'seed'}).success);
      }
      function OnDelete(meta) { log('OnDelete', meta.id); }`,
      { buckets: { self: 'src' } },
    );
    await em.upsert('src', 'seed', {});
    expect(fn.stats.execution_stats.on_update_success).toBe(6);
    expect(logged(fn)).toEqual(['true true ']);
    expect(em.count('src')).toBe(0);
  });

  it('always suppresses delete, touch and counters in the source keyspace', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        log(meta.id);
        if (meta.id !== 'go') return;
        couchbase.touch(self, {id: 'other', expiry_date: new Date(Date.now() + 60000)});
        couchbase.increment(self, {id: 'counter'});
        couchbase.delete(self, {id: 'other'});
      }
      function OnDelete(meta) { log('deleted', meta.id); }`,
      { buckets: { self: 'src' } },
    );
    em.seed('src', { other: {} });
    await em.upsert('src', 'go', {});
    expect(logged(fn)).toEqual(['"go" ']);
    expect(em.keys('src')).toEqual(['counter', 'go']);
  });
});

describe('binary documents', () => {
  it('round-trip an ArrayBuffer from OnUpdate through insert and get', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var inserted = couchbase.insert(dst, {id: meta.id}, doc);
      var back = couchbase.get(dst, {id: meta.id});
      log(meta.datatype, inserted.meta.datatype, back.doc instanceof ArrayBuffer,
        back.meta.datatype, Array.from(new Uint8Array(back.doc)), back.res_size);
    }`);
    await em.upsert('src', 'bin', new Uint8Array([1, 0, 2, 3]));
    expect(logged(fn)).toEqual(['"binary" undefined true "binary" [1,0,2,3] 15 ']);
    expect(em.get('dst', 'bin')).toMatchObject({
      datatype: 'binary',
      value: new Uint8Array([1, 0, 2, 3]),
    });
  });

  it('read as a copy: changing the ArrayBuffer of a result leaves the document alone', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      couchbase.upsert(dst, {id: 'b'}, new Uint8Array([9, 255]).buffer);
      new Uint8Array(couchbase.get(dst, {id: 'b'}).doc)[0] = 0;
      log(Array.from(new Uint8Array(couchbase.get(dst, {id: 'b'}).doc)));
    }`);
    await em.upsert('src', 'k', {});
    expect(loggedValues(fn)).toEqual([[9, 255]]);
  });
});
