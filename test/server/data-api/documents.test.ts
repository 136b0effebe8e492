import { describe, expect, it } from 'vitest';
import { type Answer, definition, expectOk, serveWith } from '../serve-harness.ts';

// Couchbase's Data API on serve: whole documents with their headers (ETag = CAS, If-Match,
// Expires, X-CB-Flags), status codes and error bodies, and writes that reach functions.

const DOCS = '/v1/buckets/src/scopes/_default/collections/_default/documents';
const JSON_FLAGS = String(0x02000000);

function expectDataApiError(answer: Answer, status: number, code: string, message?: string) {
  const body = answer.json() as Record<string, unknown>;
  expect({ status: answer.status, code: body.code }).toEqual({ status, code });
  expect(body).toHaveProperty('message');
  if (message !== undefined) expect(body.message).toBe(message);
  expect(answer.headers.status).toBeUndefined();
}

describe('GET, POST, PUT and DELETE of a document', () => {
  it('stores with PUT and reads back the JSON with its ETag and flags, without an Expires', async () => {
    const h = await serveWith(['src']);
    const put = await h.call('PUT', `${DOCS}/a1`, {
      body: { name: 'x', n: 1 },
      headers: { 'content-type': 'application/json' },
    });
    expect({ status: put.status, text: put.text }).toEqual({ status: 200, text: '' });
    expect(put.headers.etag).toMatch(/^[0-9a-f]{8,}$/);
    expect(put.headers.status).toBeUndefined();
    const got = await h.call('GET', `${DOCS}/a1`);
    expect(got.status).toBe(200);
    expect(got.json()).toEqual({ name: 'x', n: 1 });
    expect(got.headers).toMatchObject({
      'content-type': 'application/json',
      etag: put.headers.etag,
      'x-cb-flags': JSON_FLAGS,
    });
    expect(got.headers.expires).toBeUndefined();
  });

  it('inserts with POST and refuses a second insert with 409 DocumentExists', async () => {
    const h = await serveWith(['src']);
    const headers = { 'content-type': 'application/json' };
    expect((await h.call('POST', `${DOCS}/k`, { body: { v: 1 }, headers })).status).toBe(200);
    const again = await h.call('POST', `${DOCS}/k`, { body: { v: 2 }, headers });
    expectDataApiError(
      again,
      409,
      'DocumentExists',
      "Document 'k' already existed in 'src/_default/_default'.",
    );
    expect((again.json() as { resource: string }).resource).toBe(
      '/buckets/src/scopes/_default/collections/_default/documents/k',
    );
    expect((await h.call('GET', `${DOCS}/k`)).json()).toEqual({ v: 1 });
  });

  it('replaces with If-Match: the right CAS, any CAS with *, and 409 CasMismatch otherwise', async () => {
    const h = await serveWith(['src']);
    const first = await h.call('PUT', `${DOCS}/k`, { body: { v: 1 } });
    const etag = String(first.headers.etag);
    const stale = (BigInt(`0x${etag}`) - 1n).toString(16);
    expectDataApiError(
      await h.call('PUT', `${DOCS}/k`, { body: { v: 2 }, headers: { 'if-match': stale } }),
      409,
      'CasMismatch',
      "The specified CAS for 'k' in 'src/_default/_default' did not match.",
    );
    const replaced = await h.call('PUT', `${DOCS}/k`, {
      body: { v: 3 },
      headers: { 'if-match': etag },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.headers.etag).not.toBe(etag);
    expect(
      (await h.call('PUT', `${DOCS}/k`, { body: { v: 4 }, headers: { 'if-match': '*' } })).status,
    ).toBe(200);
    expectDataApiError(
      await h.call('PUT', `${DOCS}/none`, { body: { v: 1 }, headers: { 'if-match': '*' } }),
      404,
      'DocumentNotFound',
      "Document 'none' not found in 'src/_default/_default'.",
    );
    expectDataApiError(
      await h.call('PUT', `${DOCS}/k`, { body: { v: 1 }, headers: { 'if-match': 'zz' } }),
      400,
      'InvalidArgument',
      "Invalid etag format 'zz'.",
    );
    expect((await h.call('GET', `${DOCS}/k`)).json()).toEqual({ v: 4 });
  });

  it('deletes, checking If-Match, and answers 404 DocumentNotFound for what is not there', async () => {
    const h = await serveWith(['src']);
    const put = await h.call('PUT', `${DOCS}/k`, { body: 1 });
    expectDataApiError(
      await h.call('DELETE', `${DOCS}/k`, { headers: { 'if-match': '1234' } }),
      409,
      'CasMismatch',
    );
    const deleted = await h.call('DELETE', `${DOCS}/k`, {
      headers: { 'if-match': String(put.headers.etag) },
    });
    expect(deleted.status).toBe(200);
    expectDataApiError(await h.call('GET', `${DOCS}/k`), 404, 'DocumentNotFound');
    expectDataApiError(await h.call('DELETE', `${DOCS}/k`), 404, 'DocumentNotFound');
  });

  it('sets Expires from an HTTP date or a Go duration, keeps it on a PUT without one, clears it with 0', async () => {
    const h = await serveWith(['src']);
    const before = Date.now();
    await h.call('PUT', `${DOCS}/k`, { body: { v: 1 }, headers: { expires: '1h30m' } });
    const expires = Date.parse(String((await h.call('GET', `${DOCS}/k`)).headers.expires));
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 5_400_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 5_400_000);
    await h.call('PUT', `${DOCS}/k`, { body: { v: 2 } });
    expect(Date.parse(String((await h.call('GET', `${DOCS}/k`)).headers.expires))).toBe(expires);
    const at = 'Fri, 01 Jan 2100 00:00:00 UTC';
    await h.call('PUT', `${DOCS}/k`, { body: { v: 3 }, headers: { expires: at } });
    expect((await h.call('GET', `${DOCS}/k`)).headers.expires).toBe(at);
    await h.call('PUT', `${DOCS}/k`, { body: { v: 4 }, headers: { expires: '0' } });
    expect((await h.call('GET', `${DOCS}/k`)).headers.expires).toBeUndefined();
    expectDataApiError(
      await h.call('PUT', `${DOCS}/k`, { body: 1, headers: { expires: 'tomorrow' } }),
      400,
      'InvalidArgument',
      'Invalid time format - expected ISO8601 format, 0, or a Go style duration.',
    );
  });
});

