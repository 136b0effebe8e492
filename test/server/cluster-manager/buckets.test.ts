import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Answer, definition, expectOk, type Harness, serve } from '../serve-harness.ts';

// The cluster manager's bucket REST API on serve: create (the form couchbase-cli bucket-create
// sends), one bucket, the list, and delete; what it creates is where documents can go.

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const DOC = (bucket: string, key: string) =>
  `/v1/buckets/${bucket}/scopes/_default/collections/_default/documents/${key}`;

function createBucket(h: Harness, form: string): Promise<Answer> {
  return h.call('POST', '/pools/default/buckets', { body: form, headers: FORM });
}

describe('POST /pools/default/buckets', () => {
  it('creates a bucket with its _default scope and collection, answering 202 and where it is', async () => {
    const h = await serve();
    const created = await createBucket(
      h,
      'name=shop&bucketType=couchbase&ramQuotaMB=256&replicaNumber=0&maxTTL=60&flushEnabled=1',
    );
    expect({ status: created.status, text: created.text }).toEqual({ status: 202, text: '' });
    expect(created.headers.location).toBe('/pools/default/buckets/shop');
    expect(created.headers.status).toBeUndefined();
    const bucket = (await h.call('GET', '/pools/default/buckets/shop')).json();
    expect(bucket).toMatchObject({
      name: 'shop',
      bucketType: 'membase',
      storageBackend: 'magma', // Couchbase Server 8.0's default, with 128 vBuckets
      numVBuckets: 128,
      replicaNumber: 0,
      maxTTL: 60,
      quota: { ram: 256 * 1024 * 1024 },
      nodes: [{ status: 'healthy' }],
      basicStats: { itemCount: 0, memUsed: 0 }, // couchbase-cli bucket-list prints memUsed
      controllers: { flush: '/pools/default/buckets/shop/controller/doFlush' },
    });
    const scopes = (await h.call('GET', '/pools/default/buckets/shop/scopes')).json();
    expect(scopes).toMatchObject({
      scopes: [{ name: '_default', collections: [{ name: '_default' }] }],
    });
    expect((await h.call('PUT', DOC('shop', 'k'), { body: { a: 1 } })).status).toBe(200);
    const expiry = (await h.call('GET', DOC('shop', 'k'))).headers.expires;
    expect(expiry).toBeDefined(); // the bucket's maxTTL reached the write
    const listed = (await h.call('GET', '/pools/default/buckets')).json() as Array<{
      name: string;
      basicStats: { itemCount: number };
    }>;
    expect(listed.find((b) => b.name === 'shop')?.basicStats.itemCount).toBe(1);
  });

  it("takes couchbase-cli bucket-create's default form: Magma with 128 vBuckets and 100 MiB", async () => {
    const h = await serve();
    const form =
      'name=cli&bucketType=couchbase&ramQuotaMB=100&storageBackend=magma&numVBuckets=128';
    expect((await createBucket(h, form)).status).toBe(202);
    expect((await h.call('GET', '/pools/default/buckets/cli')).json()).toMatchObject({
      storageBackend: 'magma',
      numVBuckets: 128,
    });
    const couchstore = 'name=old&ramQuotaMB=100&storageBackend=couchstore';
    expect((await createBucket(h, couchstore)).status).toBe(202);
    expect((await h.call('GET', '/pools/default/buckets/old')).json()).toMatchObject({
      storageBackend: 'couchstore',
      numVBuckets: 1024,
    });
  });

  it('takes ramQuota as well as ramQuotaMB, and an ephemeral bucket', async () => {
    const h = await serve();
    expect((await createBucket(h, 'name=cache&bucketType=ephemeral&ramQuota=100')).status).toBe(
      202,
    );
    expect((await h.call('GET', '/pools/default/buckets/cache')).json()).toMatchObject({
      bucketType: 'ephemeral',
      evictionPolicy: 'noEviction',
      quota: { ram: 100 * 1024 * 1024 },
    });
  });

  it('refuses what ns_server refuses, each error under its field', async () => {
    const h = await serve();
    await createBucket(h, 'name=shop&ramQuota=100');
    const refusals: Array<[string, Record<string, string>]> = [
      ['ramQuota=100', { name: 'Bucket name needs to be specified' }],
      ['name=&ramQuota=100', { name: 'Bucket name cannot be empty' }],
      [
        'name=bad!name&ramQuota=100',
        {
          name: 'Bucket name can only contain characters in range A-Z, a-z, 0-9 as well as underscore, period, dash & percent. Consult the documentation.',
        },
      ],
      ['name=.dot&ramQuota=100', { name: 'Bucket name cannot start with dot.' }],
      ['name=SHOP&ramQuota=100', { name: 'Bucket with given name already exists' }],
      ['name=b', { ramQuota: 'The RAM Quota must be specified and must be a positive integer.' }],
      ['name=b&ramQuota=50', { ramQuota: 'RAM quota cannot be less than 100 MiB' }],
      [
        'name=b&ramQuota=100&storageBackend=magma&numVBuckets=1024',
        { ramQuota: 'Ram quota for magma must be at least 1024 MiB' },
      ],
      [
        'name=b&ramQuota=100&numVBuckets=8',
        { numVbuckets: 'Number of vbuckets must be an integer between 16 and 1024' },
      ],
      ['name=b&ramQuota=100&bucketType=memcached', { bucketType: 'invalid bucket type' }],
      [
        'name=b&ramQuota=100&replicaNumber=4',
        { replicaNumber: 'Replica number larger than 3 is not supported.' },
      ],
      ['name=b&ramQuota=100&flushEnabled=2', { flushEnabled: 'flushEnabled can only be 1 or 0' }],
    ];
    for (const [form, errors] of refusals) {
      const answer = await createBucket(h, form);
      expect({ form, status: answer.status, body: answer.json() }).toEqual({
        form,
        status: 400,
        body: { errors },
      });
    }
    const names = (await h.call('GET', '/pools/default/buckets')).json() as Array<{
      name: string;
    }>;
    expect(names.map((bucket) => bucket.name)).toEqual(['shop']);
  });
});

