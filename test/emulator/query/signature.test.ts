import { describe, expect, it } from 'vitest';
import { statementSignature } from '../../../src/emulator/query/signature.ts';
import { parseStatement } from '../../../src/emulator/query/statement-parser.ts';

// The signature of a statement's results, as the Query service types its projection.

const signatureOf = (statement: string) => statementSignature(parseStatement(statement));

describe('statementSignature', () => {
  it.each([
    ['SELECT name FROM b', { name: 'json' }],
    ['SELECT * FROM b', { '*': '*' }],
    ['SELECT b.* FROM b', { '*': '*' }],
    ['SELECT 1+1', { $1: 'number' }],
    ['SELECT RAW name FROM b', 'json'],
    ['SELECT RAW COUNT(*) FROM b', 'number'],
    ['SELECT META().id, META() AS m FROM b', { id: 'json', m: 'object' }],
    [
      "SELECT 'x' AS s, TRUE AS t, NULL AS n, [1] AS a, {'k': 1} AS o FROM b",
      { s: 'string', t: 'boolean', n: 'null', a: 'array', o: 'object' },
    ],
    [
      'SELECT a = 1 AS eq, NOT a AS neg, a || b AS cat FROM b',
      { eq: 'boolean', neg: 'boolean', cat: 'string' },
    ],
    [
      'SELECT UPPER(name) AS u, LENGTH(name) AS l, MAX(age) AS m, COUNT(*) AS c FROM b',
      { u: 'string', l: 'number', m: 'json', c: 'number' },
    ],
    [
      "SELECT CASE WHEN a THEN 'x' ELSE 'y' END AS c1, CASE WHEN a THEN 1 ELSE 'y' END AS c2 FROM b",
      { c1: 'string', c2: 'json' },
    ],
    ['SELECT name, *, age FROM b', { name: 'json', '*': '*', age: 'json' }],
  ])('%s', (statement, expected) => {
    expect(signatureOf(statement)).toEqual(expected);
  });

  it('keeps the order of the result terms', () => {
    expect(Object.keys(signatureOf('SELECT z, a, m FROM b') as object)).toEqual(['z', 'a', 'm']);
  });

  it('has none for DML without RETURNING, and the projection of RETURNING', () => {
    expect(signatureOf('DELETE FROM b WHERE a = 1')).toBeUndefined();
    expect(signatureOf("UPSERT INTO b (KEY, VALUE) VALUES ('k', {})")).toBeUndefined();
    expect(signatureOf('DELETE FROM b WHERE a = 1 RETURNING META().id')).toEqual({ id: 'json' });
    expect(signatureOf('UPDATE b SET a = 1 RETURNING RAW a')).toBe('json');
  });
});
