/**
 * Input/output pairs for the inline SQL++ transpiler (spec runtime.md §7.1), written by hand
 * for eventing-dev; `sql-transpiler.test.ts` runs them with consistency ''.
 */

const lines = (...parts: string[]) => parts.join('\n');

/** [what, appcode, transpiled code], consistency ''. Outputs are written out by hand. */
export const TABLE: [string, string, string][] = [
  [
    'a single-line SELECT with a named parameter',
    'var r = SELECT * FROM b WHERE id = $id;',
    String.raw`var r = couchbase.n1qlQuery('SELECT * FROM b WHERE id \u003D $id;', {'$id':id});`,
  ],
  [
    'named parameters sorted and de-duplicated',
    'var r = SELECT a FROM b WHERE z = $zeta AND a = $alpha OR y = $zeta;',
    String.raw`var r = couchbase.n1qlQuery('SELECT a FROM b WHERE z \u003D $zeta AND a \u003D $alpha OR y \u003D $zeta;', {'$alpha':alpha, '$zeta':zeta});`,
  ],
  [
    'a positional parameter left unbound',
    'var r = SELECT a FROM b WHERE x = $1 AND y = $two;',
    String.raw`var r = couchbase.n1qlQuery('SELECT a FROM b WHERE x \u003D $1 AND y \u003D $two;', {'$two':two});`,
  ],
  [
    'an @name parameter, bound as $name',
    'var r = SELECT a FROM b WHERE x = @who;',
    String.raw`var r = couchbase.n1qlQuery('SELECT a FROM b WHERE x \u003D @who;', {'$who':who});`,
  ],
  [
    '$notAParam inside a string literal and a backtick identifier',
    'var r = SELECT "$notAParam", `$alsoNot` FROM b WHERE x = $yes;',
    String.raw`var r = couchbase.n1qlQuery('SELECT \"$notAParam\", ` +
      '`$alsoNot`' +
      String.raw` FROM b WHERE x \u003D $yes;', {'$yes':yes});`,
  ],
  [
    'a $name inside a SQL++ -- comment left unbound',
    lines('var r = SELECT a -- not $skip', '  FROM b WHERE x = $take;'),
    lines(
      String.raw`var r = couchbase.n1qlQuery('SELECT a -- not $skip\n' +`,
      String.raw`  'FROM b WHERE x \u003D $take;', {'$take':take});`,
    ),
  ],
  [
    'quotes and backslashes in SQL++ string literals',
    String.raw`var r = SELECT 'it''s', "a\"b", 'c\\d' FROM b;`,
    String.raw`var r = couchbase.n1qlQuery('SELECT \'it\'\'s\', \"a\\\"b\", \'c\\\\d\' FROM b;', {});`,
  ],
  [
    'a ; and // inside a SQL++ string literal',
    'var r = SELECT "a;b // c" FROM b;',
    String.raw`var r = couchbase.n1qlQuery('SELECT \"a;b // c\" FROM b;', {});`,
  ],
  [
    '<, > and & escaped as the server escapes them',
    'var r = SELECT a FROM b WHERE a < 1 AND c >= 2 AND d = "x&y";',
    String.raw`var r = couchbase.n1qlQuery('SELECT a FROM b WHERE a \u003C 1 AND c \u003E\u003D 2 AND d \u003D \"x\u0026y\";', {});`,
  ],
  [
    'printable non-ASCII text kept, a no-break space escaped',
    'var r = SELECT "café\u00a0x" FROM b;',
    String.raw`var r = couchbase.n1qlQuery('SELECT \"café\u00A0x\" FROM b;', {});`,
  ],
  [
    'a multi-line statement with a // comment: one quoted piece per line',
    lines('var r = SELECT name   // the name', '    FROM b', '    WHERE type = "airline";'),
    lines(
      String.raw`var r = couchbase.n1qlQuery('SELECT name   \n' +`,
      String.raw`    'FROM b\n' +`,
      String.raw`    'WHERE type \u003D \"airline\";', {});`,
    ),
  ],
  [
    'a block comment spanning lines, removed without losing a line',
    lines('var r = SELECT a, /* first', '   still comment */ b', 'FROM t;'),
    lines(
      String.raw`var r = couchbase.n1qlQuery('SELECT a, \n' +`,
      String.raw`   ' b\n' +`,
      "'FROM t;', {});",
    ),
  ],
  [
    'trailing spaces and a blank line inside a statement, kept outside the quotes',
    lines('SELECT a  ', '', '  FROM t;'),
    lines(
      String.raw`couchbase.n1qlQuery('SELECT a\n'   +`,
      String.raw`'\n' +`,
      "  'FROM t;', {});",
    ),
  ],
  [
    'a statement inside an if block',
    lines('if (doc.type === "a") {', '  DELETE FROM b WHERE id = $id;', '}'),
    lines(
      'if (doc.type === "a") {',
      String.raw`  couchbase.n1qlQuery('DELETE FROM b WHERE id \u003D $id;', {'$id':id});`,
      '}',
    ),
  ],
  [
    'a statement inside a for loop',
    'for (var i = 0; i < n; i++) { UPSERT INTO b VALUES ($k, $v); }',
    "for (var i = 0; i < n; i++) { couchbase.n1qlQuery('UPSERT INTO b VALUES ($k, $v);', {'$k':k, '$v':v}); }",
  ],
  [
    'a parenthesised SELECT, parentheses included',
    'var r = (SELECT 1 AS one);',
    "var r = couchbase.n1qlQuery('(SELECT 1 AS one);', {});",
  ],
  [
    'parentheses with spaces and a line break before the keyword',
    lines('var r = ( (', '  SELECT 1) );'),
    lines("var r = couchbase.n1qlQuery('( (\\n' +", "  'SELECT 1) );', {});"),
  ],
  [
    'WITH … AS',
    'var r = WITH top AS (SELECT 1 AS n) SELECT top;',
    "var r = couchbase.n1qlQuery('WITH top AS (SELECT 1 AS n) SELECT top;', {});",
  ],
  [
    'UPDATE with RETURNING',
    'var r = UPDATE b SET n = n + 1 WHERE id = $id RETURNING n;',
    String.raw`var r = couchbase.n1qlQuery('UPDATE b SET n \u003D n + 1 WHERE id \u003D $id RETURNING n;', {'$id':id});`,
  ],
  [
    'INSERT with an object literal and RETURNING',
    'INSERT INTO b (KEY, VALUE) VALUES ($key, {"at": $when}) RETURNING META().id;',
    String.raw`couchbase.n1qlQuery('INSERT INTO b (KEY, VALUE) VALUES ($key, {\"at\": $when}) RETURNING META().id;', {'$key':key, '$when':when});`,
  ],
  [
    'lower-case delete from across a line break',
    lines('delete', '  from b where x = 1;'),
    lines("couchbase.n1qlQuery('delete\\n' +", String.raw`  'from b where x \u003D 1;', {});`),
  ],
  [
    'code after a statement on its line, shifted by the wrapper',
    'var r = SELECT 1; log(r);',
    "var r = couchbase.n1qlQuery('SELECT 1;', {}); log(r);",
  ],
  [
    'two statements on one line',
    'SELECT 1; SELECT 2;',
    "couchbase.n1qlQuery('SELECT 1;', {}); couchbase.n1qlQuery('SELECT 2;', {});",
  ],
  [
    'a JavaScript string holding ; before a statement',
    'log("a;b"); SELECT 1;',
    'log("a;b"); couchbase.n1qlQuery(\'SELECT 1;\', {});',
  ],
  [
    'a CRLF statement: the break goes after the +',
    'var r = SELECT a\r\n  FROM b;\r\nlog(r);',
    "var r = couchbase.n1qlQuery('SELECT a\\n' +\r\n  'FROM b;', {});\r\nlog(r);",
  ],
  [
    'a name ending in a keyword, converted from the keyword on (as on the server)',
    'myselect * from t;',
    "mycouchbase.n1qlQuery('select * from t;', {});",
  ],
  ['JavaScript: a variable named select', 'var select = 1;', 'var select = 1;'],
  ['JavaScript: a call named update', 'update(doc);', 'update(doc);'],
  ['JavaScript: an assignment to from', 'from = 3;', 'from = 3;'],
  [
    'JavaScript: longer names and calls',
    'selected = 1; updateCount(x);',
    'selected = 1; updateCount(x);',
  ],
  ['JavaScript: a name ending in update', 'lastupdate = meta.id;', 'lastupdate = meta.id;'],
  ['JavaScript: a call with a space', 'create (doc);', 'create (doc);'],
  [
    'JavaScript: a for-of loop over from',
    'for (const from of list) { total += from; }',
    'for (const from of list) { total += from; }',
  ],
  ['a statement in a string', 'var s = "SELECT * FROM b;";', 'var s = "SELECT * FROM b;";'],
  ['a statement in a comment', '// SELECT * FROM b;', '// SELECT * FROM b;'],
  ['a statement without its ;', 'var r = SELECT 1', 'var r = SELECT 1'],
  [
    'a bare subquery the parser rejects',
    'select * from select * from b;',
    'select * from select * from b;',
  ],
];
