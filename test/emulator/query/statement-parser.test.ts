import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../../src/emulator/query/statement-parser.ts';
import { queryError, show, withoutSpans } from './parse-helpers.ts';

describe('SELECT statements', () => {
  it('parse every clause', () => {
    const statement = parseStatement(
      `SELECT DISTINCT a.country, COUNT(*) AS n FROM travel.inventory.airline a USE KEYS $keys
       WHERE a.fleet > 1 GROUP BY a.country HAVING COUNT(*) > 1
       ORDER BY n DESC, a.country ASC LIMIT 10 OFFSET 5;`,
    );
    if (statement.kind !== 'select') throw new Error('expected a SELECT');
    expect(statement.distinct).toBe(true);
    expect(statement.from).toMatchObject({ alias: 'a', keyspace: { collection: 'airline' } });
    expect(show(statement.useKeys!)).toBe('$keys');
    expect(show(statement.where!)).toBe('(> a.fleet 1)');
    expect(statement.groupBy.map(show)).toEqual(['a.country']);
    expect(show(statement.having!)).toBe('(> count(*) 1)');
    expect(statement.orderBy.map((t) => [show(t.expression), t.descending])).toEqual([
      ['n', true],
      ['a.country', false],
    ]);
    expect([show(statement.limit!), show(statement.offset!)]).toEqual(['10', '5']);
  });

  it('takes OFFSET before LIMIT, SELECT ALL, and no FROM at all', () => {
    const statement = parseStatement('SELECT ALL 1 OFFSET 2 LIMIT 3');
    expect(statement).toMatchObject({ from: undefined, where: undefined });
    expect(withoutSpans(statement)).toMatchObject({
      kind: 'select',
      distinct: false,
      groupBy: [],
      offset: { value: 2 },
      limit: { value: 3 },
    });
  });

  it('only reads HAVING after GROUP BY', () => {
    expect(queryError(() => parseStatement('SELECT 1 FROM b HAVING x')).code).toBe(3000);
  });
});

describe('DML statements', () => {
  it('parse INSERT with and without the (KEY, VALUE) header, VALUES repeated, RETURNING', () => {
    const statement = parseStatement(
      'INSERT INTO b AS x (KEY, VALUE) VALUES ("k1", {"a": 1}), VALUES ("k2", 2), ($k, $v) RETURNING RAW META(x).id',
    );
    if (statement.kind !== 'insert') throw new Error('expected an INSERT');
    expect(statement.target.alias).toBe('x');
    expect(statement.values.map((pair) => [show(pair.key), show(pair.value)])).toEqual([
      ['"k1"', '{"a": 1}'],
      ['"k2"', '2'],
      ['$k', '$v'],
    ]);
    expect(statement.returning).toMatchObject({ kind: 'raw' });
    expect(parseStatement('UPSERT INTO b VALUES ("k", 1)')).toMatchObject({ kind: 'upsert' });
  });

  it('parse UPDATE with USE KEYS, SET, UNSET, WHERE, LIMIT and RETURNING', () => {
    const statement = parseStatement(
      'UPDATE b u USE KEYS "k" SET u.a = 1, b[0].c = u.a + 1 UNSET d, e.f WHERE u.g LIMIT 2 RETURNING u.*',
    );
    if (statement.kind !== 'update') throw new Error('expected an UPDATE');
    expect(statement.set.map((term) => [show(term.path), show(term.value)])).toEqual([
      ['u.a', '1'],
      ['b[0].c', '(+ u.a 1)'],
    ]);
    expect(statement.unset.map(show)).toEqual(['d', 'e.f']);
    expect([show(statement.where!), show(statement.limit!)]).toEqual(['u.g', '2']);
    expect(parseStatement('UPDATE b UNSET x')).toMatchObject({ kind: 'update', set: [] });
  });

  it('parse DELETE', () => {
    const statement = parseStatement(
      'DELETE FROM b USE KEYS ["k"] WHERE x = 1 LIMIT 1 RETURNING *',
    );
    expect(withoutSpans(statement)).toMatchObject({
      kind: 'delete',
      target: { alias: 'b' },
      useKeys: { kind: 'array' },
      where: { kind: 'binary' },
      limit: { value: 1 },
      returning: { kind: 'terms' },
    });
  });
});

describe('statements outside the subset', () => {
  it.each([
    ['CREATE INDEX i ON b(x)', 'CREATE statements'],
    ['DROP INDEX b.i', 'DROP statements'],
    ['EXPLAIN SELECT 1', 'EXPLAIN'],
    ['PREPARE p FROM SELECT 1', 'PREPARE'],
    ['EXECUTE p', 'EXECUTE (prepared statements)'],
    ['WITH x AS (SELECT 1) SELECT x', 'WITH (common table expressions)'],
    ['FROM b SELECT x', 'FROM-first SELECT'],
    ['BEGIN WORK', 'transactions'],
    ['INFER b', 'INFER'],
    ['(SELECT 1)', 'parenthesised SELECT statements'],
    ['UPDATE STATISTICS FOR b(x)', 'UPDATE STATISTICS'],
    ['SELECT * FROM a, b', 'more than one FROM term'],
    ['SELECT * FROM a INNER JOIN b ON a.x = b.y', 'JOIN'],
    ['SELECT * FROM a LEFT OUTER JOIN b ON a.x = b.y', 'JOIN'],
    ['SELECT * FROM a NEST b ON a.x = b.y', 'NEST'],
    ['SELECT * FROM a ON KEYS a.x', 'JOIN'],
    ['SELECT x FROM a GROUP BY x LETTING y = 1', 'LETTING'],
    ['SELECT x FROM a WINDOW w AS ()', 'WINDOW clauses'],
    ['SELECT * EXCLUDE x FROM a', 'SELECT ... EXCLUDE'],
    ['SELECT 1 INTERSECT SELECT 1', 'INTERSECT'],
    ['SELECT 1 EXCEPT SELECT 1', 'EXCEPT'],
    ['SELECT x FROM a ORDER BY x NULLS LAST', 'NULLS FIRST / NULLS LAST'],
    ['UPSERT INTO b SELECT 1', 'UPSERT ... SELECT'],
    ['UPDATE b SET x = 1 FOR y IN ys END', 'SET / UNSET ... FOR (array updates)'],
    ['UPDATE b UNSET x FOR y IN ys END', 'SET / UNSET ... FOR (array updates)'],
  ])('%s is refused as %s', (text, construct) => {
    const error = queryError(() => parseStatement(text));
    expect(error.code).toBe(1020);
    expect(error.unsupported).toBe(construct);
  });

  it.each([
    '',
    ';',
    'SELECT',
    'SELECT 1;;',
    'UPDATE b WHERE x = 1',
    'DELETE b',
    'INSERT INTO b',
    'hello',
  ])('%j is a syntax error', (text) => {
    expect(queryError(() => parseStatement(text)).code).toBe(3000);
  });
});