describe('document types', () => {
  it('keeps text and binary documents as bytes, with their content types and flags', async () => {
    const h = await serveWith(['src']);
    await h.call('PUT', `${DOCS}/t`, {
      body: 'plain words',
      headers: { 'content-type': 'text/plain' },
    });
    const text = await h.call('GET', `${DOCS}/t`);
    expect(text).toMatchObject({ status: 200, text: 'plain words' });
    expect(text.headers).toMatchObject({
      'content-type': 'text/plain',
      'x-cb-flags': String(0x04000000),
    });
    const bytes = Buffer.from([0, 255, 1, 254]);
    await h.call('PUT', `${DOCS}/b`, {
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const binary = await h.call('GET', `${DOCS}/b`);
    expect(binary.headers['content-type']).toBe('application/octet-stream');
    expect(binary.headers['x-cb-flags']).toBe(String(0x03000000));
  });

  it('stores JSON sent without a JSON content type (curl -d) as JSON, flags 0', async () => {
    const h = await serveWith(['src']);
    await h.call('PUT', `${DOCS}/k`, {
      body: '{"a":1}',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const got = await h.call('GET', `${DOCS}/k`);
    expect(got.json()).toEqual({ a: 1 });
    expect(got.headers).toMatchObject({ 'content-type': 'application/json', 'x-cb-flags': '0' });
  });

  it('keeps the flags of X-CB-Flags', async () => {
    const h = await serveWith(['src']);
    await h.call('PUT', `${DOCS}/k`, {
      body: { a: 1 },
      headers: { 'x-cb-flags': String(0x02000006) },
    });
    expect((await h.call('GET', `${DOCS}/k`)).headers['x-cb-flags']).toBe(String(0x02000006));
    expectDataApiError(
      await h.call('PUT', `${DOCS}/k`, { body: 1, headers: { 'x-cb-flags': 'x' } }),
      400,
      'InvalidArgument',
    );
  });

  it('refuses a body declared JSON that is not, and one over the size limit', async () => {
    const h = await serveWith(['src'], { maxBodyBytes: 1024 });
    expectDataApiError(
      await h.call('PUT', `${DOCS}/k`, {
        body: '{nope',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'DocumentNotJson',
      "Document 'k' was not JSON in 'src/_default/_default'.",
    );
    expectDataApiError(
      await h.call('PUT', `${DOCS}/k`, {
        body: 'x'.repeat(2048),
        headers: { 'content-type': 'text/plain' },
      }),
      413,
      'InvalidArgument',
      'The content of the request was too large.',
    );
    expectDataApiError(await h.call('GET', `${DOCS}/k`), 404, 'DocumentNotFound');
  });

  it('refuses keys longer than 250 bytes', async () => {
    const h = await serveWith(['src']);
    const key = 'k'.repeat(251);
    expectDataApiError(
      await h.call('PUT', `${DOCS}/${key}`, { body: 1 }),
      400,
      'InvalidArgument',
      `Length of document key '${key}' must be between 1 and 251 characters.`,
    );
  });
});

describe('keyspaces that do not exist', () => {
  it('answers 404 BucketNotFound, ScopeNotFound or CollectionNotFound, and stores nothing', async () => {
    const h = await serveWith(['shop.sales.orders']);
    const at = (keyspace: string) =>
      `/v1/buckets/${keyspace.replaceAll('.', '/scopes/').replace(/\/scopes\/([^/]+)$/, '/collections/$1')}/documents/k`;
    const cases: Array<[string, string, string, string]> = [
      ['nope._default._default', 'BucketNotFound', "Bucket 'nope' was not found.", '/buckets/nope'],
      [
        'shop.hr._default',
        'ScopeNotFound',
        "Scope 'hr' not found in 'shop'.",
        '/buckets/shop/scopes/hr',
      ],
      [
        'shop.sales.refunds',
        'CollectionNotFound',
        "Collection 'refunds' not found in 'shop/sales'.",
        '/buckets/shop/scopes/sales/collections/refunds',
      ],
    ];
    for (const [keyspace, code, message, resource] of cases) {
      for (const method of ['PUT', 'GET', 'POST', 'DELETE']) {
        const answer = await h.call(method, at(keyspace), { body: { a: 1 } });
        expectDataApiError(answer, 404, code, message);
        expect((answer.json() as { resource: string }).resource).toBe(resource);
      }
    }
    const buckets = (await h.call('GET', '/pools/default/buckets')).json() as Array<{
      name: string;
    }>;
    expect(buckets.map((bucket) => bucket.name)).toEqual(['shop']);
    expect((await h.call('PUT', at('shop.sales.orders'), { body: { a: 1 } })).status).toBe(200);
  });
});

describe('credentials and identity', () => {
  it('answers 401 Unauthorized without credentials and 403 InvalidAuth with wrong ones', async () => {
    const h = await serveWith(['src']);
    expectDataApiError(
      await h.call('GET', `${DOCS}/k`, { authorization: null }),
      401,
      'Unauthorized',
      'You must send authentication to use this endpoint.',
    );
    const wrong = `Basic ${Buffer.from('Administrator:nope').toString('base64')}`;
    expectDataApiError(
      await h.call('GET', `${DOCS}/k`, { authorization: wrong }),
      403,
      'InvalidAuth',
      'Your username or password is invalid.',
    );
  });

  it('tells the caller who it is at /v1/callerIdentity', async () => {
    const h = await serveWith(['src']);
    const answer = await h.call('GET', '/v1/callerIdentity');
    expect({ status: answer.status, body: answer.json() }).toEqual({
      status: 200,
      body: { user: 'Administrator' },
    });
  });
});

describe('writes reach functions', () => {
  it('runs OnUpdate for a PUT and OnDelete for a DELETE before answering', async () => {
    const h = await serveWith(['src']);
    const appcode =
      'function OnUpdate(doc, meta) { dst[meta.id] = doc; }\nfunction OnDelete(meta) { delete dst[meta.id]; }\n';
    expectOk(
      await h.call('POST', '/api/v1/functions/copy', {
        body: definition('copy', {
          appcode,
          settings: { deployment_status: true, processing_status: true },
        }),
      }),
    );
    await h.waitFor('copy', 'deployed');
    await h.call('POST', `${DOCS}/a`, {
      body: { n: 1 },
      headers: { 'content-type': 'application/json' },
    });
    const copied = await h.call(
      'GET',
      '/v1/buckets/dst/scopes/_default/collections/_default/documents/a',
    );
    expect(copied.json()).toEqual({ n: 1 });
    await h.call('DELETE', `${DOCS}/a`);
    const gone = await h.call(
      'GET',
      '/v1/buckets/dst/scopes/_default/collections/_default/documents/a',
    );
    expect(gone.status).toBe(404);
  });
});
