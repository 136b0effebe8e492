import { describe, expect, it } from 'vitest';
import { emulator } from '../../helpers/emulator.ts';

describe("the emulator's Query service", () => {
  it('refuses a keyspace the cluster does not have, as the Query service does (12003)', async () => {
    const em = await emulator();
    em.createKeyspace('shop.sales.orders');
    const refused = (statement: string) => {
      try {
        em.queryService.run(statement);
      } catch (error) {
        return { code: (error as { code: number }).code, message: (error as Error).message };
      }
      return undefined;
    };
    expect(refused('SELECT * FROM nowhere')).toEqual({
      code: 12003,
      message:
        'Keyspace not found in CB datastore: default:nowhere - cause: No bucket named nowhere',
    });
    expect(refused("UPSERT INTO shop.sales.refunds VALUES ('k', {})")).toEqual({
      code: 12003,
      message: 'Keyspace not found in CB datastore: default:shop.sales.refunds',
    });
    expect(
      refused('SELECT * FROM shop.sales.orders WHERE EXISTS (SELECT 1 FROM shop.x.y)'),
    ).toMatchObject({ code: 12003 });
    expect(em.keys('shop.sales.refunds')).toEqual([]);
    expect(refused('SELECT * FROM shop.sales.orders')).toBeUndefined();
  });

  it('runs a statement with parameters over the emulated keyspaces, in key order', async () => {
    const em = await emulator();
    em.seed('users', { u2: { name: 'Bo', age: 40 }, u1: { name: 'Al', age: 30 } });
    const execution = em.queryService.run('SELECT RAW name FROM users WHERE age >= $age', {
      age: 30,
    });
    expect([...execution.rows]).toEqual(['Al', 'Bo']);
    expect(execution.mutationCount).toBe(0);
  });

  it('counts the documents a DML statement changed, and they are in the store at once', async () => {
    const em = await emulator();
    em.createKeyspace('users');
    const execution = em.queryService.run('UPSERT INTO users VALUES ($1, $2), ($3, $2)', [
      'a',
      { n: 1 },
      'b',
    ]);
    expect(execution.mutationCount).toBe(2);
    expect(em.get('users', 'b')?.value).toEqual({ n: 1 });
  });

  it('is what handlers query when no em.query.on answer matches', async () => {
    const em = await emulator();
    em.seed('users', { u1: { name: 'Al' } });
    em.query.on('SELECT RAW 1', () => [2]);
    expect([...em.queryService.run('SELECT RAW 1').rows]).toEqual([1]);
    expect(
      em.query.run({ service: 'n1ql', statement: 'SELECT RAW 1', params: undefined, options: {} }),
    ).toEqual([2]);
  });
});
