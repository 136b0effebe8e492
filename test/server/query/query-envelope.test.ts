import { describe, expect, it } from 'vitest';
import { type Answer, docPath, serveWith } from '../serve-harness.ts';

// The Query service's answer on serve: the signature of the statement's projection, the
// `timeout` request parameter, and `query_context` for one-part keyspace names.

const JSON_BODY = { 'content-type': 'application/json' };

interface Envelope {
  signature?: unknown;
  results?: unknown[];
  errors?: Array<{ code: number; msg: string }>;
  status: string;
  metrics: { mutationCount?: number };
}

async function seeded() {
  const h = await serveWith(['src', 'shop.sales.orders']);
  await h.call('PUT', docPath('src', 'a1'), { body: { name: 'Ann' } });
  await h.call('PUT', docPath('shop.sales.orders', 'o1'), { body: { item: 'tea' } });
  const query = async (body: Record<string, unknown>) => {
    const answer: Answer = await h.call('POST', '/query/service', { body, headers: JSON_BODY });
    return { status: answer.status, body: answer.json() as Envelope };
  };
  return { h, query };
}

describe('signature', () => {
  it('describes the projection, and is absent for DML without RETURNING or when not asked for', async () => {
    const { query } = await seeded();
    const signature = async (statement: string, extra = {}) =>
      (await query({ statement, ...extra })).body.signature;
    expect(await signature('SELECT name FROM src')).toEqual({ name: 'json' });
    expect(await signature('SELECT * FROM src')).toEqual({ '*': '*' });
    expect(await signature('SELECT 1+1')).toEqual({ $1: 'number' });
    expect(await signature('SELECT RAW name FROM src')).toBe('json');
    expect(await signature("UPSERT INTO src (KEY, VALUE) VALUES ('b2', {})")).toBeUndefined();
    expect(
      await signature("UPSERT INTO src (KEY, VALUE) VALUES ('b3', {}) RETURNING META().id"),
    ).toEqual({
      id: 'json',
    });
    expect(await signature('SELECT name FROM src', { signature: false })).toBeUndefined();
  });
});

describe('timeout', () => {
  it('answers a statement over its timeout with 1080 and status timeout', async () => {
    const { query } = await seeded();
    const late = await query({ statement: 'SELECT name FROM src', timeout: '1ns' });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({
      status: 'timeout',
      errors: [{ code: 1080, msg: 'Timeout 1ns exceeded' }],
    });
    const inTime = await query({ statement: 'SELECT RAW name FROM src', timeout: '75s' });
    expect(inTime.body).toMatchObject({ status: 'success', results: ['Ann'] });
    expect((await query({ statement: 'SELECT 1', timeout: '0' })).body.status).toBe('success');
  });

  it('refuses a timeout that is not a Go duration', async () => {
    const { query } = await seeded();
    expect(await query({ statement: 'SELECT 1', timeout: '10' })).toEqual({
      status: 400,
      body: expect.objectContaining({
        status: 'fatal',
        errors: [
          { code: 1040, msg: 'Error processing duration - cause: Unable to parse duration: 10' },
        ],
      }),
    });
    const number = await query({ statement: 'SELECT 1', timeout: 10 });
    expect(number.body.errors).toEqual([{ code: 1070, msg: 'timeout has to be of type string' }]);
  });
});

describe('query_context', () => {
  it('makes one-part keyspace names collections of its scope, for reads and writes', async () => {
    const { query } = await seeded();
    const context = { query_context: 'default:shop.sales' };
    expect(
      (await query({ statement: 'SELECT RAW item FROM orders', ...context })).body,
    ).toMatchObject({
      status: 'success',
      results: ['tea'],
    });
    const written = await query({
      statement: "UPSERT INTO orders (KEY, VALUE) VALUES ('o2', {'item': 'milk'})",
      query_context: ':shop.sales',
    });
    expect(written.body.metrics.mutationCount).toBe(1);
    expect(
      (await query({ statement: 'SELECT RAW item FROM shop.sales.orders ORDER BY item' })).body
        .results,
    ).toEqual(['milk', 'tea']);
    // Three-part names stay as written; a bucket alone is its _default scope.
    expect(
      (await query({ statement: 'SELECT RAW name FROM src._default._default', ...context })).body
        .results,
    ).toEqual(['Ann']);
    expect(
      (await query({ statement: 'SELECT RAW name FROM _default', query_context: 'src' })).body
        .results,
    ).toEqual(['Ann']);
  });

  it('without it, a one-part name is a bucket: 12003 with HTTP 424 when there is none', async () => {
    const { query } = await seeded();
    const missing = await query({ statement: 'SELECT * FROM orders' });
    expect(missing.status).toBe(424);
    expect(missing.body.errors?.[0]).toMatchObject({ code: 12003 });
    const bad = await query({ statement: 'SELECT 1', query_context: 'a.b.c' });
    expect(bad.body.errors).toEqual([
      { code: 10201, msg: 'Invalid query_context specified: too many context elements' },
    ]);
    const blank = await query({ statement: 'SELECT RAW name FROM src', query_context: 'default:' });
    expect(blank.body.results).toEqual(['Ann']);
  });
});
