import { describe, expect, it } from 'vitest';
import { readDepCfg } from '../../src/definition/depcfg.ts';
import type { Problem } from '../../src/errors.ts';

function read(raw: unknown) {
  const problems: Problem[] = [];
  const depcfg = readDepCfg(raw, problems);
  return { depcfg, problems };
}

const minimal = { source_bucket: 'src', metadata_bucket: 'meta' };

describe('depcfg keyspaces', () => {
  it('fills _default scopes and collections and empty binding lists', () => {
    expect(read(minimal)).toEqual({
      depcfg: {
        source_bucket: 'src',
        source_scope: '_default',
        source_collection: '_default',
        metadata_bucket: 'meta',
        metadata_scope: '_default',
        metadata_collection: '_default',
        buckets: [],
        curl: [],
        constants: [],
      },
      problems: [],
    });
  });

  it.each([
    [undefined, 'is required'],
    [[], 'must be an object'],
    ['src', 'must be an object'],
  ])('rejects depcfg %j', (raw, message) => {
    expect(read(raw).problems).toEqual([{ path: 'depcfg', message }]);
  });

  it.each([
    [{ metadata_bucket: 'meta' }, 'depcfg.source_bucket', 'is required'],
    [{ ...minimal, source_bucket: '' }, 'depcfg.source_bucket', 'must not be empty'],
    [{ ...minimal, source_bucket: '*' }, 'depcfg.source_bucket', 'must be a bucket name, not "*"'],
    [{ source_bucket: 'src' }, 'depcfg.metadata_bucket', 'is required'],
    [{ ...minimal, metadata_bucket: 3 }, 'depcfg.metadata_bucket', 'must be a string'],
    [{ ...minimal, source_scope: 1 }, 'depcfg.source_scope', 'must be a string'],
  ])('%j: %s %s', (raw, path, message) => {
    expect(read(raw).problems).toEqual([{ path, message }]);
  });

  it('accepts a wildcard source scope with a wildcard collection', () => {
    const { depcfg, problems } = read({ ...minimal, source_scope: '*', source_collection: '*' });
    expect(problems).toEqual([]);
    expect(depcfg).toMatchObject({ source_scope: '*', source_collection: '*' });
  });

  it('rejects a wildcard source scope with a named collection', () => {
    expect(read({ ...minimal, source_scope: '*' }).problems).toEqual([
      { path: 'depcfg.source_collection', message: 'must be "*" when source_scope is "*"' },
    ]);
  });

  it.each(['metadata_bucket', 'metadata_scope', 'metadata_collection'])(
    'rejects a wildcard %s',
    (key) => {
      expect(read({ ...minimal, [key]: '*' }).problems).toEqual([
        { path: `depcfg.${key}`, message: 'wildcard not allowed' },
      ]);
    },
  );

  it('refuses a _default collection in a named scope, which Couchbase cannot have, anywhere', () => {
    const message = (scope: string) =>
      `scope "${scope}" has no _default collection (only the _default scope has one); name a collection of the scope`;
    const raw = {
      ...minimal,
      source_scope: 'sales',
      metadata_scope: 'eventing',
      metadata_collection: '_default',
      buckets: [{ alias: 'out', bucket_name: 'shop', scope_name: 'hr', access: 'rw' }],
    };
    expect(read(raw).problems).toEqual([
      { path: 'depcfg.source_collection', message: message('sales') },
      { path: 'depcfg.metadata_collection', message: message('eventing') },
      { path: 'depcfg.buckets[0].collection_name', message: message('hr') },
    ]);
    expect(read({ ...minimal, source_collection: 'orders' }).problems).toEqual([]);
  });

  it('refuses names Couchbase cannot give a bucket, scope or collection', () => {
    const raw = {
      source_bucket: 'my bucket',
      source_scope: 'sales',
      source_collection: 'or/ders',
      metadata_bucket: 'meta',
      metadata_scope: 'x'.repeat(252),
      metadata_collection: 'checkpoints',
      buckets: [
        { alias: 'out', bucket_name: 'my.bucket_%-1', scope_name: 'a.b', collection_name: 'c' },
      ],
    };
    expect(read(raw).problems).toEqual([
      {
        path: 'depcfg.source_bucket',
        message:
          'no bucket can be named "my bucket": Couchbase bucket names have at most 100 of A-Z, a-z, 0-9, _, ., - and %',
      },
      {
        path: 'depcfg.source_collection',
        message:
          'no collection can be named "or/ders": Couchbase collection names have at most 251 of A-Z, a-z, 0-9, _, - and %',
      },
      {
        path: 'depcfg.metadata_scope',
        message: `no scope can be named "${'x'.repeat(252)}": Couchbase scope names have at most 251 of A-Z, a-z, 0-9, _, - and %`,
      },
      {
        path: 'depcfg.buckets[0].scope_name',
        message:
          'no scope can be named "a.b": Couchbase scope names have at most 251 of A-Z, a-z, 0-9, _, - and %',
      },
    ]);
  });

  it('rejects a source keyspace equal to the metadata keyspace', () => {
    expect(read({ source_bucket: 'b', metadata_bucket: 'b' }).problems).toEqual([
      {
        path: 'depcfg',
        message:
          'source keyspace same as metadata keyspace (source: b._default._default, metadata: b._default._default)',
      },
    ]);
  });

  it('rejects a wildcard source keyspace that covers the metadata keyspace, as 8.x does', () => {
    const raw = {
      source_bucket: 'b',
      source_scope: '*',
      source_collection: '*',
      metadata_bucket: 'b',
      metadata_scope: 'eventing',
      metadata_collection: 'meta',
    };
    expect(read(raw).problems).toEqual([
      {
        path: 'depcfg',
        message:
          'source keyspace same as metadata keyspace (source: b.*.*, metadata: b.eventing.meta)',
      },
    ]);
  });

  it('accepts source and metadata in different collections of one bucket', () => {
    const raw = { source_bucket: 'b', metadata_bucket: 'b', metadata_collection: 'meta' };
    expect(read(raw).problems).toEqual([]);
  });
});

