import { describe, expect, it } from 'vitest';
import { deployed, logged } from '../../helpers/emulator.ts';

// Handlers using the SQL++ function library and subqueries, as handlers from Couchbase's
// documentation and from real projects do.

describe('SQL++ functions in handlers', () => {
  it('INSERT … VALUES (UUID(), …) stores a document under a new random key each time', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
      var name = doc.name;
      INSERT INTO audit (KEY, VALUE) VALUES (UUID(), { "name": $name, "at": NOW_STR() });
    }`,
      {},
      { timeZone: 'UTC', keyspaces: ['audit'] },
    );
    await em.upsert('src', 'a', { name: 'Ada' });
    await em.upsert('src', 'b', { name: 'Bo' });
    expect(fn.stats.failure_stats.n1ql_op_exception_count).toBe(0);
    const keys = em.keys('audit');
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys.map((key) => em.get('audit', key)?.value)).toEqual(
      expect.arrayContaining([
        { name: 'Ada', at: '2026-01-01T00:00:00Z' },
        { name: 'Bo', at: '2026-01-01T00:00:00Z' },
      ]),
    );
  });

  it("reads the emulator's clock for NOW_MILLIS, NOW_STR and date arithmetic", async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
      var rows = SELECT NOW_STR() AS now, DATE_ADD_STR(NOW_STR(), 7, 'day') AS due,
                        DATE_DIFF_MILLIS(NOW_MILLIS(), STR_TO_MILLIS('2026-01-01'), 'day') AS days;
      for (var row of rows) log(row);
    }`,
      {},
      { timeZone: 'UTC' },
    );
    await em.advance('3d');
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      '{"now":"2026-01-04T00:00:00Z","due":"2026-01-11T00:00:00Z","days":3} ',
    ]);
  });

  it("prints and reads local times in the emulator's time zone, the node's", async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        var rows = SELECT RAW [NOW_STR(), STR_TO_MILLIS('2026-01-01'), MILLIS_TO_UTC(0)];
        for (var row of rows) log(row);
      }`,
      {},
      { timeZone: 'America/New_York' },
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      `["2025-12-31T19:00:00-05:00",${Date.parse('2026-01-01T05:00:00Z')},"1970-01-01T00:00:00Z"] `,
    ]);
  });

  it('shapes rows with string, array, object and conditional functions', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var rows = SELECT UPPER(name) AS name, ARRAY_LENGTH(tags) AS tags,
                        IFMISSINGORNULL(email, 'none') AS email, OBJECT_NAMES(address) AS fields,
                        CASE WHEN age >= 18 THEN 'adult' ELSE 'minor' END AS band
                 FROM users ORDER BY name;
      for (var row of rows) log(row);
    }`);
    em.seed('users', {
      u1: { name: 'ada', tags: ['a', 'b'], age: 36, address: { zip: '1', city: 'x' } },
      u2: { name: 'bo', tags: [], email: null, age: 9, address: {} },
    });
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      '{"name":"ADA","tags":2,"email":"none","fields":["city","zip"],"band":"adult"} ',
      '{"name":"BO","tags":0,"email":"none","fields":[],"band":"minor"} ',
    ]);
  });

  it('fails with a N1QLError naming a function the evaluator lacks and em.query.on', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      try { var rows = SELECT SOUNDEX(name) FROM users; } catch (e) { log(e instanceof N1QLError, e.message); }
    }`);
    await em.upsert('src', 'k', {});
    const [line] = logged(fn);
    expect(line).toMatch(/^true .*1020.*SOUNDEX\(\).*em\.query\.on/);
  });
});

describe('subqueries in handlers', () => {
  const orders = {
    o1: { customer: 'c1', total: 10 },
    o2: { customer: 'c1', total: 5 },
    o3: { customer: 'c2', total: 7 },
  };
  const customers = { c1: { name: 'Ada' }, c2: { name: 'Bo' }, c3: { name: 'Cy' } };

  it('read the rows of a subquery in FROM', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var rows = SELECT RAW t.c FROM (SELECT customer AS c, SUM(total) AS s FROM orders GROUP BY customer) AS t
                 WHERE t.s > 8;
      for (var row of rows) log(row);
    }`);
    em.seed('orders', orders);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['"c1" ']);
  });

  it('filter with a subquery in WHERE, with IN and EXISTS, correlated or not', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var buyers = SELECT RAW c.name FROM customers c
                   WHERE META(c).id IN (SELECT RAW o.customer FROM orders o WHERE o.total > 6);
      var any = SELECT RAW c.name FROM customers c
                WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer = META(c).id);
      var list = [];
      for (var n of buyers) list.push(n);
      for (var n of any) list.push(n);
      log(list);
    }`);
    em.seed('orders', orders);
    em.seed('customers', customers);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['["Ada","Bo","Ada","Bo"] ']);
  });

  it('compute a value per row with a correlated subquery in the projection', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var rows = SELECT c.name, (SELECT RAW SUM(o.total) FROM orders o WHERE o.customer = META(c).id)[0] AS spent
                 FROM customers c;
      for (var row of rows) log(row);
    }`);
    em.seed('orders', orders);
    em.seed('customers', customers);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      '{"name":"Ada","spent":15} ',
      '{"name":"Bo","spent":7} ',
      '{"name":"Cy","spent":null} ',
    ]);
  });

  it('needs an alias for a subquery in FROM, as the server does', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      try { var rows = SELECT * FROM (SELECT RAW 1); } catch (e) { log(e.message.indexOf('4010') > 0); }
    }`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['true ']);
  });
});
