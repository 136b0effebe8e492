import { describe, expect, it } from 'vitest';
import {
  parseAlias,
  parseKeyspaceRef,
  parseProjection,
  parseUseKeys,
} from '../../../src/emulator/query/clause-parser.ts';
import { TokenCursor } from '../../../src/emulator/query/token-cursor.ts';
import { queryError, show, withoutSpans } from './parse-helpers.ts';

const ref = (text: string) => {
  const { keyspace, alias } = parseKeyspaceRef(new TokenCursor(text));
  return { ...keyspace, alias };
};

describe('keyspace references', () => {
  it.each([
    ['travel', { bucket: 'travel', scope: '_default', collection: '_default', alias: 'travel' }],
    [
      'travel.inventory.airline',
      { bucket: 'travel', scope: 'inventory', collection: 'airline', alias: 'airline' },
    ],
    [
      '`travel-sample`.inventory.airline a',
      { bucket: 'travel-sample', scope: 'inventory', collection: 'airline', alias: 'a' },
    ],
    [
      'default:travel.inventory.route AS r',
      { bucket: 'travel', scope: 'inventory', collection: 'route', alias: 'r' },
    ],
    [
      '`default`:`my.bucket`',
      { bucket: 'my.bucket', scope: '_default', collection: '_default', alias: 'my.bucket' },
    ],
    ['default', { bucket: 'default', scope: '_default', collection: '_default', alias: 'default' }],
    [
      'DEFAULT:default._default.c `the c`',
      { bucket: 'default', scope: '_default', collection: 'c', alias: 'the c' },
    ],
  ])('%s', (text, expected) => {
    expect(ref(text)).toEqual(expected);
  });

  it('stops before a clause keyword instead of taking it as an alias', () => {
    const cursor = new TokenCursor('users WHERE x');
    expect(parseKeyspaceRef(cursor).alias).toBe('users');
    expect(cursor.isKeyword('WHERE')).toBe(true);
  });

  it('refuses two-part paths, which need a query context', () => {
    const error = queryError(() => ref('travel.inventory'));
    expect(error.code).toBe(12003);
    expect(error.message).toMatch(
      /^Keyspace not found in CB datastore: default:travel\.inventory /,
    );
    expect(queryError(() => ref('default:travel.inventory')).message).toMatch(
      /datastore: default:travel\.inventory /,
    );
  });

  it('refuses namespaces other than default', () => {
    expect(queryError(() => ref('system:keyspaces')).unsupported).toBe('system keyspaces');
    expect(queryError(() => ref('pool:b')).message).toBe('Namespace not found: pool');
  });

  it.each([
    ['(SELECT 1) AS t', 'subqueries in FROM'],
    ['[1, 2] AS n', 'FROM over an expression'],
    ['$docs AS d', 'FROM over an expression'],
    ['"text" AS t', 'FROM over an expression'],
  ])('refuses FROM %s as unsupported', (text, construct) => {
    expect(queryError(() => ref(text)).unsupported).toBe(construct);
  });

  it.each(['WHERE', 'a..b', 'a.b.c.d', 'a AS WHERE'])('rejects %s as a syntax error', (text) => {
    const cursor = new TokenCursor(text);
    const error = queryError(() => {
      parseKeyspaceRef(cursor);
      if (cursor.peek().kind !== 'end') throw cursor.fail();
    });
    expect(error.code).toBe(3000);
  });
});

describe('aliases and USE KEYS', () => {
  it('reads AS name, a bare name, or nothing', () => {
    expect(parseAlias(new TokenCursor('AS a'))).toBe('a');
    expect(parseAlias(new TokenCursor('`my alias`'))).toBe('my alias');
    expect(parseAlias(new TokenCursor('WHERE'))).toBeUndefined();
  });

  it('reads USE KEYS and USE PRIMARY KEYS', () => {
    expect(show(parseUseKeys(new TokenCursor('USE KEYS ["a", $b]'))!)).toBe('["a", $b]');
    expect(show(parseUseKeys(new TokenCursor('USE PRIMARY KEYS "k"'))!)).toBe('"k"');
    expect(parseUseKeys(new TokenCursor('WHERE x'))).toBeUndefined();
  });

  it('refuses index and join hints', () => {
    expect(queryError(() => parseUseKeys(new TokenCursor('USE INDEX (i)'))).unsupported).toBe(
      'USE INDEX',
    );
    expect(queryError(() => parseUseKeys(new TokenCursor('USE HASH(build)'))).unsupported).toBe(
      'join hints (USE NL/HASH)',
    );
  });
});

describe('projections', () => {
  it('reads RAW, VALUE and ELEMENT as one form', () => {
    for (const word of ['RAW', 'VALUE', 'ELEMENT']) {
      const projection = parseProjection(new TokenCursor(`${word} a.name`));
      expect(projection.kind === 'raw' && show(projection.expression)).toBe('a.name');
    }
  });

  it('reads stars, path stars and aliased terms', () => {
    const projection = parseProjection(new TokenCursor('*, a.*, a.b.*, name, x + 1 AS y, z `w`'));
    expect(withoutSpans(projection)).toMatchObject({
      kind: 'terms',
      terms: [
        { kind: 'star' },
        { kind: 'path-star', expression: { kind: 'identifier', name: 'a' } },
        { kind: 'path-star', expression: { kind: 'field', name: 'b' } },
        { kind: 'term', expression: { kind: 'identifier', name: 'name' } },
        { kind: 'term', as: 'y' },
        { kind: 'term', as: 'w' },
      ],
    });
  });
});
