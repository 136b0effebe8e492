import { describe, expect, it } from 'vitest';
import { deployed, logged } from '../helpers/emulator.ts';

describe('uncaught exceptions in handlers', () => {
  it('count on_update_failure and record where it happened in the user file', async () => {
    const { em, fn } = await deployed(
      [
        'function OnUpdate(doc, meta) {',
        '  if (doc.bad) {',
        '    missingVariable.x = 1;',
        '  }',
        '}',
      ].join('\n'),
    );
    await em.upsert('src', 'good', {});
    await em.upsert('src', 'bad', { bad: true });
    expect(fn.stats.execution_stats).toMatchObject({ on_update_success: 1, on_update_failure: 1 });
    expect(fn.failures).toEqual([
      expect.objectContaining({
        function: 'fn',
        entry: 'OnUpdate',
        key: 'bad',
        kind: 'exception',
        message: 'ReferenceError: missingVariable is not defined',
        file: 'fn.js',
        line: 3,
        column: 5,
        srcLine: 'missingVariable.x = 1;',
      }),
    ]);
    expect(fn.failures[0]?.stack).toBe(
      'ReferenceError: missingVariable is not defined\n    at OnUpdate (fn.js:3:5)',
    );
  });

  it('write one JSON record per distinct exception to the app log, keys in alphabetical order', async () => {
    const { em, fn } = await deployed(
      'function OnUpdate(doc, meta) {\n  throw new Error("no " + meta.id);\n}',
    );
    await em.upsert('src', 'a', {});
    await em.upsert('src', 'b', {});
    const records = logged(fn);
    expect(records).toHaveLength(2);
    const first = JSON.parse(records[0] as string);
    expect(Object.keys(first)).toEqual(['exception', 'file', 'line', 'srcLine', 'stack']);
    expect(first).toMatchObject({
      exception: '"Error: no a"',
      file: 'fn.js',
      line: 2,
      srcLine: 'throw new Error("no " + meta.id);',
    });
    // The second exception has another message, hence another stack text.
    expect(JSON.parse(records[1] as string).exception).toBe('"Error: no b"');
    await em.upsert('src', 'a', {});
    expect(fn.logs).toHaveLength(2);
  });

  it('record thrown non-errors as their JSON', async () => {
    const { em, fn } = await deployed("function OnUpdate(doc, meta) { throw { reason: 'nope' }; }");
    await em.upsert('src', 'k', {});
    expect(fn.failures[0]).toMatchObject({
      exception: '{"reason":"nope"}',
      message: '{"reason":"nope"}',
      line: undefined,
    });
  });

  it('count on_delete_failure for OnDelete', async () => {
    const { em, fn } = await deployed('function OnDelete(meta, options) { throw new Error("x"); }');
    await em.upsert('src', 'k', {});
    await em.remove('src', 'k');
    expect(fn.stats.execution_stats).toMatchObject({ on_delete_failure: 1, on_delete_success: 0 });
    expect(fn.failures[0]).toMatchObject({ entry: 'OnDelete', key: 'k' });
  });

  it('map line numbers back to the user file with several header lines', async () => {
    const { em, fn } = await deployed('function OnUpdate(doc, meta) {\n  nope();\n}', {
      settings: { handler_headers: ["'use strict';", '// second header line', 'var extra = 1;'] },
    });
    await em.upsert('src', 'k', {});
    expect(fn.failures[0]).toMatchObject({ line: 2, column: 3, srcLine: 'nope();' });
    expect(fn.failures[0]?.stack).toContain('(fn.js:2:3)');
  });
});

describe('execution_timeout', () => {
  it('terminates a runaway handler uncatchably, counts it and carries on in a rebuilt isolate', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        if (doc.spin) { try { while (true) {} } catch (e) { log('caught'); } }
        log('ran', meta.id, typeof globalThis.marker);
        globalThis.marker = 1;
      }`,
      { settings: { execution_timeout: 1 } },
    );
    await em.upsert('src', 'before', {});
    await em.upsert('src', 'spinner', { spin: true });
    await em.upsert('src', 'after', {});
    expect(fn.stats.failure_stats.timeout_count).toBe(1);
    expect(fn.stats.execution_stats).toMatchObject({ on_update_failure: 1, on_update_success: 2 });
    expect(fn.failures).toEqual([
      expect.objectContaining({ kind: 'timeout', key: 'spinner', entry: 'OnUpdate' }),
    ]);
    // The isolate was rebuilt: global state set before the timeout is gone.
    expect(logged(fn)).toEqual(['"ran" "before" "undefined" ', '"ran" "after" "undefined" ']);
  });
});

describe('timeouts the server accepts', () => {
  it('runs OnDeploy and handlers under timeouts of millions of seconds', async () => {
    const { em, fn } = await deployed(
      `function OnDeploy(action) { log('OnDeploy', action.reason); }
      function OnUpdate(doc, meta) { log('OnUpdate', meta.id); }`,
      { settings: { execution_timeout: 2147484, on_deploy_timeout: 2147484 } },
    );
    await em.upsert('src', 'k', {});
    expect(fn.status).toBe('deployed');
    expect(fn.failures).toEqual([]);
    expect(logged(fn)).toEqual(['"OnDeploy" "Deploy" ', '"OnUpdate" "k" ']);
  });
});

describe('memory limit', () => {
  it('lets one invocation hold well over a hundred MB of documents, as a server worker does', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        var cache = [];
        for (var i = 0; i < doc.count; i++) {
          cache.push(JSON.parse(JSON.stringify({ id: i, tags: ['a', String(i)], text: 'x'.repeat(2000) + i })));
        }
        log(cache.length);
      }`,
    );
    await em.upsert('src', 'cache', { count: 80_000 });
    expect(fn.failures).toEqual([]);
    expect(logged(fn)).toEqual(['80000 ']);
  });

  it('stops a handler that exhausts the isolate heap and rebuilds the isolate', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        if (doc.hog) { var hoard = []; while (true) hoard.push(new Array(100000).fill(meta.id)); }
        log('ok', meta.id);
      }`,
      {},
      { memoryLimitMb: 16 },
    );
    await em.upsert('src', 'hog', { hog: true });
    await em.upsert('src', 'fine', {});
    expect(fn.failures).toEqual([expect.objectContaining({ kind: 'out_of_memory', key: 'hog' })]);
    expect(fn.stats.execution_stats).toMatchObject({ on_update_failure: 1, on_update_success: 1 });
    expect(logged(fn)).toEqual(['"ok" "fine" ']);
  });
});