describe('GET and DELETE /pools/default/buckets/{bucket}', () => {
  it('answers 404 for a bucket that does not exist', async () => {
    const h = await serve();
    for (const method of ['GET', 'DELETE']) {
      const answer = await h.call(method, '/pools/default/buckets/nope');
      expect({ status: answer.status, text: answer.text }).toEqual({
        status: 404,
        text: 'Requested resource not found.\r\n',
      });
    }
  });

  it('drops a bucket with its scopes, collections and documents', async () => {
    const h = await serve();
    await createBucket(h, 'name=shop&ramQuota=100');
    await h.call('POST', '/pools/default/buckets/shop/scopes', {
      body: 'name=sales',
      headers: FORM,
    });
    await h.call('PUT', DOC('shop', 'k'), { body: { a: 1 } });
    const dropped = await h.call('DELETE', '/pools/default/buckets/shop');
    expect({ status: dropped.status, text: dropped.text }).toEqual({ status: 200, text: '' });
    expect((await h.call('GET', '/pools/default/buckets/shop')).status).toBe(404);
    expect((await h.call('GET', DOC('shop', 'k'))).json()).toMatchObject({
      code: 'BucketNotFound',
    });
    // Created again, it is empty.
    await createBucket(h, 'name=shop&ramQuota=100');
    expect((await h.call('GET', DOC('shop', 'k'))).json()).toMatchObject({
      code: 'DocumentNotFound',
    });
    const scopes = (await h.call('GET', '/pools/default/buckets/shop/scopes')).json() as {
      scopes: Array<{ name: string }>;
    };
    expect(scopes.scopes.map((scope) => scope.name)).toEqual(['_default']);
  });

  it('refuses to drop a bucket that a function uses, naming the functions', async () => {
    const h = await serve();
    expectOk(await h.call('POST', '/api/v1/functions/copier', { body: definition('copier') }));
    for (const bucket of ['src', 'meta', 'dst']) {
      const answer = await h.call('DELETE', `/pools/default/buckets/${bucket}`);
      expect({ status: answer.status, body: answer.json() }).toEqual({
        status: 400,
        body: {
          _: `Cannot delete bucket "${bucket}": Eventing functions use it (copier). Undeploy and delete them, or change their keyspaces, first.`,
        },
      });
    }
    expectOk(await h.call('DELETE', '/api/v1/functions/copier'));
    expect((await h.call('DELETE', '/pools/default/buckets/dst')).status).toBe(200);
  });
});

