import { describe, expect, it } from 'vitest';
import type { QueryAnswerData } from '../../src/emulator/answer-data.ts';
import * as cascade from '../fixtures/documented-examples/cascade-delete.ts';
import { emulator, handler, logged } from '../helpers/emulator.ts';

const UPDATE_THEN_READ = `function OnUpdate(doc, meta) {
  var q = N1QL('UPDATE dst SET seen = true WHERE META().id = $id', { '$id': meta.id });
  q.close();
  log('after update', dst[meta.id]);
}`;

/** An answer standing in for `UPDATE dst SET seen = true WHERE META().id = $id`. */
function markSeen(_statement: string, params: unknown, _options: unknown, data: QueryAnswerData) {
  const key = (params as { id: string }).id;
  const current = data.get('dst', key);
  if (current) data.upsert('dst', key, { ...(current.value as object), seen: true });
  return [];
}

describe('query answers that change data', () => {
  it('apply their writes before the handler continues', async () => {
    const em = await emulator();
    em.query.on(/^UPDATE dst/, markSeen);
    em.seed('dst', { k: { n: 1 } });
    const fn = await em.deploy(handler(UPDATE_THEN_READ));
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['"after update" {"n":1,"seen":true} ']);
  });

  it('feed the functions that follow the keyspaces they write', async () => {
    const em = await emulator();
    em.query.on(/^UPDATE dst/, async (statement, params, options, data) => {
      await Promise.resolve();
      return markSeen(statement, params, options, data);
    });
    em.seed('dst', { k: { n: 1 } });
    await em.deploy(handler(UPDATE_THEN_READ));
    const watcher = await em.deploy(
      handler('function OnUpdate(doc, meta) { log(meta.id, doc); }', {
        name: 'watch',
        source: 'dst',
        settings: { dcp_stream_boundary: 'from_now' },
      }),
    );
    await em.upsert('src', 'k', {});
    expect(logged(watcher)).toEqual(['"k" {"n":1,"seen":true} ']);
  });

  it("refuse the emulator's own settling calls inside an answer, saying what to use", async () => {
    const em = await emulator();
    em.query.on(/^UPDATE dst/, async () => {
      await em.upsert('dst', 'k', { seen: true });
      return [];
    });
    const fn = await em.deploy(
      handler(`function OnUpdate(doc, meta) {
        try { N1QL('UPDATE dst SET seen = true').close(); } catch (e) { log(e.message); }
      }`),
    );
    await em.upsert('src', 'k', {});
    expect(fn.logs.join('\n')).toContain(
      'em.upsert() was called inside a query answer, where it would wait for the handler',
    );
    expect(em.get('dst', 'k')).toBeUndefined();
    expect(em.query.answering).toBe(false);
  });

  it(`replays the documented example ${cascade.page}`, async () => {
    const em = await emulator();
    em.seed('bulk.data.users', cascade.users);
    em.seed('bulk.data.transactions', cascade.transactions);
    // The statement, answered as the Query service would run it.
    em.query.on(
      'DELETE FROM bulk.data.transactions WHERE user_id = $numeric_id',
      (_statement, params, _options, data) => {
        const userId = (params as { numeric_id: number }).numeric_id;
        for (const key of data.keys('bulk.data.transactions')) {
          const transaction = data.get('bulk.data.transactions', key)?.value as { user_id: number };
          if (transaction.user_id === userId) data.remove('bulk.data.transactions', key);
        }
        return [];
      },
    );
    const fn = await em.deploy(
      handler(cascade.handler, { name: 'delete_orphaned_txns', source: 'bulk.data.users' }),
    );
    const audit = await em.deploy(
      handler('function OnDelete(meta) { log(meta.id); }', {
        name: 'audit',
        source: 'bulk.data.transactions',
      }),
    );
    const deletes = () => logged(fn).filter((line) => line.startsWith('"OnDelete'));
    await em.remove('bulk.data.users', 'user_100');
    expect(deletes()).toEqual(cascade.output.afterUser100.log);
    expect(em.count('bulk.data.transactions')).toBe(cascade.output.afterUser100.transactions);
    for (const user of ['user_103', 'user_50', 'user_101', 'user_102'])
      await em.remove('bulk.data.users', user);
    expect(deletes().slice(1)).toEqual(cascade.output.afterTheRest.log);
    expect(em.keys('bulk.data.transactions')).toEqual(cascade.output.afterTheRest.remaining);
    expect(logged(audit)).toHaveLength(8);
  });
});
