import { describe, expect, it } from 'vitest';
import { deployed, logged } from '../../helpers/emulator.ts';

// Handlers querying the emulated Query service, as users write them.

function seeded(count: number): Record<string, unknown> {
  const documents: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) documents[`item::${String(i).padStart(4, '0')}`] = { i };
  return documents;
}

describe('handlers reading query results', () => {
  it('get the first rows of a keyspace in key order with LIMIT', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var ids = [];
      for (var row of N1QL('SELECT META().id, i FROM items LIMIT 2')) ids.push(row.id + '=' + row.i);
      log(ids);
    }`);
    em.seed('items', seeded(300));
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['["item::0000=0","item::0001=1"] ']);
  });

  it('read every row of a result longer than one batch, and stop anywhere in it', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var all = 0, some = 0;
      var everything = SELECT RAW i FROM items;
      for (var row of everything) all += 1;
      var later = SELECT RAW i FROM items WHERE i >= 100;
      for (var row of later) { if (row === 170) break; some += 1; }
      log(all, some);
    }`);
    em.seed('items', seeded(300));
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['300 70 ']);
  });

  it('look a document up by META().id', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var rows = [];
      var key = doc.key;
      var found = SELECT i FROM items WHERE META().id = $key;
      for (var row of found) rows.push(row);
      log(rows);
    }`);
    em.seed('items', seeded(50));
    await em.upsert('src', 'k', { key: 'item::0042' });
    expect(logged(fn)).toEqual(['[{"i":42}] ']);
  });
});