describe('POST /pools/default/buckets/{bucket}', () => {
  it('edits the settings given, keeps the others, and refuses what cannot change', async () => {
    const h = await serve();
    await createBucket(h, 'name=shop&ramQuota=100&maxTTL=60&replicaNumber=2');
    const edit = (form: string) =>
      h.call('POST', '/pools/default/buckets/shop', { body: form, headers: FORM });
    const edited = await edit('ramQuotaMB=200&maxTTL=0&flushEnabled=1');
    expect({ status: edited.status, text: edited.text }).toEqual({ status: 200, text: '' });
    expect((await h.call('GET', '/pools/default/buckets/shop')).json()).toMatchObject({
      quota: { ram: 200 * 1024 * 1024 },
      maxTTL: 0,
      replicaNumber: 2,
      controllers: { flush: '/pools/default/buckets/shop/controller/doFlush' },
    });
    await h.call('PUT', DOC('shop', 'k'), { body: { a: 1 } });
    expect((await h.call('GET', DOC('shop', 'k'))).headers.expires).toBeUndefined();
    const refused = await edit('bucketType=ephemeral&conflictResolutionType=lww&ramQuota=50');
    expect({ status: refused.status, body: refused.json() }).toEqual({
      status: 400,
      body: {
        errors: {
          bucketType: 'Cannot change bucket type.',
          conflictResolutionType: 'Conflict resolution type not allowed in update bucket',
          ramQuota: 'RAM quota cannot be less than 100 MiB',
        },
      },
    });
    const missing = await h.call('POST', '/pools/default/buckets/nope', {
      body: 'ramQuota=100',
      headers: FORM,
    });
    expect(missing.status).toBe(404);
  });
});

describe('POST /pools/default/buckets/{bucket}/controller/doFlush', () => {
  it('drops every document and keeps the scopes and collections, when flush is enabled', async () => {
    const h = await serve();
    await createBucket(h, 'name=shop&ramQuota=100&flushEnabled=1');
    await createBucket(h, 'name=kept&ramQuota=100');
    const scopes = '/pools/default/buckets/shop/scopes';
    await h.call('POST', scopes, { body: 'name=sales', headers: FORM });
    await h.call('POST', `${scopes}/sales/collections`, { body: 'name=orders', headers: FORM });
    const orders = '/v1/buckets/shop/scopes/sales/collections/orders/documents/o1';
    await h.call('PUT', orders, { body: { a: 1 } });
    await h.call('PUT', DOC('shop', 'k'), { body: { a: 1 } });
    const flushed = await h.call('POST', '/pools/default/buckets/shop/controller/doFlush');
    expect({ status: flushed.status, text: flushed.text }).toEqual({ status: 200, text: '' });
    expect((await h.call('GET', orders)).json()).toMatchObject({ code: 'DocumentNotFound' });
    expect((await h.call('GET', DOC('shop', 'k'))).json()).toMatchObject({
      code: 'DocumentNotFound',
    });
    const disabled = await h.call('POST', '/pools/default/buckets/kept/controller/doFlush');
    expect({ status: disabled.status, body: disabled.json() }).toEqual({
      status: 400,
      body: { _: 'Flush is disabled for the bucket' },
    });
    expect((await h.call('POST', '/pools/default/buckets/nope/controller/doFlush')).status).toBe(
      404,
    );
  });
});

describe('with a data directory', () => {
  it('keeps created buckets, their settings and collections, and forgets deleted ones, across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventing-dev-buckets-'));
    try {
      const first = await serve({ dataDir: dir });
      await createBucket(first, 'name=shop&ramQuota=300&maxTTL=60&flushEnabled=1');
      await createBucket(first, 'name=gone&ramQuota=100');
      const scopes = '/pools/default/buckets/shop/scopes';
      await first.call('POST', scopes, { body: 'name=sales', headers: FORM });
      await first.call('POST', scopes, { body: 'name=hr', headers: FORM });
      await first.call('POST', `${scopes}/sales/collections`, {
        body: 'name=orders&maxTTL=30',
        headers: FORM,
      });
      expect((await first.call('DELETE', '/pools/default/buckets/gone')).status).toBe(200);
      await first.running.close();
      const second = await serve({ dataDir: dir });
      const orders = '/v1/buckets/shop/scopes/sales/collections/orders/documents/o1';
      expect((await second.call('PUT', orders, { body: { a: 1 } })).status).toBe(200);
      const listed = (await second.call('GET', `${scopes}`)).json() as {
        scopes: Array<{ name: string; collections: Array<{ name: string; maxTTL: number }> }>;
      };
      expect(listed.scopes.map((scope) => scope.name)).toEqual(['_default', 'hr', 'sales']);
      const sales = listed.scopes.find((scope) => scope.name === 'sales');
      expect(sales?.collections).toEqual([expect.objectContaining({ name: 'orders', maxTTL: 30 })]);
      expect((await second.call('PUT', DOC('shop', 'k'), { body: { a: 1 } })).status).toBe(200);
      expect((await second.call('GET', '/pools/default/buckets/gone')).status).toBe(404);
      expect((await second.call('GET', '/pools/default/buckets/shop')).json()).toMatchObject({
        quota: { ram: 300 * 1024 * 1024 },
        maxTTL: 60,
      });
      expect((await second.call('GET', DOC('shop', 'k'))).headers.expires).toBeDefined();
      const flush = '/pools/default/buckets/shop/controller/doFlush';
      expect((await second.call('POST', flush)).status).toBe(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
