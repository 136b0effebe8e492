import { describe, expect, it } from 'vitest';
import { readOnlyWriteNote } from '../../src/definition/read-only-write-note.ts';

const buckets = [
  { alias: 'lookup', access: 'r', bucket_name: 'ref', scope_name: '', collection_name: '' },
  { alias: 'dst', access: 'rw', bucket_name: 'out', scope_name: 's', collection_name: 'c' },
] as const;

describe('readOnlyWriteNote', () => {
  it('names the read-only binding the failing line writes through, and its access', () => {
    expect(
      readOnlyWriteNote(
        'EventingError: Writing to source bucket is forbidden',
        '  lookup[meta.id] = doc;',
        buckets,
      ),
    ).toBe(
      'lookup is a read-only binding (access "r") to ref._default._default: Couchbase refuses every write through it with this message; give it access "rw" in function.json to write.',
    );
    expect(
      readOnlyWriteNote('Delete from source bucket is forbidden', 'delete lookup[id];', buckets),
    ).toContain('lookup is a read-only binding');
  });

  it('says nothing for other errors, read-write bindings or lines without the alias', () => {
    expect(readOnlyWriteNote('Error: boom', 'lookup[id] = 1;', buckets)).toBeUndefined();
    expect(
      readOnlyWriteNote('Writing to source bucket is forbidden', 'dst[id] = 1;', buckets),
    ).toBeUndefined();
    expect(
      readOnlyWriteNote('Writing to source bucket is forbidden', 'lookups[id] = 1;', buckets),
    ).toBeUndefined();
    expect(
      readOnlyWriteNote('Writing to source bucket is forbidden', undefined, buckets),
    ).toBeUndefined();
  });
});
