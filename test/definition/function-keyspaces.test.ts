import { describe, expect, it } from 'vitest';
import {
  definitionKeyspaces,
  isWildcardKeyspace,
  keyspacesOverlap,
  mutatesOwnSource,
  sourceKeyspace,
} from '../../src/definition/function-keyspaces.ts';
import { formatKeyspace, parseKeyspace } from '../../src/definition/keyspace.ts';
import { parseDefinition } from '../../src/definition/parse-definition.ts';
import { defineFunction, type FunctionSpec } from '../../src/testing/index.ts';

const definition = (spec: Partial<FunctionSpec> = {}) =>
  parseDefinition(
    defineFunction({
      name: 'fn',
      source: 'shop.sales.orders',
      code: 'function OnUpdate() {}',
      ...spec,
    }),
  ).definition;

describe('the keyspaces of a definition', () => {
  it('are its source, its metadata keyspace and each binding’s, in that order', () => {
    const fn = definition({ buckets: { out: 'dst', all: { keyspace: 'shop.*.*', access: 'r' } } });
    expect(sourceKeyspace(fn)).toEqual(parseKeyspace('shop.sales.orders'));
    expect(definitionKeyspaces(fn).map(formatKeyspace)).toEqual([
      'shop.sales.orders',
      'eventing._default._default',
      'dst._default._default',
      'shop.*.*',
    ]);
  });

  it('overlap when a wildcard on either side covers the other', () => {
    const whole = { bucket: 'shop', scope: '*', collection: '*' };
    expect(keyspacesOverlap(parseKeyspace('shop.sales.orders'), whole)).toBe(true);
    expect(keyspacesOverlap(whole, parseKeyspace('shop.sales.orders'))).toBe(true);
    expect(
      keyspacesOverlap(parseKeyspace('shop.sales.orders'), parseKeyspace('shop.sales.x')),
    ).toBe(false);
    expect(isWildcardKeyspace(whole)).toBe(true);
    expect(isWildcardKeyspace(parseKeyspace('shop'))).toBe(false);
  });

  it('tell a function that writes its own source through a read-write binding ("sbm")', () => {
    expect(mutatesOwnSource(definition({ buckets: { self: 'shop.*.*' } }))).toBe(true);
    expect(
      mutatesOwnSource(
        definition({ buckets: { self: { keyspace: 'shop.sales.orders', access: 'r' } } }),
      ),
    ).toBe(false);
    expect(mutatesOwnSource(definition({ buckets: { out: 'dst' } }))).toBe(false);
  });
});
