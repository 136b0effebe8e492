import { describe, expect, it } from 'vitest';
import { Store } from '../../src/emulator/store.ts';
import { vbucketOf } from '../../src/emulator/vbucket.ts';

const keyspace = { bucket: 'b', scope: '_default', collection: '_default' };

function record(vb: number) {
  return {
    value: '1',
    datatype: 'json' as const,
    cas: '1',
    expiration: 0,
    flags: 0,
    xattrs: null,
    vb,
    seq: 1,
  };
}

describe('the vBucket of a document', () => {
  it('is the one its key hashes to, for a new document and a rewritten one', () => {
    const store = new Store({ now: () => 0 }, () => undefined);
    expect(store.write(keyspace, 'airline_10', '1').vb).toBe(vbucketOf('airline_10'));
    expect(store.write({ ...keyspace }, 'airline_10', '2').vb).toBe(vbucketOf('airline_10'));
  });

  it('stays the one a document was put back with, when rewritten', () => {
    const store = new Store({ now: () => 0 }, () => undefined);
    const foreign = (vbucketOf('k') + 1) % 1024;
    store.restore(keyspace, 'k', record(foreign));
    expect(store.write(keyspace, 'k', '2').vb).toBe(foreign);
    expect(store.write(keyspace, 'other', '2').vb).toBe(vbucketOf('other'));
  });

  it('is found in a collection named by another object after it was dropped and made again', () => {
    const store = new Store({ now: () => 0 }, () => undefined);
    store.write(keyspace, 'a', '1');
    store.drop({ bucket: 'b' });
    expect(store.read(keyspace, 'a')).toBeUndefined();
    store.write(keyspace, 'b', '1');
    expect([...store.documents({ ...keyspace })].map(([, key]) => key)).toEqual(['b']);
  });
});
