import { describe, expect, it } from 'vitest';
import type { AliasUse } from '../../src/definition/aliases.ts';
import {
  checkWildcardScope,
  readBucketBinding,
  readConstantBinding,
} from '../../src/definition/bindings.ts';
import type { Problem } from '../../src/errors.ts';

const AT = 'depcfg.buckets[1]';

function bucket(raw: unknown) {
  const problems: Problem[] = [];
  const aliases: AliasUse[] = [];
  const binding = readBucketBinding(raw, AT, problems, aliases);
  return { binding, problems, aliases };
}

describe('bucket bindings', () => {
  it('fills _default scope and collection and rw access', () => {
    expect(bucket({ alias: 'dst', bucket_name: 'b' })).toEqual({
      binding: {
        alias: 'dst',
        bucket_name: 'b',
        scope_name: '_default',
        collection_name: '_default',
        access: 'rw',
      },
      problems: [],
      aliases: [{ alias: 'dst', path: 'depcfg.buckets[1].alias' }],
    });
  });

  it('treats empty access, scope and collection as their defaults', () => {
    const { binding } = bucket({
      alias: 'dst',
      bucket_name: 'b',
      scope_name: '',
      collection_name: '',
      access: '',
    });
    expect(binding).toMatchObject({
      scope_name: '_default',
      collection_name: '_default',
      access: 'rw',
    });
  });

  it('keeps read-only access', () => {
    expect(bucket({ alias: 'src', bucket_name: 'b', access: 'r' }).binding?.access).toBe('r');
  });

  it.each(['w', 'RW', 'read', 1])('rejects access %j', (access) => {
    expect(bucket({ alias: 'dst', bucket_name: 'b', access }).problems).toEqual([
      { path: 'depcfg.buckets[1].access', message: 'must be "r" or "rw"' },
    ]);
  });

  it('allows wildcard scope and collection', () => {
    const { binding, problems } = bucket({
      alias: 'all',
      bucket_name: 'b',
      scope_name: '*',
      collection_name: '*',
    });
    expect(problems).toEqual([]);
    expect(binding).toMatchObject({ scope_name: '*', collection_name: '*' });
  });

  it('allows a wildcard collection under a named scope', () => {
    expect(
      bucket({ alias: 'a', bucket_name: 'b', scope_name: 's', collection_name: '*' }).problems,
    ).toEqual([]);
  });

  it('rejects a named collection under a wildcard scope', () => {
    expect(
      bucket({ alias: 'a', bucket_name: 'b', scope_name: '*', collection_name: 'c' }).problems,
    ).toEqual([
      { path: 'depcfg.buckets[1].collection_name', message: 'must be "*" when scope_name is "*"' },
    ]);
  });

  it('requires bucket_name', () => {
    expect(bucket({ alias: 'dst' }).problems).toEqual([
      { path: 'depcfg.buckets[1].bucket_name', message: 'is required' },
    ]);
  });

  it('reports the alias rules at the alias path and records no bad alias', () => {
    const { problems, aliases } = bucket({ alias: 'delete', bucket_name: 'b' });
    expect(problems).toEqual([
      { path: 'depcfg.buckets[1].alias', message: 'must not be a JavaScript reserved word' },
    ]);
    expect(aliases).toEqual([]);
  });

  it('rejects a binding that is not an object', () => {
    expect(bucket('dst')).toEqual({
      binding: undefined,
      problems: [{ path: AT, message: 'must be an object' }],
      aliases: [],
    });
  });
});

describe('constant bindings', () => {
  function constant(raw: unknown) {
    const problems: Problem[] = [];
    const aliases: AliasUse[] = [];
    const binding = readConstantBinding(raw, 'depcfg.constants[0]', problems, aliases);
    return { binding, problems, aliases };
  }

  it('reads value and literal', () => {
    expect(constant({ value: 'LIMIT', literal: '100' })).toEqual({
      binding: { value: 'LIMIT', literal: '100' },
      problems: [],
      aliases: [{ alias: 'LIMIT', path: 'depcfg.constants[0].value' }],
    });
  });

  it.each([
    [{ value: 'LIMIT' }, 'depcfg.constants[0].literal', 'is required'],
    [{ value: 'LIMIT', literal: '' }, 'depcfg.constants[0].literal', 'must not be empty'],
    [{ value: 'LIMIT', literal: 100 }, 'depcfg.constants[0].literal', 'must be a string'],
    [
      { value: 'update', literal: '1' },
      'depcfg.constants[0].value',
      'must not be a N1QL reserved word',
    ],
    [{ literal: '1' }, 'depcfg.constants[0].value', 'is required'],
  ])('%j: %s %s', (raw, path, message) => {
    expect(constant(raw).problems).toEqual([{ path, message }]);
  });
});

describe('checkWildcardScope', () => {
  it('names the scope key in its message', () => {
    const problems: Problem[] = [];
    checkWildcardScope(
      { key: 'source_scope', value: '*' },
      { path: 'p', value: '_default' },
      problems,
    );
    expect(problems).toEqual([{ path: 'p', message: 'must be "*" when source_scope is "*"' }]);
  });
});
