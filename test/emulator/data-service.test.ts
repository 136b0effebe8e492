import { describe, expect, it } from 'vitest';
import type { Keyspace } from '../../src/definition/keyspace.ts';
import { ManualClock } from '../../src/emulator/clock.ts';
import { DataService } from '../../src/emulator/data-service.ts';
import { createKeyspaceCatalogue } from '../../src/emulator/keyspace-catalogue.ts';
import { KvFaults } from '../../src/emulator/kv-faults.ts';
import { Store } from '../../src/emulator/store.ts';
import type { DocumentChange } from '../../src/runtime/document-change.ts';
import { KvFailure } from '../../src/runtime/ports.ts';

const ks: Keyspace = { bucket: 'b', scope: '_default', collection: '_default' };
const NOW = Date.UTC(2026, 0, 1);

function service() {
  const clock = new ManualClock(NOW);
  const changes: Array<{ change: DocumentChange; suppressFor: string | undefined }> = [];
  const store = new Store(clock, (change, suppressFor) => changes.push({ change, suppressFor }));
  const faults = new KvFaults();
  const catalogue = createKeyspaceCatalogue();
  catalogue.create(ks);
  return { store, faults, changes, kv: new DataService(store, faults, catalogue) };
}

function body(store: Store, key: string): unknown {
  const value = store.read(ks, key)?.value;
  return typeof value === 'string' ? JSON.parse(value) : value;
}

describe('the Data service operations behind couchbase.*', () => {
  it('insert creates a document and refuses a key that exists', () => {
    const { kv, store } = service();
    const created = kv.insert(ks, 'k', '{"a":1}', { expiration: 0 });
    expect(created).toMatchObject({ datatype: 'json' });
    expect(kv.insert(ks, 'k', '2', {})).toBe('exists');
    expect(body(store, 'k')).toEqual({ a: 1 });
  });

  it('replace and delete need the document and, when given, its current CAS', () => {
    const { kv, store } = service();
    expect(kv.replace(ks, 'k', '1', {})).toBe('not_found');
    expect(kv.delete(ks, 'k', {})).toBe('not_found');
    const { cas } = store.write(ks, 'k', '1');
    expect(kv.replace(ks, 'k', '2', { cas: '123' })).toBe('cas_mismatch');
    const replaced = kv.replace(ks, 'k', '2', { cas });
    expect(typeof replaced === 'object' && replaced.cas).not.toBe(cas);
    expect(kv.delete(ks, 'k', { cas })).toBe('cas_mismatch');
    expect(kv.delete(ks, 'k', { cas: '0' })).toMatchObject({ cas: expect.any(String) });
    expect(store.read(ks, 'k')).toBeUndefined();
  });

  it('touch sets or clears the expiry and keeps body, flags and xattrs', () => {
    const { kv, store } = service();
    store.write(ks, 'k', '{"a":1}', { xattrs: { t: 1 }, flags: 7, expiration: NOW / 1000 + 9 });
    kv.touch(ks, 'k', { expiration: NOW / 1000 + 60 });
    expect(store.read(ks, 'k')).toMatchObject({
      expiration: NOW / 1000 + 60,
      xattrs: { t: 1 },
      flags: 7,
    });
    kv.touch(ks, 'k', {});
    expect(store.read(ks, 'k')?.expiration).toBe(0);
    expect(kv.touch(ks, 'missing', {})).toBe('not_found');
  });

  it('counter creates {count}, adds to an existing count and keeps other fields', () => {
    const { kv, store } = service();
    expect(kv.counter(ks, 'c', -1, {})).toMatchObject({ count: -1 });
    store.write(ks, 'd', '{"x":"y"}');
    expect(kv.counter(ks, 'd', 1, {})).toMatchObject({ count: 1 });
    expect(kv.counter(ks, 'd', 1, {})).toMatchObject({ count: 2 });
    expect(body(store, 'd')).toEqual({ x: 'y', count: 2 });
    store.write(ks, 'e', '{"count":"ten"}');
    expect(kv.counter(ks, 'e', 1, {})).toBe('not_number');
    store.write(ks, 'f', '[1]');
    expect(kv.counter(ks, 'f', 1, {})).toBe('path_mismatch');
  });

  it('mutateIn applies every spec or none, to the body and to user xattrs', () => {
    const { kv, store } = service();
    store.write(ks, 'k', '{"a":1}');
    const specs = [
      { op: 'upsert', path: 'b', value: 2, createPath: false, xattr: false },
      { op: 'upsert', path: 'tag.v', value: 'x', createPath: true, xattr: true },
    ] as const;
    expect(kv.mutateIn(ks, 'k', specs, {})).toMatchObject({ cas: expect.any(String) });
    expect(body(store, 'k')).toEqual({ a: 1, b: 2 });
    expect(store.read(ks, 'k')?.xattrs).toEqual({ tag: { v: 'x' } });
    const failing = [
      { op: 'upsert', path: 'c', value: 3, createPath: false, xattr: false },
      { op: 'insert', path: 'a', value: 3, createPath: false, xattr: false },
    ] as const;
    expect(kv.mutateIn(ks, 'k', failing, {})).toBe('path_exists');
    expect(body(store, 'k')).toEqual({ a: 1, b: 2 });
  });

  it('mutateIn refuses body paths of a binary document but not xattr paths', () => {
    const { kv, store } = service();
    store.write(ks, 'bin', new Uint8Array([0, 1, 2]));
    const bodySpec = {
      op: 'upsert',
      path: 'a',
      value: 1,
      createPath: false,
      xattr: false,
    } as const;
    expect(kv.mutateIn(ks, 'bin', [bodySpec], {})).toBe('not_json');
    const xattrSpec = { ...bodySpec, xattr: true };
    expect(kv.mutateIn(ks, 'bin', [xattrSpec], {})).toMatchObject({ cas: expect.any(String) });
    expect(store.read(ks, 'bin')).toMatchObject({ datatype: 'binary', xattrs: { a: 1 } });
  });

  it('lookupIn reads each path, undefined where it is missing', () => {
    const { kv, store } = service();
    store.write(ks, 'k', '{"a":{"b":[1,2]}}', { xattrs: { t: 'v' } });
    const found = kv.lookupIn(ks, 'k', [
      { path: 'a.b[1]', xattr: false },
      { path: 'nope', xattr: false },
      { path: 't', xattr: true },
      { path: '', xattr: false },
    ]);
    expect(found).toMatchObject({
      datatype: 'json',
      values: [{ value: 2 }, undefined, { value: 'v' }, { value: { a: { b: [1, 2] } } }],
    });
    expect(kv.lookupIn(ks, 'missing', [])).toBe('not_found');
  });

  it('passes the writer for recursion suppression with every write', () => {
    const { kv, store, changes } = service();
    store.write(ks, 'k', '{}');
    changes.length = 0;
    kv.replace(ks, 'k', '1', { suppressFor: 'f1' });
    kv.touch(ks, 'k', { suppressFor: 'f1' });
    kv.counter(ks, 'c', 1, { suppressFor: 'f1' });
    kv.delete(ks, 'k', { suppressFor: 'f1' });
    expect(changes.map((c) => c.suppressFor)).toEqual(['f1', 'f1', 'f1', 'f1']);
  });
});