describe('depcfg bindings', () => {
  it('reads each list at its own path', () => {
    const { depcfg, problems } = read({
      ...minimal,
      buckets: [{ alias: 'dst', bucket_name: 'dst' }],
      curl: [{ hostname: 'http://h', value: 'api', auth_type: 'no-auth' }],
      constants: [{ value: 'LIMIT', literal: '1' }],
    });
    expect(problems).toEqual([]);
    expect(depcfg.buckets.map((b) => b.alias)).toEqual(['dst']);
    expect(depcfg.curl.map((c) => c.value)).toEqual(['api']);
    expect(depcfg.constants.map((c) => c.value)).toEqual(['LIMIT']);
  });

  it.each(['buckets', 'curl', 'constants'])('rejects %s that is not an array', (key) => {
    expect(read({ ...minimal, [key]: {} }).problems).toEqual([
      { path: `depcfg.${key}`, message: 'must be an array' },
    ]);
  });

  it('indexes problems by position and skips non-object entries', () => {
    const { depcfg, problems } = read({
      ...minimal,
      buckets: [
        { alias: 'a', bucket_name: 'b' },
        'oops',
        { alias: 'c', bucket_name: 'b', access: 'x' },
      ],
    });
    expect(problems).toEqual([
      { path: 'depcfg.buckets[1]', message: 'must be an object' },
      { path: 'depcfg.buckets[2].access', message: 'must be "r" or "rw"' },
    ]);
    expect(depcfg.buckets.map((b) => b.alias)).toEqual(['a', 'c']);
  });

  it('rejects an alias used across bucket, URL and constant bindings', () => {
    const { problems } = read({
      ...minimal,
      buckets: [{ alias: 'x', bucket_name: 'b' }],
      curl: [{ hostname: 'http://h', value: 'x', auth_type: 'no-auth' }],
      constants: [{ value: 'x', literal: '1' }],
    });
    expect(problems).toEqual([
      {
        path: 'depcfg.curl[0].value',
        message: 'duplicate alias "x" (also used at depcfg.buckets[0].alias)',
      },
      {
        path: 'depcfg.constants[0].value',
        message: 'duplicate alias "x" (also used at depcfg.buckets[0].alias)',
      },
    ]);
  });

  it('rejects a repeated alias within one list', () => {
    const { problems } = read({
      ...minimal,
      constants: [
        { value: 'x', literal: '1' },
        { value: 'x', literal: '2' },
      ],
    });
    expect(problems).toEqual([
      {
        path: 'depcfg.constants[1].value',
        message: 'duplicate alias "x" (also used at depcfg.constants[0].value)',
      },
    ]);
  });
});
