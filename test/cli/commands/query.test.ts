import { afterEach, describe, expect, it } from 'vitest';
import { queryCommand } from '../../../src/cli/commands/query.ts';
import { closeServices, serveWith } from '../../server/serve-harness.ts';

// `eventing-dev query` against serve: rows as a table or JSON, parameters, errors, writes.

afterEach(closeServices);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: (text: string) => void out.push(text),
    err: (text: string) => void err.push(text),
    exit: () => undefined,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

async function seeded() {
  const h = await serveWith(['src']);
  const docs = '/v1/buckets/src/scopes/_default/collections/_default/documents';
  await h.call('PUT', `${docs}/a`, { body: { name: 'Ann', age: 31 } });
  await h.call('PUT', `${docs}/b`, { body: { name: 'Bob', age: 25 } });
  return h;
}

describe('eventing-dev query', () => {
  it('prints rows as a table with a summary, or as JSON', async () => {
    const h = await seeded();
    const table = capture();
    const context = { io: table.io, env: {}, cwd: process.cwd(), interactive: false };
    const statement = 'SELECT name, age FROM src ORDER BY name';
    expect(await queryCommand(statement, { url: h.running.url }, context)).toBe(0);
    expect(table.out()).toMatch(
      /^NAME {2}AGE\nAnn {3}31\nBob {3}25\n\(2 rows, in [\d.]+(µs|ms|s)\)\n$/i,
    );
    const json = capture();
    await queryCommand(
      'SELECT RAW name FROM src WHERE age > $min',
      { url: h.running.url, json: true, param: ['min=30'] },
      { ...context, io: json.io },
    );
    expect(JSON.parse(json.out())).toEqual(['Ann']);
  });

  it('sends positional args, says how many documents a write changed, and reports errors', async () => {
    const h = await seeded();
    const write = capture();
    const context = { io: write.io, env: {}, cwd: process.cwd(), interactive: false };
    await queryCommand(
      'UPSERT INTO src (KEY, VALUE) VALUES ($1, $2)',
      { url: h.running.url, arg: ['c', '{"name":"Cy"}'] },
      context,
    );
    expect(write.out()).toMatch(/\(0 rows, 1 mutation, in /);
    const bad = capture();
    const code = await queryCommand('SELEC 1', { url: h.running.url }, { ...context, io: bad.io });
    expect(code).toBe(1);
    expect(bad.err()).toMatch(/^error: syntax error - .* \(3000\)\n$/);
    const readonly = capture();
    expect(
      await queryCommand(
        'DELETE FROM src',
        { url: h.running.url, readonly: true },
        { ...context, io: readonly.io },
      ),
    ).toBe(1);
    expect(readonly.err()).toContain('read-only');
  });

  it('sends the timeout and the query context', async () => {
    const h = await seeded();
    await h.createKeyspace('shop.sales.orders');
    const out = capture();
    const context = { io: out.io, env: {}, cwd: process.cwd(), interactive: false };
    const options = { url: h.running.url, json: true, queryContext: 'shop.sales', timeout: '75s' };
    await queryCommand("UPSERT INTO orders (KEY, VALUE) VALUES ('o1', 'tea')", options, context);
    const read = capture();
    await queryCommand('SELECT RAW META().id FROM orders', options, { ...context, io: read.io });
    expect(JSON.parse(read.out())).toEqual(['o1']);
    const late = capture();
    const code = await queryCommand(
      'SELECT 1',
      { url: h.running.url, timeout: '1ns' },
      { ...context, io: late.io },
    );
    expect({ code, err: late.err() }).toEqual({
      code: 1,
      err: 'error: Timeout 1ns exceeded (1080)\n',
    });
  });
});
