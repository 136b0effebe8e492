import { describe, expect, it } from 'vitest';
import { dmlTarget } from '../../../src/runtime/compile/dml-target.ts';
import { tokenizeSql } from '../../../src/runtime/compile/sql-tokens.ts';

const target = (text: string) => dmlTarget(tokenizeSql(text).tokens);

describe('dmlTarget', () => {
  it.each([
    ['INSERT INTO orders VALUES ("k", {});', 'insert', 'orders._default._default'],
    ['upsert into shop.sales.orders (KEY, VALUE) VALUES ($k, $v);', 'upsert', 'shop.sales.orders'],
    ['DELETE FROM shop.sales.orders o WHERE o.x = 1;', 'delete', 'shop.sales.orders'],
    ['UPDATE shop AS s SET s.n = 1;', 'update', 'shop._default._default'],
    [
      'MERGE INTO shop.a.b t USING src s ON KEY s.id WHEN MATCHED THEN DELETE;',
      'merge',
      'shop.a.b',
    ],
  ])('reads %s', (text, kind, keyspace) => {
    expect(target(text)).toEqual({ kind, keyspace });
  });

  it('drops a namespace such as default:', () => {
    expect(target('INSERT INTO default:shop.sales.orders VALUES ("k", 1);')).toEqual({
      kind: 'insert',
      keyspace: 'shop.sales.orders',
    });
  });

  it('unquotes backtick names, keeping a dot inside one', () => {
    expect(target('UPDATE `travel-sample`.`in.ventory`.hotel SET x = 1;')).toEqual({
      kind: 'update',
      keyspace: 'travel-sample.in.ventory.hotel',
    });
  });

  it('gives a two-part name the default collection [inferred]', () => {
    expect(target('DELETE FROM shop.sales;')).toEqual({
      kind: 'delete',
      keyspace: 'shop.sales._default',
    });
  });

  it('reads keywords in any case and after leading parentheses', () => {
    expect(target('(( Upsert InTo shop VALUES ("k", 1)));')).toEqual({
      kind: 'upsert',
      keyspace: 'shop._default._default',
    });
  });

  it('keeps the name as written, in its case', () => {
    expect(target('DELETE FROM Shop;')?.keyspace).toBe('Shop._default._default');
  });

  it.each([
    ['a SELECT', 'SELECT * FROM shop;'],
    ['an EXPLAIN of an INSERT', 'EXPLAIN INSERT INTO shop VALUES ("k", 1);'],
    ['an INSERT without INTO', 'INSERT shop VALUES ("k", 1);'],
    ['a DELETE without FROM', 'DELETE shop;'],
    ['a keyspace of four parts', 'UPDATE a.b.c.d SET x = 1;'],
    ['no keyspace', 'INSERT INTO ("k", 1);'],
    ['a first word that is an Object.prototype key', 'constructor x;'],
    ['no tokens', ''],
  ])('is undefined for %s', (_what, text) => {
    expect(target(text)).toBeUndefined();
  });
});
