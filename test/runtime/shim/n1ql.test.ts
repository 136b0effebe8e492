import { describe, expect, it } from 'vitest';
import { deployed, emulator, handler, logged } from '../../helpers/emulator.ts';

describe('N1QL() with answers from the test', () => {
  it('returns an iterable over the rows, then { value: null, done: true }, with one shared cursor', async () => {
    const em = await emulator();
    em.query.on(
      'SELECT name FROM `travel`.inventory.airline WHERE country = $c',
      (_statement, params, options) => [
        { name: 'A', params, consistency: options.consistency },
        { name: 'B' },
      ],
    );
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) {
        var result = N1QL('SELECT name FROM \`travel\`.inventory.airline WHERE country = $c', { $c: 'France' });
        var it = result[Symbol.iterator]();
        log(it === result[Symbol.iterator](), it.next(), it.next(), it.next(), it.next(), typeof it.return);
      }`),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      'true {"value":{"name":"A","params":{"c":"France"},"consistency":"none"},"done":false} {"value":{"name":"B"},"done":false} {"value":null,"done":true} {"value":null,"done":true} "function" ',
    ]);
  });

  it('names where the call was made as the client context id, unless the options give one', async () => {
    const em = await emulator();
    em.query.on(/^SELECT RAW/, (_statement, _params, options) => [options.clientContextId]);
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) {
        log(lookup());
        log(first(N1QL('SELECT RAW 2', {}, { clientContextId: 'mine' })));
        log((function () { return first(couchbase.n1qlQuery('SELECT RAW 3')); })());
        var holder = { run: function () { return first(N1QL('SELECT RAW 4')); } };
        log(holder.run());
      }
      function lookup() {
        return first(N1QL('SELECT RAW 1'));
      }
      function first(result) { for (var row of result) return row; }`),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      '"9@fn.js(lookup)" ',
      '"mine" ',
      '"4@fn.js()" ',
      '"5@fn.js(Object.run)" ',
    ]);
  });

  it('names the call site to an answer registered after the function ran queries the evaluator answered', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      for (var row of N1QL('SELECT RAW 1')) log(row);
    }`);
    await em.upsert('src', 'k1', {});
    em.query.on(/^SELECT RAW/, (_statement, _params, options) => [options.clientContextId]);
    await em.upsert('src', 'k2', {});
    expect(logged(fn)).toEqual(['1 ', '"2@fn.js(OnUpdate)" ']);
  });

  it('works with for...of, positional parameters and couchbase.n1qlQuery', async () => {
    const em = await emulator();
    em.query.on(/^SELECT RAW n/, (_statement, params) => (params as number[]).map((n) => n * 10));
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) {
        var seen = [];
        for (var row of couchbase.n1qlQuery('SELECT RAW n FROM x', [1, 2, 3])) seen.push(row);
        log(seen, couchbase.n1qlQuery === N1QL);
      }`),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['[10,20,30] true ']);
  });

  it('throws a N1QLError from the call when the answer fails, counting n1ql_op_exception_count', async () => {
    const em = await emulator();
    em.query.on('SELECT 1', () => {
      throw { code: 12003, msg: 'Keyspace not found in CB datastore: default:nope' };
    });
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) {
        try { N1QL('SELECT 1'); } catch (e) { log(e instanceof N1QLError, e.message); }
      }`),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      `true ${JSON.stringify(' Query error : {"errors":[{"code":12003,"msg":"Keyspace not found in CB datastore: default:nope"}],"status":"fatal"}')} `,
    ]);
    expect(fn.stats.failure_stats.n1ql_op_exception_count).toBe(1);
  });

  it('streams rows of an asynchronous answer, and throws a later failure from next()', async () => {
    const em = await emulator();
    em.query.on('SELECT stream', async function* () {
      yield { n: 1 };
      yield { n: 2 };
      throw { code: 5000, msg: 'connection dropped' };
    });
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) {
        var it = N1QL('SELECT stream')[Symbol.iterator]();
        log(it.next().value, it.next().value);
        try { it.next(); } catch (e) { log('from next', e instanceof N1QLError, e.message.indexOf('connection dropped') > 0); }
      }`),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['{"n":1} {"n":2} ', '"from next" true true ']);
  });

  it('accepts answers that resolve later (the function is entered asynchronously)', async () => {
    const em = await emulator();
    em.query.on('SELECT later', async () => [{ ok: true }]);
    const fn = await em.deploy(
      handler("function OnUpdate(doc, meta) { for (var r of N1QL('SELECT later')) log(r); }"),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['{"ok":true} ']);
  });
});

