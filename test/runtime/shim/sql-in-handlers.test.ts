import { describe, expect, it } from 'vitest';
import { EventingDevError } from '../../../src/index.ts';
import { emulator, handler, logged } from '../../helpers/emulator.ts';

describe('inline SQL++ statements', () => {
  it('run as queries with the JavaScript variables of their named parameters', async () => {
    const em = await emulator();
    await em.upsert('travel.inventory.airline', 'a1', { name: 'Air One', country: 'France' });
    await em.upsert('travel.inventory.airline', 'a2', { name: 'Two Air', country: 'Spain' });
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) {
  var country = doc.country;
  var rows = SELECT RAW a.name
             FROM travel.inventory.airline a -- only one country
             WHERE a.country = $country;
  for (var name of rows) log(name);
}`),
    );
    await em.upsert('src', 'k', { country: 'France' });
    expect(logged(fn)).toEqual(['"Air One" ']);
  });

  it('keep line numbers, so errors after a statement point at the right line', async () => {
    const em = await emulator();
    em.createKeyspace('travel.inventory.airline');
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) {
  var rows = SELECT *
    FROM travel.inventory.airline
    LIMIT 1;
  missing();
}`),
    );
    await em.upsert('src', 'k', {});
    expect(fn.failures[0]).toMatchObject({ line: 5, srcLine: 'missing();' });
  });

  it('write through the emulated store, and other functions see those writes', async () => {
    const em = await emulator();
    await em.deploy(
      handler(
        "function OnUpdate(doc, meta) { var id = meta.id; UPSERT INTO audit (KEY, VALUE) VALUES ($id, {'seen': true}); }",
        {
          name: 'writer',
        },
      ),
    );
    const watcher = await em.deploy(
      handler('function OnUpdate(doc, meta) { log(meta.id, doc); }', {
        name: 'watcher',
        source: 'audit',
      }),
    );
    await em.upsert('src', 'k1', {});
    expect(em.get('audit', 'k1')?.value).toEqual({ seen: true });
    expect(logged(watcher)).toEqual(['"k1" {"seen":true} ']);
  });

  it('are refused at deploy when they modify the function’s own source keyspace', async () => {
    const em = await emulator();
    const definition = handler(
      'function OnUpdate(doc, meta) {\n  DELETE FROM src WHERE stale = true;\n}',
    );
    const error = await em.deploy(definition).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventingDevError);
    expect(error).toMatchObject({
      code: 'RECURSION_REFUSED',
      message: expect.stringContaining('ERR_INTER_BUCKET_RECURSION'),
    });
    expect((error as Error).message).toContain('fn.js:2:3');
    const allowing = await emulator({ allowInterbucketRecursion: true });
    await expect(allowing.deploy(definition)).resolves.toMatchObject({ status: 'deployed' });
  });

  it('use the n1ql_consistency setting unless the call says otherwise', async () => {
    const em = await emulator();
    const seen: unknown[] = [];
    em.query.on(/^SELECT/, (_s, _p, options) => {
      seen.push(options.consistency);
      return [];
    });
    await em.deploy(
      handler(
        "function OnUpdate(doc, meta) { SELECT 1 FROM x; N1QL('SELECT 2', {}, { consistency: 'none' }); }",
        {
          settings: { n1ql_consistency: 'request' },
        },
      ),
    );
    await em.upsert('src', 'k', {});
    expect(seen).toEqual(['request', 'none']);
  });
});

describe('the built-in SQL++ evaluator', () => {
  it('answers SELECT by key and names the unsupported constructs it cannot answer', async () => {
    const em = await emulator();
    await em.upsert('users', 'u1', { name: 'Ada' });
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) {
        for (var u of N1QL('SELECT u.name FROM users u USE KEYS $k', { k: 'u1' })) log(u);
        try { N1QL('SELECT * FROM users u JOIN orders o ON o.user = META(u).id'); } catch (e) { log(e.message.indexOf('em.query.on') > 0); }
      }`),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['{"name":"Ada"} ', 'true ']);
  });
});

describe('Analytics and Search queries', () => {
  it('fail with AnalyticsError / SearchError unless a test answers them', async () => {
    const em = await emulator();
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) {
        try { couchbase.analyticsQuery('SELECT 1', {}); } catch (e) { log(e instanceof AnalyticsError, e.message.indexOf('em.query.on') > 0); }
        try { couchbase.searchQuery('idx', { match: 'x' }); } catch (e) { log(e instanceof SearchError); }
      }`),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['true true ', 'true ']);
    expect(fn.stats.failure_stats).toMatchObject({
      analytics_op_exception_count: 1,
      search_op_exception_count: 1,
    });
  });

  it('return the rows a test gives, the search request carrying the index name and query', async () => {
    const em = await emulator();
    em.query.on('SELECT VALUE 1', () => [1], { service: 'analytics' });
    em.query.on('hotels', (indexName, request) => [{ id: 'h1', indexName, request }], {
      service: 'search',
    });
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) {
        for (var a of couchbase.analyticsQuery('SELECT VALUE 1')) log(a);
        for (var hit of couchbase.searchQuery('hotels', { toJson: function () { return { match: 'spa' }; } }, { size: 5 })) log(hit);
      }`),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      '1 ',
      '{"id":"h1","indexName":"hotels","request":{"query":{"match":"spa"},"indexName":"hotels","size":5}} ',
    ]);
  });
});

describe('the deprecated N1qlQuery class', () => {
  it('executes with named parameters and returns every row', async () => {
    const em = await emulator();
    em.query.on(/FROM items/, (_s, params) => [{ p: params }, { p: 2 }]);
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) {
        log(new N1qlQuery('SELECT * FROM items WHERE x = $x', { namedParams: { $x: 1 } }).execQuery());
      }`),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['[{"p":{"x":1}},{"p":2}] ']);
  });
});
