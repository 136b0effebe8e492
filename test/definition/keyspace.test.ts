import { describe, expect, it } from 'vitest';
import { formatKeyspace, keyspaceMatches, parseKeyspace } from '../../src/definition/keyspace.ts';
import { EventingDevError } from '../../src/errors.ts';

const HINT =
  'Write a keyspace as `bucket` (meaning bucket._default._default) or `bucket.scope.collection`; ' +
  'quote a part that contains a dot with backticks, e.g. `my.bucket`.scope.collection.';

function parseError(text: string): EventingDevError {
  try {
    parseKeyspace(text);
  } catch (error) {
    if (error instanceof EventingDevError) return error;
    throw error;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

describe('parseKeyspace', () => {
  it('reads a bare bucket as its default collection', () => {
    expect(parseKeyspace('travel')).toEqual({
      bucket: 'travel',
      scope: '_default',
      collection: '_default',
    });
  });

  it('reads bucket.scope.collection', () => {
    expect(parseKeyspace('travel.inventory.hotels')).toEqual({
      bucket: 'travel',
      scope: 'inventory',
      collection: 'hotels',
    });
  });

  it('reads backtick-quoted parts, dots included', () => {
    expect(parseKeyspace('`my.bucket`.s.`c-1`')).toEqual({
      bucket: 'my.bucket',
      scope: 's',
      collection: 'c-1',
    });
    expect(parseKeyspace('`my.bucket`')).toEqual({
      bucket: 'my.bucket',
      scope: '_default',
      collection: '_default',
    });
  });

  it('reads wildcard parts as they are', () => {
    expect(parseKeyspace('b.*.*')).toEqual({ bucket: 'b', scope: '*', collection: '*' });
  });

  it.each([
    ['b.s', 'expected 1 or 3 parts, got 2'],
    ['a.b.c.d', 'expected 1 or 3 parts, got 4'],
    ['', 'empty part'],
    ['b..c', 'empty part'],
    ['b.s.', 'empty part'],
    ['.s.c', 'empty part'],
    ['`b.s.c', 'unclosed backtick'],
    ['`b`x.s.c', 'a quoted part must end at a dot'],
    ['b`x`.s.c', 'a backtick may only open or close a whole part'],
    ['``.s.c', 'empty part'],
  ])('rejects "%s" (%s)', (text, reason) => {
    const error = parseError(text);
    expect(error.code).toBe('KEYSPACE_INVALID');
    expect(error.message).toBe(`Invalid keyspace "${text}": ${reason}`);
    expect(error.hint).toBe(HINT);
  });
});

describe('formatKeyspace', () => {
  it('writes bucket.scope.collection', () => {
    expect(formatKeyspace({ bucket: 'src', scope: '_default', collection: '_default' })).toBe(
      'src._default._default',
    );
  });

  it('quotes parts that contain a dot, so the text parses back', () => {
    const keyspace = { bucket: 'my.bucket', scope: 's', collection: 'c' };
    expect(formatKeyspace(keyspace)).toBe('`my.bucket`.s.c');
    expect(parseKeyspace(formatKeyspace(keyspace))).toEqual(keyspace);
  });
});

describe('keyspaceMatches', () => {
  const hotels = { bucket: 'travel', scope: 'inventory', collection: 'hotels' };

  it('matches an identical keyspace', () => {
    expect(keyspaceMatches({ ...hotels }, hotels)).toBe(true);
  });

  it.each([
    [{ bucket: 'travel', scope: 'inventory', collection: '*' }],
    [{ bucket: 'travel', scope: '*', collection: '*' }],
    [{ bucket: '*', scope: '*', collection: '*' }],
  ])('matches under the wildcard pattern %j', (pattern) => {
    expect(keyspaceMatches(pattern, hotels)).toBe(true);
  });

  it.each([
    [{ bucket: 'other', scope: '*', collection: '*' }],
    [{ bucket: 'travel', scope: 'tenant', collection: '*' }],
    [{ bucket: 'travel', scope: 'inventory', collection: 'airlines' }],
  ])('does not match %j', (pattern) => {
    expect(keyspaceMatches(pattern, hotels)).toBe(false);
  });

  it('does not treat a wildcard in the keyspace as matching a named pattern part', () => {
    expect(keyspaceMatches(hotels, { bucket: 'travel', scope: '*', collection: '*' })).toBe(false);
  });
});
