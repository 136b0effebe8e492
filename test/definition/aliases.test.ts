import { describe, expect, it } from 'vitest';
import { findDuplicateAliases, readAlias } from '../../src/definition/aliases.ts';
import type { Problem } from '../../src/errors.ts';

function check(alias: unknown) {
  const problems: Problem[] = [];
  const result = readAlias({ alias }, 'alias', 'depcfg.buckets[0]', problems);
  return { result, problems };
}

const IDENTIFIER = 'must be a valid JavaScript identifier of 1 to 64 characters';

describe('readAlias', () => {
  it.each(['dst', '$x', '_x', 'a1', 'A_$9', 'x'.repeat(64)])('accepts %s', (alias) => {
    expect(check(alias)).toEqual({ result: alias, problems: [] });
  });

  it.each([
    [undefined, 'is required'],
    [7, 'must be a string'],
    ['', IDENTIFIER],
    ['1x', IDENTIFIER],
    ['a-b', IDENTIFIER],
    ['a.b', IDENTIFIER],
    ['x'.repeat(65), IDENTIFIER],
    ['yield', 'must not be a JavaScript reserved word'],
    ['null', 'must not be a JavaScript reserved word'],
    ['select', 'must not be a N1QL reserved word'],
    ['Select', 'must not be a N1QL reserved word'],
  ])('rejects %j: %s', (alias, message) => {
    expect(check(alias)).toEqual({
      result: undefined,
      problems: [{ path: 'depcfg.buckets[0].alias', message }],
    });
  });

  it('keeps case-sensitive JavaScript words apart from reserved ones', () => {
    expect(check('Yield').problems).toEqual([]);
  });
});

describe('findDuplicateAliases', () => {
  it('reports every later use, naming the first', () => {
    const problems: Problem[] = [];
    findDuplicateAliases(
      [
        { alias: 'x', path: 'depcfg.buckets[0].alias' },
        { alias: 'y', path: 'depcfg.curl[0].value' },
        { alias: 'x', path: 'depcfg.curl[1].value' },
        { alias: 'x', path: 'depcfg.constants[0].value' },
      ],
      problems,
    );
    expect(problems).toEqual([
      {
        path: 'depcfg.curl[1].value',
        message: 'duplicate alias "x" (also used at depcfg.buckets[0].alias)',
      },
      {
        path: 'depcfg.constants[0].value',
        message: 'duplicate alias "x" (also used at depcfg.buckets[0].alias)',
      },
    ]);
  });

  it('treats aliases differing in case as different', () => {
    const problems: Problem[] = [];
    findDuplicateAliases(
      [
        { alias: 'x', path: 'a' },
        { alias: 'X', path: 'b' },
      ],
      problems,
    );
    expect(problems).toEqual([]);
  });
});
