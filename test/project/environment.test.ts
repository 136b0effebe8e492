import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definition/parse-definition.ts';
import { forEnvironment } from '../../src/project/environment.ts';
import { defineFunction } from '../../src/testing/index.ts';

// biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder users write in function.json
const TOKEN_REFERENCE = '${RATES_TOKEN}';

const definition = parseDefinition(
  defineFunction({
    name: 'enrich',
    source: 'shop.sales.orders',
    metadata: 'eventing',
    buckets: {
      out: 'shop.sales.enriched',
      customers: { keyspace: 'crm.people.customers', access: 'r' },
    },
    urls: {
      rates: { url: 'https://rates.test/v1', auth: 'bearer', bearer_key: TOKEN_REFERENCE },
      other: { url: 'https://rates.testing.example/v1' },
    },
    code: 'function OnUpdate(doc, meta) {}',
  }),
).definition;

describe('forEnvironment', () => {
  it('renames buckets, and whole keyspaces before their bucket', () => {
    const prod = forEnvironment(
      definition,
      { keyspaces: { shop: 'shop_prod', 'crm.people.customers': 'crm_prod.people.clients' } },
      { RATES_TOKEN: 't' },
    );
    const { depcfg } = prod;
    expect([depcfg.source_bucket, depcfg.source_scope, depcfg.source_collection]).toEqual([
      'shop_prod',
      'sales',
      'orders',
    ]);
    expect(depcfg.metadata_bucket).toBe('eventing');
    expect(
      depcfg.buckets.map((b) => `${b.bucket_name}.${b.scope_name}.${b.collection_name}`),
    ).toEqual(['shop_prod.sales.enriched', 'crm_prod.people.clients']);
  });

  it('points URL bindings at other hosts by prefix, on a path boundary', () => {
    const prod = forEnvironment(
      definition,
      { urls: { 'https://rates.test': 'https://rates.example.com' } },
      { RATES_TOKEN: 't' },
    );
    expect(prod.depcfg.curl.map((binding) => binding.hostname)).toEqual([
      'https://rates.example.com/v1',
      'https://rates.testing.example/v1',
    ]);
  });

  it('fills credentials written as a $-brace placeholder from the environment', () => {
    const prod = forEnvironment(definition, {}, { RATES_TOKEN: 'live-token' });
    expect(prod.depcfg.curl[0]?.bearer_key).toBe('live-token');
    expect(definition.depcfg.curl[0]?.bearer_key).toBe(TOKEN_REFERENCE);
  });

  it('names every credential variable that is missing', () => {
    expect(() => forEnvironment(definition, {}, {})).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        problems: [
          {
            path: 'depcfg.curl[rates].bearer_key',
            message: 'environment variable RATES_TOKEN is not set',
          },
        ],
      }),
    );
  });
});
