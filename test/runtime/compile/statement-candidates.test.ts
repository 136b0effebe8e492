import { describe, expect, it } from 'vitest';
import { findCandidates } from '../../../src/runtime/compile/statement-candidates.ts';

/** The candidate texts found in `text` (already blanked: these inputs have no comments or strings). */
const found = (text: string) =>
  findCandidates(text).map(({ start, end }) => text.slice(start, end));

describe('findCandidates', () => {
  it.each([
    'alter index i on b with {};',
    'build index on b(i);',
    'create primary index on b;',
    'delete from b where x;',
    'drop index b.i;',
    'execute p;',
    'advise select 1;',
    'explain select 1;',
    'from b select x;',
    'grant r on b to u;',
    'infer b;',
    'with a as (select 1) select a;',
    'insert into b values (1, 2);',
    'merge into b using c on k when matched then delete;',
    'prepare p as select 1;',
    'rename x y;',
    'select 1;',
    'revoke r on b from u;',
    'update b set x = 1;',
    'upsert into b values (1, 2);',
  ])('finds a statement starting with its keyword: %s', (statement) => {
    expect(found(`x(); ${statement} y();`)).toEqual([statement]);
  });

  it('matches keywords in any case', () => {
    expect(found('SeLeCt 1; INSERT INTO b VALUES (1, 2);')).toEqual([
      'SeLeCt 1;',
      'INSERT INTO b VALUES (1, 2);',
    ]);
  });

  it('folds case as Go does: a long s (U+017F) is an s', () => {
    expect(found('\u017Felect 1;')).toEqual(['\u017Felect 1;']);
  });

  it('takes leading parentheses into the statement, with spaces after them', () => {
    expect(found('var r = ( (\nselect 1) );')).toEqual(['( (\nselect 1) );']);
  });

  it('runs a statement over lines up to the first ;', () => {
    expect(found('select a,\n  b\nfrom t; select c;')).toEqual([
      'select a,\n  b\nfrom t;',
      'select c;',
    ]);
  });

  it('needs any ASCII whitespace, one or more, between delete and from', () => {
    expect(found('delete\t\n from b;')).toEqual(['delete\t\n from b;']);
  });

  it('does not take delete without from (a JavaScript delete)', () => {
    expect(found('delete doc.x;')).toEqual([]);
  });

  it('takes with only as with <name> as, also with a ( straight after as', () => {
    expect(found('with (x) { y; } with a as( select 1) select a;')).toEqual([
      'with a as( select 1) select a;',
    ]);
  });

  it('lets the with name hold punctuation, as [[:punct:]] does', () => {
    expect(found('with `a-b` as (select 1) select 2;')).toEqual([
      'with `a-b` as (select 1) select 2;',
    ]);
  });

  it.each([
    ['a longer word', 'selected = 1;'],
    ['a call', 'updateCount(x);'],
    ['a call without a space', 'select(x);'],
    ['an assignment without a space', 'doc.update= 1;'],
    ['a no-break space, not [[:space:]] in Go', 'select\u00a01;'],
    ['a line without a terminating ;', 'select * from t'],
    ['a keyword, one space and a ;', 'select ;'],
  ])('finds nothing in %s', (_what, text) => {
    expect(found(text)).toEqual([]);
  });

  it('finds a statement after one space and one more character, even a space', () => {
    expect(found('select  ;')).toEqual(['select  ;']);
  });

  it('checks no word boundary on the left, as the server does', () => {
    expect(found('lastupdate = 1; myselect * from t;')).toEqual([
      'update = 1;',
      'select * from t;',
    ]);
  });

  it('goes on after the ; of each candidate, never inside one', () => {
    expect(found('from x select y; z(); select 2;')).toEqual(['from x select y;', 'select 2;']);
  });

  it('reports offsets into the text', () => {
    expect(findCandidates('var a = 1; SELECT 1;')).toEqual([{ start: 11, end: 20 }]);
  });
});
