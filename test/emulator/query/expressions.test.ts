import { describe, expect, it } from 'vitest';
import type { Aggregate } from '../../../src/emulator/query/ast.ts';
import { defineField } from '../../../src/emulator/query/collation.ts';
import { evaluate, getField, type Scope } from '../../../src/emulator/query/expressions.ts';
import { scopeOf } from './memory-query-store.ts';
import { parseExpr, queryError } from './parse-helpers.ts';

const document = {
  name: 'Ada',
  age: 36,
  tags: ['admin', 'ops'],
  address: { city: 'London', zip: null },
  a: 'a field that the alias shadows',
};
const meta = { id: 'user::ada', cas: '1700000000000000001', expiration: 0, flags: 33554438 };

function scope(extra: Partial<Scope> = {}): Scope {
  return { ...scopeOf({ alias: 'a', document, meta }, { min: 30, key: 'city' }), ...extra };
}

const value = (text: string, inScope: Scope = scope()) => evaluate(parseExpr(text), inScope);

describe('evaluating expressions', () => {
  it.each([
    ['name', 'Ada'],
    ['a.name', 'Ada'],
    ['a', document],
    ['nope', undefined],
    ['a.address.city', 'London'],
    ['address.zip', null],
    ['address.zip.deeper', undefined],
    ['tags[0]', 'admin'],
    ['tags[-1]', 'ops'],
    ['tags[2]', undefined],
    ['tags[0.5]', undefined],
    ['tags["0"]', undefined],
    ['address["city"]', 'London'],
    ['address[$key]', 'London'],
    ['name.first', undefined],
    ['age + 1 > $min', true],
    ['-age', -36],
    ['NOT (age > $min)', false],
    ['age BETWEEN 30 AND 40', true],
    ['address.zip IS NULL', true],
    ['[name, nope, null]', ['Ada', null, null]],
    ['{"n": name, "gone": nope, "z": address.zip, 1: "skipped"}', { n: 'Ada', z: null }],
    ['{name: age}', { Ada: 36 }],
  ])('%s is %j', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it('reads only own fields, so inherited names are MISSING', () => {
    expect(value('constructor')).toBeUndefined();
    expect(value('address.toString')).toBeUndefined();
    expect(getField(JSON.parse('{"__proto__": 5}'), '__proto__')).toBe(5);
  });

  it('defines fields named __proto__ as ordinary fields', () => {
    const target: Record<string, unknown> = {};
    defineField(target, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.keys(target)).toEqual(['__proto__']);
    expect(value('{"__proto__": 1}')).toEqual(JSON.parse('{"__proto__": 1}'));
  });

  it('prefers result names (for ORDER BY) over document fields', () => {
    expect(value('name', scope({ projected: new Map([['name', 'renamed']]) }))).toBe('renamed');
  });

  it('reads every name as MISSING without a FROM', () => {
    expect(value('name', scope({ row: undefined }))).toBeUndefined();
  });

  it('short-circuits AND and OR', () => {
    expect(value('age < 0 AND $unbound')).toBe(false);
    expect(value('age > 0 OR $unbound')).toBe(true);
    expect(queryError(() => value('age > 0 AND $unbound')).code).toBe(5010);
  });

  it('gives META() as the server shapes it, CAS as a number', () => {
    const expected = {
      id: 'user::ada',
      cas: 1700000000000000000,
      expiration: 0,
      flags: 33554438,
      type: 'json',
    };
    expect(value('META()')).toEqual(expected);
    expect(value('META(a).id')).toBe('user::ada');
  });

  it('refuses META() of another alias or without a keyspace', () => {
    expect(queryError(() => value('META(b)')).message).toBe(
      'Invalid use of META(b): the keyspace here is a.',
    );
    expect(queryError(() => value('META()', scope({ row: undefined }))).code).toBe(3100);
  });

  it('reads aggregates from the group, and refuses them elsewhere', () => {
    const call = parseExpr('COUNT(*)') as Aggregate;
    expect(evaluate(call, scope({ aggregates: new Map([[call, 4]]) }))).toBe(4);
    expect(queryError(() => evaluate(call, scope())).message).toBe(
      'Aggregates are not allowed here.',
    );
  });
});
