import { describe, expect, it } from 'vitest';
import { type Answer, definition, expectOk, serveWith } from '../serve-harness.ts';

// The Data API's append, prepend, increment, decrement and touch on serve.

const DOCS = '/v1/buckets/src/scopes/_default/collections/_default/documents';

function expectCode(answer: Answer, status: number, code: string) {
  expect({ status: answer.status, code: (answer.json() as { code: string }).code }).toEqual({
    status,
    code,
  });
}

describe('append and prepend', () => {
  it('adds bytes at either end and keeps the flags', async () => {
    const h = await serveWith(['src']);
    const text = { 'content-type': 'text/plain' };
    await h.call('PUT', `${DOCS}/t`, { body: 'middle', headers: text });
    const appended = await h.call('POST', `${DOCS}/t/append`, { body: '-end', headers: text });
    expect(appended.status).toBe(200);
    expect(appended.headers.etag).toMatch(/^[0-9a-f]+$/);
    await h.call('POST', `${DOCS}/t/prepend`, { body: 'start-', headers: text });
    const got = await h.call('GET', `${DOCS}/t`);
    expect(got.text).toBe('start-middle-end');
    expect(got.headers['content-type']).toBe('text/plain');
  });

  it('refuses an empty body, a missing document and a wrong CAS', async () => {
    const h = await serveWith(['src']);
    await h.call('PUT', `${DOCS}/t`, { body: 'x', headers: { 'content-type': 'text/plain' } });
    expectCode(await h.call('POST', `${DOCS}/t/append`, { body: '' }), 400, 'InvalidArgument');
    expectCode(await h.call('POST', `${DOCS}/none/append`, { body: 'y' }), 404, 'DocumentNotFound');
    expectCode(
      await h.call('POST', `${DOCS}/t/append`, { body: 'y', headers: { 'if-match': '1' } }),
      409,
      'CasMismatch',
    );
  });
});

describe('increment and decrement', () => {
  it('creates a counter from initial, then counts by delta; decrement stops at 0', async () => {
    const h = await serveWith(['src']);
    expectCode(await h.call('POST', `${DOCS}/c/increment`), 404, 'DocumentNotFound');
    const created = await h.call('POST', `${DOCS}/c/increment`, {
      body: { initial: 10, delta: 5 },
    });
    expect({ status: created.status, body: created.json() }).toEqual({ status: 200, body: 10 });
    expect((await h.call('POST', `${DOCS}/c/increment`, { body: { delta: 5 } })).json()).toBe(15);
    expect((await h.call('POST', `${DOCS}/c/increment`)).json()).toBe(16);
    expect((await h.call('POST', `${DOCS}/c/decrement`, { body: { delta: 100 } })).json()).toBe(0);
    expect((await h.call('GET', `${DOCS}/c`)).json()).toBe(0);
  });

  it('refuses a document that is not a counter, and an expiry without initial', async () => {
    const h = await serveWith(['src']);
    await h.call('PUT', `${DOCS}/j`, { body: { n: 1 } });
    expectCode(await h.call('POST', `${DOCS}/j/increment`), 400, 'DocumentNotNumeric');
    expectCode(
      await h.call('POST', `${DOCS}/n/increment`, { headers: { expires: '10s' } }),
      400,
      'InvalidArgument',
    );
  });
});

describe('touch', () => {
  it('sets a new expiry, answering 204, or 200 with the document when asked', async () => {
    const h = await serveWith(['src']);
    await h.call('PUT', `${DOCS}/k`, { body: { v: 1 } });
    const touched = await h.call('POST', `${DOCS}/k/touch`, {
      body: { expiry: '2100-01-01T00:00:00Z' },
    });
    expect(touched.status).toBe(204);
    expect(touched.headers.etag).toMatch(/^[0-9a-f]+$/);
    expect((await h.call('GET', `${DOCS}/k`)).headers.expires).toBe(
      'Fri, 01 Jan 2100 00:00:00 UTC',
    );
    const returned = await h.call('POST', `${DOCS}/k/touch`, {
      body: { expiry: '1h', returnContent: true },
    });
    expect({ status: returned.status, body: returned.json() }).toEqual({
      status: 200,
      body: { v: 1 },
    });
    expectCode(await h.call('POST', `${DOCS}/k/touch`, { body: {} }), 400, 'InvalidArgument');
    expectCode(
      await h.call('POST', `${DOCS}/k/touch`, { body: { expiry: 'soon' } }),
      400,
      'InvalidArgument',
    );
    expectCode(
      await h.call('POST', `${DOCS}/none/touch`, { body: { expiry: '1h' } }),
      404,
      'DocumentNotFound',
    );
  });

  it('is a mutation that functions see, as on a cluster', async () => {
    const h = await serveWith(['src']);
    const appcode =
      'function OnUpdate(doc, meta) { dst[meta.id] = { seen: meta.expiration > 0 }; }\n';
    expectOk(
      await h.call('POST', '/api/v1/functions/watch', {
        body: definition('watch', {
          appcode,
          settings: { deployment_status: true, processing_status: true },
        }),
      }),
    );
    await h.waitFor('watch', 'deployed');
    await h.call('PUT', `${DOCS}/k`, { body: { v: 1 } });
    await h.call('POST', `${DOCS}/k/touch`, { body: { expiry: '1h' } });
    const seen = await h.call(
      'GET',
      '/v1/buckets/dst/scopes/_default/collections/_default/documents/k',
    );
    expect(seen.json()).toEqual({ seen: true });
  });
});
