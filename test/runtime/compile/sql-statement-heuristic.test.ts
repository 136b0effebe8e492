import { describe, expect, it } from 'vitest';
import { looksLikeSqlStatement } from '../../../src/runtime/compile/sql-statement-heuristic.ts';

describe('looksLikeSqlStatement accepts SQL++', () => {
  it.each([
    'SELECT * FROM `travel-sample`.inventory.airline WHERE id = $id;',
    'select raw name from b where type = "airline" limit 1;',
    'SELECT COUNT(*) AS n, a[0], b.c FROM t WHERE d != 1 AND e <> 2 OR f >= 3;',
    'SELECT -1;',
    'SELECT (1 + 2) AS x;',
    'SELECT "a" || "b", {"k": [1, 2]} AS o;',
    'SELECT x FROM b LET y = 1 WHERE x IN $list;',
    '(SELECT 1) UNION (SELECT 2);',
    'INSERT INTO b (KEY, VALUE) VALUES ($k, {"a": 1}) RETURNING *;',
    'UPSERT INTO b VALUES ("k", $doc);',
    'DELETE FROM b USE KEYS $id;',
    'DELETE FROM `b` WHERE a = 1;',
    'UPDATE b USE KEYS $id SET a = 1 RETURNING b.*;',
    'UPDATE b UNSET a;',
    'MERGE INTO b AS t USING s ON KEY s.id WHEN MATCHED THEN UPDATE SET t.x = s.x;',
    'FROM b AS x WHERE x.a = 1 SELECT x;',
    'WITH x AS (SELECT 1) SELECT x;',
    'CREATE PRIMARY INDEX ON b;',
    'CREATE OR REPLACE FUNCTION f(x) { x + 1 };',
    'EXECUTE FUNCTION f($x);',
    'DROP FUNCTION f;',
    'DROP INDEX ix ON b;',
    'BUILD INDEX ON b(ix);',
    'GRANT query_select ON b TO u;',
    'INFER b;',
    'EXPLAIN SELECT 1;',
    'ADVISE SELECT * FROM b WHERE a = 1;',
    'PREPARE p FROM SELECT 1;',
    'SELECT 1 -- a comment; with a semicolon',
    'SELECT 1 /* var x = a && b; */;',
    'SELECT 1',
  ])('%s', (text) => {
    expect(looksLikeSqlStatement(text)).toBe(true);
  });
});

describe('looksLikeSqlStatement rejects JavaScript and broken SQL++', () => {
  it.each([
    // 1. it must lex
    ['an unterminated string', 'SELECT "a;'],
    ['a hexadecimal number', 'select x = 0x1f;'],
    // 2. JavaScript-only symbols
    ['&&', 'select x && y;'],
    ['+=', 'select x += 1;'],
    ['?.', 'select a?.b;'],
    ['=>', 'select f(x => x);'],
    ['a lone !', 'select !x;'],
    ['a ; before the last token', 'SELECT 1; SELECT 2;'],
    // 3. balance
    ['an unmatched )', 'select a) { b(a);'],
    ['an unclosed {', 'select (a) { return a;'],
    ['crossed brackets', 'select f(a];'],
    // 4. JavaScript words
    ['return after an ASI line break', 'select\n  x\nreturn y;'],
    ['var', 'select a\nvar b;'],
    ['function outside CREATE/EXECUTE/DROP', 'select function () {};'],
    // 5. what follows the keyword
    ['an assignment', 'from = 3;'],
    ['a member access', 'select .x;'],
    ['a ternary', 'select ? a : b;'],
    ['in', 'select in obj;'],
    ['a call with a space', 'update (doc);'],
    ['a call inside parentheses', '(create (x));'],
    ['* after another keyword than SELECT', 'drop * 2;'],
    ['nothing', 'select  ;'],
    // 6. words the keyword needs
    ['INSERT without INTO', 'insert x;'],
    ['UPSERT without INTO', 'upsert doc;'],
    ['MERGE without INTO', 'merge x;'],
    ['DELETE FROM without a keyspace', 'delete from [key];'],
    ['UPDATE without SET or UNSET', 'update x;'],
    ['FROM without SELECT', 'from x;'],
    ['WITH without SELECT', 'with x as y;'],
    // 7. a bare subquery
    ['SELECT straight after FROM', 'select * from select * from beers;'],
    ['SELECT straight after FROM, two words after PREPARE', 'prepare p q from select 1;'],
    // anything else
    ['an unknown first word', 'foo bar;'],
    ['a non-ASCII character outside literals', 'select é;'],
  ])('%s', (_what, text) => {
    expect(looksLikeSqlStatement(text)).toBe(false);
  });
});
