import { describe, expect, it } from 'vitest';
import {
  computeAggregate,
  containsAggregate,
  findAggregates,
} from '../../../src/emulator/query/aggregates.ts';
import type { Aggregate } from '../../../src/emulator/query/ast.ts';
import type { Scope } from '../../../src/emulator/query/expressions.ts';
import { scopeOf } from './memory-query-store.ts';
import { parseExpr, queryError, show } from './parse-helpers.ts';

const rows: Scope[] = [{ v: 3 }, { v: 1 }, { v: 'x' }, { v: null }, {}, { v: 3 }, { v: [0] }].map(
  (document, index) =>
    scopeOf({ alias: 'd', document, meta: { id: `k${index}`, cas: '1', expiration: 0, flags: 0 } }),
);

const compute = (text: string, over: Scope[] = rows) =>
  computeAggregate(parseExpr(text) as Aggregate, over);

describe('finding aggregates', () => {
  it('collects the outermost calls in order', () => {
    expect(
      findAggregates([parseExpr('SUM(a) / COUNT(*)'), undefined, parseExpr('MAX(b) > 1')]).map(
        show,
      ),
    ).toEqual(['sum(a)', 'count(*)', 'max(b)']);
  });

  it('refuses nested aggregates', () => {
    const error = queryError(() => findAggregates([parseExpr('SUM(COUNT(*))')]));
    expect([error.code, error.message]).toEqual([3100, 'Aggregate functions cannot be nested.']);
  });

  it('tells whether an expression holds one', () => {
    expect(containsAggregate(parseExpr('1 + [MIN(x)][0]'))).toBe(true);
    expect(containsAggregate(parseExpr('1 + x'))).toBe(false);
  });
});

describe('computing aggregates', () => {
  it.each([
    ['COUNT(*)', 7],
    ['COUNT(v)', 5],
    ['COUNT(DISTINCT v)', 4],
    ['SUM(v)', 7],
    ['SUM(DISTINCT v)', 4],
    ['AVG(v)', 7 / 3],
    ['AVG(DISTINCT v)', 2],
    ['MIN(v)', 1],
    ['MAX(v)', [0]],
  ])('%s over mixed values is %j', (text, expected) => {
    expect(compute(text)).toEqual(expected);
  });

  it('gives 0 for COUNT and NULL for the others over no values', () => {
    expect(
      ['COUNT(*)', 'COUNT(v)', 'SUM(v)', 'AVG(v)', 'MIN(v)', 'MAX(v)'].map((text) =>
        compute(text, []),
      ),
    ).toEqual([0, 0, null, null, null, null]);
    expect(compute('SUM(v)', rows.slice(2, 5))).toBe(null);
  });
});
