import { describe, expect, it } from 'vitest';
import { deployed, emulator, handler, logged } from '../../helpers/emulator.ts';

describe('basic bucket binding accessors', () => {
  it('reads a document as its parsed JSON value and undefined for a missing key', async () => {
    const { em, fn } = await deployed(
      "function OnUpdate(doc, meta) { log(dst['there'], dst['missing']); }",
    );
    await em.upsert('dst', 'there', { v: [1, 2] });
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['{"v":[1,2]} undefined ']);
  });

  it('writes with JSON.stringify, so strings stay JSON strings and Uint8Arrays become objects', async () => {
    const { em } = await deployed(`function OnUpdate(doc, meta) {
      dst.s = 'text'; dst.n = 5; dst.u = new Uint8Array([1, 2]); dst.a = [true, null];
    }`);
    await em.upsert('src', 'k', {});
    expect(em.get('dst', 's')?.value).toBe('text');
    expect(em.get('dst', 'n')?.value).toBe(5);
    expect(em.get('dst', 'u')?.value).toEqual({ 0: 1, 1: 2 });
    expect(em.get('dst', 'a')?.value).toEqual([true, null]);
  });

  it('writes an ArrayBuffer as a binary document and reads it back as an ArrayBuffer', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      dst.bin = new Uint8Array([1, 0, 2, 3]).buffer;
      var back = dst.bin;
      log(back instanceof ArrayBuffer, Array.from(new Uint8Array(back)));
    }`);
    await em.upsert('src', 'k', {});
    expect(em.get('dst', 'bin')).toMatchObject({
      datatype: 'binary',
      value: new Uint8Array([1, 0, 2, 3]),
    });
    expect(logged(fn)).toEqual(['true [1,0,2,3] ']);
  });

  it('uses the property key as the document key, numbers converted to strings', async () => {
    const { em } = await deployed(
      'function OnUpdate(doc, meta) { dst[5] = 1; dst[meta.id + "_copy"] = doc; }',
    );
    await em.upsert('src', 'k', { a: 1 });
    expect(em.keys('dst')).toEqual(['5', 'k_copy']);
  });

  it('clears an existing expiry on write', async () => {
    const { em } = await deployed("function OnUpdate(doc, meta) { dst['d'] = doc; }");
    await em.upsert('dst', 'd', {}, { expiry: 3600 });
    await em.upsert('src', 'k', { b: 2 });
    expect(em.get('dst', 'd')).toMatchObject({ value: { b: 2 }, expiration: 0 });
  });

  it('deletes a document and treats deleting a missing key as a no-op', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      log(delete dst['there'], delete dst['missing']);
    }`);
    await em.upsert('dst', 'there', 1);
    await em.upsert('src', 'k', {});
    expect(em.get('dst', 'there')).toBeUndefined();
    expect(logged(fn)).toEqual(['true true ']);
  });

  it('rejects undefined, function and symbol values with an EventingError', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var values = [undefined, function () {}, Symbol('s')];
      for (var i = 0; i < values.length; i++) {
        try { dst.x = values[i]; } catch (e) { log(e instanceof EventingError, e.message); }
      }
    }`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      'true "Invalid data type for value - \\"undefined\\" is not a valid type" ',
      'true "Invalid data type for value - \\"function\\" is not a valid type" ',
      'true "Invalid data type for value - \\"symbol\\" is not a valid type" ',
    ]);
    expect(fn.stats.failure_stats.bucket_op_exception_count).toBe(3);
    expect(em.get('dst', 'x')).toBeUndefined();
  });

  it('rejects symbol keys: EventingError on read and write, KVError on delete', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var s = Symbol('k');
      try { dst[s]; } catch (e) { log(e instanceof EventingError, e.message); }
      try { dst[s] = 1; } catch (e) { log(e instanceof EventingError, e.message); }
      try { delete dst[s]; } catch (e) { log(e instanceof KVError, e.message); }
    }`);
    await em.upsert('src', 'k', {});
    const message = '"Invalid data type for key - \\"symbol\\" is not a valid type"';
    expect(logged(fn)).toEqual([`true ${message} `, `true ${message} `, `true ${message} `]);
    expect(fn.stats.failure_stats.bucket_op_exception_count).toBe(3);
  });

  it('forbids writes and deletes through a read-only binding with the server messages', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        log(ro['there']);
        try { ro['x'] = 1; } catch (e) { log(e instanceof EventingError, e.message); }
        try { delete ro['there']; } catch (e) { log(e instanceof EventingError, e.message); }
      }`,
      { buckets: { ro: { keyspace: 'dst', access: 'r' } } },
    );
    await em.upsert('dst', 'there', 7);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      '7 ',
      'true "Writing to source bucket is forbidden" ',
      'true "Delete from source bucket is forbidden" ',
    ]);
    expect(em.keys('dst')).toEqual(['there']);
  });

  it('refuses map access on a wildcard binding', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) { try { all['x']; } catch (e) { log(e instanceof EventingError, e.message); } }`,
      { buckets: { all: 'dst.*.*' } },
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      'true "Map accessor is not allowed for wild card keyspace binding. Please use advance keyspace accessor" ',
    ]);
  });

  it('has no own keys, so JSON.stringify reads the key "toJSON" and gives {}', async () => {
    const { em, fn } = await deployed(
      'function OnUpdate(doc, meta) { log(Object.keys(dst), JSON.stringify(dst), "there" in dst, "nope" in dst); }',
    );
    await em.upsert('dst', 'there', 1);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['[] "{}" true false ']);
  });

  it('raises a KVError with the libcouchbase details for a key the Data service refuses', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      try { dst['x'.repeat(251)] = 1; } catch (e) { log(e instanceof KVError, e.message.name, typeof e.message.code); }
    }`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['true "LCB_ERR_INVALID_ARGUMENT" "number" ']);
    expect(fn.stats.failure_stats.bucket_op_exception_count).toBe(1);
    expect(fn.stats.lcb_exception_stats).toEqual({ 203: 1 });
  });
});

describe('language_compatibility 6.0.0 basic accessors', () => {
  it('throws a KVError for reading or deleting a missing key', async () => {
    const em = await emulator();
    const fn = await em.deploy(
      handler(
        `function OnUpdate(doc, meta) {
          try { dst['missing']; } catch (e) { log(e instanceof KVError, e.message.name); }
          try { delete dst['missing']; } catch (e) { log(e instanceof KVError, e.message.name); }
        }`,
        { settings: { language_compatibility: '6.0.0' } },
      ),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      'true "LCB_ERR_DOCUMENT_NOT_FOUND" ',
      'true "LCB_ERR_DOCUMENT_NOT_FOUND" ',
    ]);
    expect(fn.stats.failure_stats.bucket_op_exception_count).toBe(2);
  });
});