describe('N1QL() argument checks', () => {
  it.each([
    ['no arguments', 'N1QL()', 'Need at least the query'],
    ['a statement that is not a string', 'N1QL(42)', 'Expecting a string for the first parameter'],
    [
      'parameters that are neither object nor array',
      "N1QL('SELECT 1', 'x')",
      'Expecting an object or an array for the second parameter',
    ],
    [
      'an undefined named parameter',
      "N1QL('SELECT 1', { a: undefined })",
      'Invalid data type for named parameters: "undefined" is not a valid type',
    ],
    [
      'a function as positional parameter',
      "N1QL('SELECT 1', [1, function () {}])",
      'Invalid data type at index 1 for positional parameters: "function" is not a valid type',
    ],
    [
      'a consistency that is not a string',
      "N1QL('SELECT 1', {}, { consistency: 1 })",
      'Expecting a string for consistency',
    ],
    [
      'an unknown consistency',
      "N1QL('SELECT 1', {}, { consistency: 'at_plus' })",
      "consistency must be one of 'none', 'request'",
    ],
    [
      'isPrepared that is not a boolean',
      "N1QL('SELECT 1', {}, { isPrepared: 'yes' })",
      'Expecting a boolean for isPrepared property',
    ],
  ])('rejects %s with a N1QLError', async (_case, call, message) => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      try { ${call}; } catch (e) { log(e instanceof N1QLError, e.message); }
    }`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([`true ${JSON.stringify(message)} `]);
    expect(fn.stats.failure_stats.n1ql_op_exception_count).toBe(1);
  });
});

describe('the connection pool', () => {
  it('allows lcb_inst_capacity open results and frees them when closed, exhausted or at the end of the invocation', async () => {
    const em = await emulator();
    em.query.on(/^SELECT/, () => [1]);
    const fn = await em.deploy(
      handler(
        `function OnUpdate(doc, meta) {
          var a = N1QL('SELECT a'), b = N1QL('SELECT b');
          try { N1QL('SELECT c'); } catch (e) { log(e.message); }
          a.close();
          for (var row of b) {}
          var c = N1QL('SELECT c'), d = N1QL('SELECT d');
          log('two more opened');
        }`,
        { settings: { lcb_inst_capacity: 2 } },
      ),
    );
    await em.upsert('src', 'k1', {});
    // c and d were left open: the end of the invocation closed them.
    await em.upsert('src', 'k2', {});
    expect(logged(fn)).toEqual([
      '"Connection pool maximum capacity reached" ',
      '"two more opened" ',
      '"Connection pool maximum capacity reached" ',
      '"two more opened" ',
    ]);
  });

  it('gives the connection back when a for…of is left by break, a labelled break, return or throw', async () => {
    const em = await emulator();
    em.query.on(/^SELECT/, () => [1, 2, 3]);
    em.query.on(/^SELECT stream/, async function* () {
      yield 1;
      yield 2;
    });
    const fn = await em.deploy(
      handler(
        `function firstRow(statement) {
          for (var row of N1QL(statement)) return row;
        }
        function OnUpdate(doc, meta) {
          var seen = [];
          for (var i = 0; i < 5; i++) seen.push(firstRow('SELECT a'), firstRow('SELECT stream'));
          for (var i = 0; i < 3; i++) for (var row of N1QL('SELECT b')) break;
          outer: for (var i = 0; i < 3; i++) {
            for (var row of N1QL('SELECT stream')) { for (var r of N1QL('SELECT c')) continue outer; }
          }
          for (var i = 0; i < 3; i++) {
            try { for (var row of N1QL('SELECT d')) throw new Error('stop'); } catch (e) {}
          }
          log(seen, N1QL('SELECT e') !== undefined);
        }`,
        { settings: { lcb_inst_capacity: 2 } },
      ),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['[1,1,1,1,1,1,1,1,1,1] true ']);
  });

  it('goes on where a loop left off when the same result is looped over again, as on the server', async () => {
    const em = await emulator();
    em.query.on(/^SELECT/, async function* () {
      yield* [1, 2, 3];
    });
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) {
        var result = N1QL('SELECT n'), seen = [];
        for (var row of result) { seen.push(row); break; }
        for (var row of result) seen.push(row);
        log(seen);
      }`),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['[1,2,3] ']);
  });

  it('gives the connection back when next() fails', async () => {
    const em = await emulator();
    em.query.on(/^SELECT/, async function* () {
      yield 1;
      throw { code: 5000, msg: 'dropped' };
    });
    const fn = await em.deploy(
      handler(
        `function OnUpdate(doc, meta) {
          for (var i = 0; i < 3; i++) {
            var it = N1QL('SELECT n')[Symbol.iterator]();
            it.next();
            try { it.next(); } catch (e) {}
          }
          log('three queries');
        }`,
        { settings: { lcb_inst_capacity: 1 } },
      ),
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['"three queries" ']);
  });
});
