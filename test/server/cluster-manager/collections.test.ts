import { describe, expect, it } from 'vitest';
import { serveWith } from '../serve-harness.ts';

// The cluster manager's buckets and Scopes and Collections REST API on serve, over the
// emulator's catalogue: what they create is where documents can go.

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function withBucket() {
  return serveWith(['shop']);
}

describe('buckets, scopes and collections', () => {
  it('lists the buckets that exist and the scopes of one', async () => {
    const h = await withBucket();
    const buckets = (await h.call('GET', '/pools/default/buckets')).json() as Array<{
      name: string;
    }>;
    expect(buckets.map((bucket) => bucket.name)).toContain('shop');
    const scopes = (await h.call('GET', '/pools/default/buckets/shop/scopes')).json();
    expect(scopes).toMatchObject({
      scopes: [{ name: '_default', collections: [{ name: '_default', maxTTL: 0 }] }],
    });
    expect((await h.call('GET', '/pools/default/buckets/nope/scopes')).status).toBe(404);
  });

  it('creates a scope and a collection, refuses duplicates, and drops them', async () => {
    const h = await withBucket();
    const scopes = '/pools/default/buckets/shop/scopes';
    const created = await h.call('POST', scopes, { body: 'name=sales', headers: FORM });
    expect(created.status).toBe(200);
    expect(created.json()).toHaveProperty('uid');
    expect((await h.call('POST', scopes, { body: 'name=sales', headers: FORM })).json()).toEqual({
      errors: { name: 'Scope with name "sales" already exists' },
    });
    const collections = `${scopes}/sales/collections`;
    expect((await h.call('POST', collections, { body: 'name=orders', headers: FORM })).status).toBe(
      200,
    );
    const listed = (await h.call('GET', scopes)).json() as {
      scopes: Array<{ name: string; collections: Array<{ name: string }> }>;
    };
    expect(listed.scopes.find((scope) => scope.name === 'sales')?.collections).toEqual([
      expect.objectContaining({ name: 'orders' }),
    ]);
    const missing = await h.call('POST', `${scopes}/none/collections`, {
      body: 'name=x',
      headers: FORM,
    });
    expect({ status: missing.status, body: missing.json() }).toEqual({
      status: 404,
      body: { errors: { _: 'Scope with name "none" is not found' } },
    });
    expect((await h.call('DELETE', `${collections}/orders`)).status).toBe(200);
    expect((await h.call('DELETE', `${collections}/orders`)).status).toBe(404);
    expect((await h.call('DELETE', `${scopes}/sales`)).status).toBe(200);
    expect((await h.call('DELETE', `${scopes}/_default`)).status).toBe(400);
  });

  it('gives a collection the maxTTL asked for, and a collection made again starts afresh', async () => {
    const h = await withBucket();
    const collections = '/pools/default/buckets/shop/scopes/_default/collections';
    const doc = '/v1/buckets/shop/scopes/_default/collections/orders/documents/k';
    const create = (body: string) => h.call('POST', collections, { body, headers: FORM });
    expect((await create('name=orders&maxTTL=abc')).json()).toEqual({
      errors: { maxTTL: 'The value must be an integer' },
    });
    expect((await create('name=orders&maxTTL=-2')).json()).toEqual({
      errors: { maxTTL: 'The value must be in range from -1 to 2147483647' },
    });
    expect((await create('name=orders&maxTTL=30')).status).toBe(200);
    const listed = (await h.call('GET', '/pools/default/buckets/shop/scopes')).json() as {
      scopes: Array<{ collections: Array<{ name: string; maxTTL: number }> }>;
    };
    expect(listed.scopes[0]?.collections).toContainEqual(
      expect.objectContaining({ name: 'orders', maxTTL: 30 }),
    );
    await h.call('PUT', doc, { body: { a: 1 } });
    expect((await h.call('GET', doc)).headers.expires).toBeDefined();
    expect((await h.call('DELETE', `${collections}/orders`)).status).toBe(200);
    expect((await create('name=orders')).status).toBe(200);
    await h.call('PUT', doc, { body: { a: 1 } });
    expect((await h.call('GET', doc)).headers.expires).toBeUndefined();
  });

  it('refuses names Couchbase refuses', async () => {
    const h = await withBucket();
    const answer = await h.call('POST', '/pools/default/buckets/shop/scopes', {
      body: 'name=bad.name',
      headers: FORM,
    });
    expect(answer.status).toBe(400);
  });
});
