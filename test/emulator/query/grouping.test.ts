import { describe, expect, it } from 'vitest';
import type { Scope } from '../../../src/emulator/query/expressions.ts';
import {
  checkGrouped,
  expressionKey,
  type GroupedContext,
  groupRows,
} from '../../../src/emulator/query/grouping.ts';
import { scopeOf as scopeWith } from './memory-query-store.ts';
import { parseExpr, queryError } from './parse-helpers.ts';

const scopeOf = (document: unknown, id: string): Scope =>
  scopeWith({ alias: 'r', document, meta: { id, cas: '1', expiration: 0, flags: 0 } });

describe('expression keys', () => {
  it('ignore spacing and read a bare name as a field of the alias', () => {
    const key = (text: string) => expressionKey(parseExpr(text), 'r');
    expect(key('r.airline')).toBe(key('airline'));
    expect(key('r . airline')).toBe(key('r.airline'));
    expect(key('lower + 1')).toBe(key('r.lower+1'));
    expect(key('r.airline')).not.toBe(key('r.airport'));
    expect(key('r')).not.toBe(key('r.r'));
    expect(expressionKey(parseExpr('x'), undefined)).not.toBe(key('x'));
  });
});

describe('grouping rows', () => {
  it('buckets rows by key values in order of first appearance, MISSING with NULL', () => {
    const rows = [
      scopeOf({ a: 'x', b: 1 }, '1'),
      scopeOf({ a: 'y', b: 1 }, '2'),
      scopeOf({ a: 'x', b: 1.0 }, '3'),
      scopeOf({ b: 1 }, '4'),
      scopeOf({ a: null, b: 1 }, '5'),
    ];
    const groups = groupRows(rows, [parseExpr('a'), parseExpr('b')]);
    expect(groups.map((group) => group.map((scope) => scope.row?.meta?.id))).toEqual([
      ['1', '3'],
      ['2'],
      ['4', '5'],
    ]);
  });
});

describe('what grouped expressions may use', () => {
  const context: GroupedContext = {
    groupKeys: new Set([
      expressionKey(parseExpr('r.airline'), 'r'),
      expressionKey(parseExpr('META().id'), 'r'),
    ]),
    alias: 'r',
    resultNames: new Set(['total']),
    source: '',
  };
  const check = (text: string) => () => checkGrouped(parseExpr(text), { ...context, source: text });

  it.each([
    'r.airline',
    'airline',
    'airline.code',
    'COUNT(*) + SUM(r.distance)',
    '[airline, $p, 1]',
    'META().id',
    'total',
  ])('allows %s', (text) => {
    expect(check(text)).not.toThrow();
  });

  it.each(['r.distance', 'r', 'distance + COUNT(*)', 'META().cas', 'META()'])(
    'refuses %s',
    (text) => {
      const error = queryError(check(text));
      expect(error.code).toBe(4210);
      expect(error.message).toBe(
        `Expression (${text}) must depend only on group keys or aggregates.`,
      );
    },
  );
});
