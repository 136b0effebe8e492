import { describe, expect, it } from 'vitest';
import type { SelectStatement } from '../../../src/emulator/query/ast.ts';
import type { QueryParams } from '../../../src/emulator/query/parameters.ts';
import type { StatementContext } from '../../../src/emulator/query/query-store.ts';
import {
  executeSelect,
  filterRows,
  inputScopes,
  limitValue,
} from '../../../src/emulator/query/select.ts';
import { parseStatement } from '../../../src/emulator/query/statement-parser.ts';
import { statementContext } from './memory-query-store.ts';
import { queryError } from './parse-helpers.ts';
import { createTravelStore } from './travel-fixtures.ts';

function select(source: string, params?: QueryParams): unknown[] {
  const statement = parseStatement(source) as SelectStatement;
  return [...executeSelect(statement, context(source, params))];
}

function context(source: string, params?: QueryParams): StatementContext {
  return statementContext(createTravelStore(), source, params);
}

const ROUTES = 'travel.inventory.route';

describe('SELECT', () => {
  it('answers a statement without FROM with one row', () => {
    expect(select('SELECT 1 AS one, $p AS p', { p: [2] })).toEqual([{ one: 1, p: [2] }]);
    expect(select('SELECT RAW MISSING')).toEqual([]);
    expect(select('SELECT 1 AS one WHERE false')).toEqual([]);
  });

  it('orders by result names and by expressions not in the result', () => {
    expect(select(`SELECT r.distance AS d FROM ${ROUTES} r ORDER BY d DESC LIMIT 2`)).toEqual([
      { d: 5834 },
      { d: 5540 },
    ]);
    expect(select(`SELECT RAW r.airline FROM ${ROUTES} r ORDER BY r.distance`)).toEqual([
      'AF',
      'WN',
      'BA',
      'AF',
    ]);
  });

  it('keeps the scan order among equal sort keys', () => {
    expect(select(`SELECT RAW META().id FROM ${ROUTES} ORDER BY stops`)).toEqual([
      'route_1',
      'route_2',
      'route_3',
      'route_4',
    ]);
  });

  it('removes duplicate rows whatever their field order, before LIMIT', () => {
    expect(select(`SELECT DISTINCT stops FROM ${ROUTES} ORDER BY stops LIMIT 5`)).toEqual([
      { stops: 0 },
      { stops: 1 },
    ]);
  });

  it('applies OFFSET past the end and LIMIT 0', () => {
    expect(select(`SELECT RAW 1 FROM ${ROUTES} OFFSET 10`)).toEqual([]);
    expect(select(`SELECT RAW 1 FROM ${ROUTES} LIMIT 0`)).toEqual([]);
  });

  it('aggregates over all rows without GROUP BY, even none', () => {
    expect(
      select(`SELECT COUNT(*) AS n, MAX(distance) AS far FROM ${ROUTES} WHERE stops > 5`),
    ).toEqual([{ n: 0, far: null }]);
    expect(
      select(`SELECT RAW SUM(distance) / COUNT(*) FROM ${ROUTES} WHERE airline = "AF"`),
    ).toEqual([3091]);
  });

  it('returns no groups from GROUP BY over no rows', () => {
    expect(select(`SELECT airline FROM ${ROUTES} WHERE stops > 5 GROUP BY airline`)).toEqual([]);
  });

  it('groups, filters with HAVING, and orders by aggregates and result names', () => {
    expect(
      select(
        `SELECT airline, COUNT(*) AS n FROM ${ROUTES} GROUP BY airline HAVING MIN(distance) < 1000 ORDER BY n DESC, airline`,
      ),
    ).toEqual([
      { airline: 'AF', n: 2 },
      { airline: 'WN', n: 1 },
    ]);
    expect(
      select(`SELECT RAW airline FROM ${ROUTES} GROUP BY airline ORDER BY SUM(distance) DESC`),
    ).toEqual(['AF', 'BA', 'WN']);
  });

  it('groups by META().id and by constants', () => {
    expect(
      select(`SELECT META().id AS id FROM ${ROUTES} USE KEYS "route_2" GROUP BY META().id`),
    ).toEqual([{ id: 'route_2' }]);
    expect(select(`SELECT COUNT(*) AS n FROM ${ROUTES} GROUP BY 1`)).toEqual([{ n: 4 }]);
  });

  it('refuses what a grouped statement cannot show', () => {
    expect(queryError(() => select(`SELECT * FROM ${ROUTES} GROUP BY airline`)).message).toBe(
      'Expression (*) must depend only on group keys or aggregates.',
    );
    expect(
      queryError(() => select(`SELECT airline FROM ${ROUTES} GROUP BY airline HAVING distance > 1`))
        .code,
    ).toBe(4210);
    expect(
      queryError(() => select(`SELECT airline FROM ${ROUTES} GROUP BY airline ORDER BY distance`))
        .code,
    ).toBe(4210);
    expect(queryError(() => select(`SELECT COUNT(*) FROM ${ROUTES} ORDER BY distance`)).code).toBe(
      4210,
    );
  });

  it('reads USE KEYS from parameters', () => {
    expect(
      select(`SELECT RAW airline FROM ${ROUTES} USE KEYS $keys`, { keys: ['route_3', 'route_2'] }),
    ).toEqual(['WN', 'BA']);
  });
});

describe('SELECT building blocks', () => {
  it('give one row-less scope without FROM, and the keyspace rows with it', () => {
    const ctx = context('');
    expect(inputScopes({ from: undefined, useKeys: undefined }, ctx)).toEqual([
      { row: undefined, context: ctx },
    ]);
    const statement = parseStatement(
      `SELECT 1 FROM ${ROUTES} USE KEYS "route_1"`,
    ) as SelectStatement;
    expect([...inputScopes(statement, ctx)].map((scope) => scope.row?.meta?.id)).toEqual([
      'route_1',
    ]);
  });

  it('refuse aggregates in WHERE', () => {
    const statement = parseStatement('SELECT 1 WHERE COUNT(*) > 0') as SelectStatement;
    const error = queryError(() => [...filterRows(statement.where, [])]);
    expect([error.code, error.message]).toEqual([3100, 'Aggregates are not allowed in WHERE.']);
  });

  it('accept LIMIT and OFFSET values that are whole and not negative', () => {
    const ctx = context('', { n: 2 });
    const expressionOf = (text: string) =>
      (parseStatement(`SELECT 1 LIMIT ${text}`) as SelectStatement).limit;
    expect(limitValue(expressionOf('$n'), 'LIMIT', ctx)).toBe(2);
    expect(limitValue(undefined, 'OFFSET', ctx)).toBeUndefined();
    for (const bad of ['1.5', '"3"', 'NULL', '-1']) {
      const error = queryError(() => limitValue(expressionOf(bad), 'OFFSET', ctx));
      expect(error.code).toBe(5030);
      expect(error.message).toMatch(/^Invalid OFFSET value /);
    }
  });
});
