import { describe, expect, it } from 'vitest';
import { type Answer, definition, expectOk, serveWith } from '../serve-harness.ts';

// The Query service's REST endpoint on serve: parameters, the response envelope, errors with
// their codes and HTTP statuses, read-only requests, and DML that reaches functions.

const JSON_BODY = { 'content-type': 'application/json' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

interface Envelope {
  requestID: string;
  clientContextID?: string;
  signature?: unknown;
  results?: unknown[];
  errors?: Array<{ code: number; msg: string }>;
  status: string;
  metrics: Record<string, unknown>;
}

const envelope = (answer: Answer) => answer.json() as Envelope;

async function seeded() {
  const h = await serveWith(['src']);
  const docs = '/v1/buckets/src/scopes/_default/collections/_default/documents';
  for (const [key, value] of Object.entries({
    a1: { name: 'Ann', age: 31 },
    b2: { name: 'Bob', age: 25 },
    c3: { name: 'Cy', age: 40 },
  })) {
    await h.call('PUT', `${docs}/${key}`, { body: value, headers: JSON_BODY });
  }
  return h;
}

describe('POST /query/service', () => {
  it('answers a SELECT with named parameters in the Query service envelope', async () => {
    const h = await seeded();
    const answer = await h.call('POST', '/query/service', {
      body: {
        statement: 'SELECT RAW name FROM src WHERE age > $min ORDER BY name',
        $min: 30,
        client_context_id: 'ctx-1',
      },
      headers: JSON_BODY,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    const body = envelope(answer);
    expect(body).toMatchObject({
      requestID: expect.stringMatching(/^[0-9a-f-]{36}$/),
      clientContextID: 'ctx-1',
      signature: 'json',
      results: ['Ann', 'Cy'],
      status: 'success',
      metrics: {
        elapsedTime: expect.stringMatching(/^[\d.]+(µs|ms|s)$/),
        resultCount: 2,
        resultSize: expect.any(Number),
      },
    });
    expect(Object.keys(body)).toEqual([
      'requestID',
      'clientContextID',
      'signature',
      'results',
      'status',
      'metrics',
    ]);
  });

  it('takes a form body as couchbase-cli sends it, with positional args', async () => {
    const h = await seeded();
    const form = new URLSearchParams({
      statement: 'SELECT name FROM src USE KEYS $1',
      args: JSON.stringify([['b2']]),
    });
    const answer = await h.call('POST', '/query/service', { body: form.toString(), headers: FORM });
    expect(envelope(answer).results).toEqual([{ name: 'Bob' }]);
  });

  it('answers at /_p/query/query/service too, as the Data API passes it through', async () => {
    const h = await seeded();
    const answer = await h.call('POST', '/_p/query/query/service', {
      body: { statement: 'SELECT RAW COUNT(*) FROM src' },
      headers: JSON_BODY,
    });
    expect(envelope(answer).results).toEqual([3]);
  });

  it('runs DML that reaches deployed functions, answering once they ran, with mutationCount', async () => {
    const h = await serveWith(['src']);
    expectOk(
      await h.call('POST', '/api/v1/functions/copy', {
        body: definition('copy', {
          settings: { deployment_status: true, processing_status: true },
        }),
      }),
    );
    await h.waitFor('copy', 'deployed');
    const answer = await h.call('POST', '/query/service', {
      body: { statement: 'UPSERT INTO src (KEY, VALUE) VALUES ("k1", {"n": 1})' },
      headers: JSON_BODY,
    });
    expect(envelope(answer)).toMatchObject({ status: 'success', metrics: { mutationCount: 1 } });
    const copied = await h.call(
      'GET',
      '/v1/buckets/dst/scopes/_default/collections/_default/documents/k1',
    );
    expect(copied.json()).toEqual({ n: 1 });
  });
});

describe('GET /query/service and read-only requests', () => {
  it('answers read-only statements and refuses writes with 403 and code 1000', async () => {
    const h = await seeded();
    const read = await h.call(
      'GET',
      `/query/service?statement=${encodeURIComponent('SELECT RAW META().id FROM src ORDER BY META().id')}`,
    );
    expect(envelope(read).results).toEqual(['a1', 'b2', 'c3']);
    const write = await h.call(
      'GET',
      `/query/service?statement=${encodeURIComponent('DELETE FROM src')}`,
    );
    expect(write.status).toBe(403);
    expect(envelope(write)).toMatchObject({
      status: 'fatal',
      errors: [
        {
          code: 1000,
          msg: 'The server or request is read-only and cannot accept this write statement.',
        },
      ],
      metrics: { errorCount: 1, resultCount: 0 },
    });
    const readonly = await h.call('POST', '/query/service', {
      body: { statement: '/* tidy */ UPDATE src SET age = 1', readonly: true },
      headers: JSON_BODY,
    });
    expect(readonly.status).toBe(403);
    expect(
      (
        await h.call('POST', '/query/service', {
          body: { statement: 'SELECT RAW COUNT(*) FROM src' },
          headers: JSON_BODY,
        })
      ).json(),
    ).toMatchObject({ results: [3] });
  });
});

describe('errors', () => {
  it('answers a syntax error with 400, code 3000 and status fatal, without results', async () => {
    const h = await serveWith(['src']);
    const answer = await h.call('POST', '/query/service', {
      body: { statement: 'SELEC 1' },
      headers: JSON_BODY,
    });
    expect(answer.status).toBe(400);
    const body = envelope(answer);
    expect(body.status).toBe('fatal');
    expect(body.errors?.[0]?.code).toBe(3000);
    expect(body.results).toBeUndefined();
  });

  it('refuses a request without a statement (1050) or with an unknown parameter (1065)', async () => {
    const h = await serveWith(['src']);
    const none = await h.call('POST', '/query/service', { body: {}, headers: JSON_BODY });
    expect({ status: none.status, errors: envelope(none).errors }).toEqual({
      status: 400,
      errors: [{ code: 1050, msg: 'No statement or prepared value' }],
    });
    const unknown = await h.call('POST', '/query/service', {
      body: { statement: 'SELECT 1', bogus: 1 },
      headers: JSON_BODY,
    });
    expect(envelope(unknown).errors).toEqual([
      { code: 1065, msg: 'Unrecognized parameter in request: bogus' },
    ]);
    const badArgs = await h.call('POST', '/query/service', {
      body: { statement: 'SELECT $1', args: 'x' },
      headers: JSON_BODY,
    });
    expect(envelope(badArgs).errors).toEqual([{ code: 1070, msg: 'args has to be of type array' }]);
  });

  it('answers 401 with code 10000 without credentials', async () => {
    const h = await serveWith(['src']);
    const answer = await h.call('POST', '/query/service', {
      body: { statement: 'SELECT 1' },
      headers: JSON_BODY,
      authorization: null,
    });
    expect(answer.status).toBe(401);
    expect(envelope(answer).errors?.[0]?.code).toBe(10000);
  });
});