describe('fault rules in the Data service', () => {
  it('throws a KvFailure for timeouts and temporary failures', () => {
    const { kv, faults, store } = service();
    store.write(ks, 'k', '1');
    faults.add({ op: 'get', error: 'timeout' });
    faults.add({ op: 'upsert', error: 'temporary_failure' });
    expect(() => kv.read(ks, 'k')).toThrow(expect.objectContaining({ lcbName: 'LCB_ERR_TIMEOUT' }));
    expect(() => kv.upsert(ks, 'k', '2', {})).toThrow(KvFailure);
    expect(body(store, 'k')).toBe(1);
  });

  it('answers soft faults the way each operation reports them', () => {
    const { kv, faults, store } = service();
    store.write(ks, 'k', '1');
    faults.add({ key: 'k', error: 'not_found' });
    expect(kv.read(ks, 'k')).toBeUndefined();
    expect(kv.remove(ks, 'k', {})).toBeUndefined();
    expect(kv.replace(ks, 'k', '2', {})).toBe('not_found');
    expect(() => kv.upsert(ks, 'k', '2', {})).toThrow(
      expect.objectContaining({ lcbName: 'LCB_ERR_DOCUMENT_NOT_FOUND' }),
    );
    expect(body(store, 'k')).toBe(1);
  });

  it('stops after `times` matching operations and leaves others alone', () => {
    const { kv, faults } = service();
    const fault = faults.add({
      keyspace: 'b',
      op: ['insert'],
      key: /^x/,
      error: 'exists',
      times: 1,
    });
    expect(kv.insert(ks, 'y', '1', {})).not.toBe('exists');
    expect(kv.insert(ks, 'x1', '1', {})).toBe('exists');
    expect(kv.insert(ks, 'x2', '1', {})).not.toBe('exists');
    expect(fault.hits).toBe(1);
  });
});
