import { Script } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transpileQueries } from '../../../src/runtime/compile/sql-transpiler.ts';
import { TABLE } from './sql-transpiler-table.ts';

const lines = (...parts: string[]) => parts.join('\n');
const code = (source: string, consistency: '' | 'none' | 'request' = '') =>
  transpileQueries(source, { consistency }).code;
const V8_LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

describe('transpileQueries: input/output table', () => {
  it.each(TABLE)('%s', (_what, source, expected) => {
    expect(code(source)).toBe(expected);
  });
});

describe('transpileQueries: options', () => {
  it('adds the consistency option when it is request', () => {
    expect(code('var r = SELECT 1;', 'request')).toBe(
      "var r = couchbase.n1qlQuery('SELECT 1;', {}, { 'consistency': 'request' });",
    );
  });

  it('adds the consistency option when it is none', () => {
    expect(code('var r = SELECT a FROM b WHERE x = $x;', 'none')).toBe(
      String.raw`var r = couchbase.n1qlQuery('SELECT a FROM b WHERE x \u003D $x;', {'$x':x}, { 'consistency': 'none' });`,
    );
  });

  it('passes each candidate text to isStatement, and keeps only what it accepts', () => {
    const seen: string[] = [];
    const source = 'var select = 1; SELECT a /* c */ FROM b; select (x);';
    const result = transpileQueries(source, {
      consistency: '',
      isStatement: (text) => {
        seen.push(text);
        return text !== 'SELECT a  FROM b;';
      },
    });
    expect(seen).toEqual(['select = 1;', 'SELECT a  FROM b;', 'select (x);']);
    expect(result.code).toBe(
      "var couchbase.n1qlQuery('select \\u003D 1;', {}); SELECT a /* c */ FROM b; couchbase.n1qlQuery('select (x);', {});",
    );
  });
});

describe('transpileQueries: statements', () => {
  const source = lines(
    'function OnUpdate(doc, meta) {',
    '  var id = meta.id;',
    '  var rows = SELECT name // the name',
    '    FROM `travel-sample`.inventory.airline WHERE id = $id;',
    '  if (doc.gone) { DELETE FROM default:shop.sales.orders WHERE k = $id; }',
    '  UPSERT INTO audit VALUES ($id, $doc);',
    '}',
  );

  it('lists each statement with its position, query text, parameters and DML target', () => {
    expect(transpileQueries(source, { consistency: '' }).statements).toEqual([
      {
        line: 3,
        column: 14,
        text: 'SELECT name \nFROM `travel-sample`.inventory.airline WHERE id = $id;',
        namedParameters: ['id'],
        dml: undefined,
      },
      {
        line: 5,
        column: 19,
        text: 'DELETE FROM default:shop.sales.orders WHERE k = $id;',
        namedParameters: ['id'],
        dml: { kind: 'delete', keyspace: 'shop.sales.orders' },
      },
      {
        line: 6,
        column: 3,
        text: 'UPSERT INTO audit VALUES ($id, $doc);',
        namedParameters: ['doc', 'id'],
        dml: { kind: 'upsert', keyspace: 'audit._default._default' },
      },
    ]);
  });

  it('keeps a lone \\r or U+2028 inside a statement in its query text, and the line count', () => {
    const source = 'SELECT a\rFROM b\u2028WHERE c;';
    // The SQL++ lexer takes no U+2028 as whitespace, so only a lenient predicate lets it through.
    const result = transpileQueries(source, { consistency: '', isStatement: () => true });
    expect(result.statements[0]?.text).toBe('SELECT a\rFROM b\u2028WHERE c;');
    expect(result.code).toBe(
      "couchbase.n1qlQuery('SELECT a\\u000D' +\r'FROM b\\u2028' +\u2028'WHERE c;', {});",
    );
  });

  it('returns the source as it is, and no statements, when there is no SQL++', () => {
    const plain = 'function OnUpdate(doc, meta) {\n  log(doc);\n}';
    expect(transpileQueries(plain, { consistency: 'request' })).toEqual({
      code: plain,
      statements: [],
    });
  });
});

/** Fragments of handler code that hold no statement. */
const JAVASCRIPT = [
  'var x = 1;',
  'log("a;b", \'c;d\');',
  'var select = 1;',
  'update(doc);',
  'from = 3;',
  'if (a) { b(); }',
  '// SELECT 1;\n',
  '/* UPDATE b SET x = 1;\n DELETE FROM b; */',
  'var s = "SELECT * FROM b;";',
  'for (const from of list) { total += from; }',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: handler source text
  'var t = `x;${y}`;',
  'lastupdate = meta.id;',
  'x = a\n  + b;',
];

/** Fragments that are one statement each, with the query text each becomes. */
const STATEMENTS: { source: string; text: string }[] = [
  { source: 'SELECT * FROM b WHERE id = $id;', text: 'SELECT * FROM b WHERE id = $id;' },
  {
    source: 'SELECT a, // first\n  b /* second */\nFROM t WHERE c = "x;y";',
    text: 'SELECT a, \nb \nFROM t WHERE c = "x;y";',
  },
  {
    source: 'var r = DELETE FROM b.s.c\n  WHERE k = $k;',
    text: 'DELETE FROM b.s.c\nWHERE k = $k;',
  },
  { source: 'UPDATE b SET n = n + 1 RETURNING n;', text: 'UPDATE b SET n = n + 1 RETURNING n;' },
  { source: 'var u = (SELECT 1) UNION (SELECT 2);', text: '(SELECT 1) UNION (SELECT 2);' },
  { source: 'WITH q AS (SELECT 1) SELECT q;', text: 'WITH q AS (SELECT 1) SELECT q;' },
  {
    source: String.raw`INSERT INTO b VALUES ("k'\\", {"a": [1, 2]});`,
    text: String.raw`INSERT INTO b VALUES ("k'\\", {"a": [1, 2]});`,
  },
];

type Fragment = { source: string; text?: string };

const fragment: fc.Arbitrary<Fragment> = fc.oneof(
  fc.constantFrom(...JAVASCRIPT).map((source) => ({ source })),
  fc.constantFrom(...STATEMENTS),
);

const handler = fc
  .array(fc.tuple(fragment, fc.constantFrom(' ', '\n', '\n\n', '\r\n', '\n    ')), {
    minLength: 1,
    maxLength: 10,
  })
  .map((parts) => ({
    source: parts.map(([part, separator]) => part.source + separator).join(''),
    texts: parts.flatMap(([part]) => (part.text === undefined ? [] : [part.text])),
  }));

describe('transpileQueries: property', () => {
  it('keeps the line count and every line outside a statement, and finds each statement', () => {
    fc.assert(
      fc.property(handler, ({ source, texts }) => {
        const result = transpileQueries(source, { consistency: 'request' });
        const before = source.split(V8_LINE_BREAK);
        const after = result.code.split(V8_LINE_BREAK);
        expect(after).toHaveLength(before.length);
        expect(result.statements.map((s) => s.text)).toEqual(texts);
        const inStatement = new Set(
          result.statements.flatMap((s) =>
            Array.from({ length: s.text.split('\n').length }, (_, i) => s.line + i),
          ),
        );
        before.forEach((line, i) => {
          if (!inStatement.has(i + 1)) expect(after[i]).toBe(line);
        });
      }),
    );
  });

  it('gives JavaScript that compiles', () => {
    fc.assert(
      fc.property(handler, ({ source }) => {
        const transpiled = transpileQueries(source, { consistency: '' }).code;
        expect(() => new Script(`function OnUpdate(doc, meta) {\n${transpiled}\n}`)).not.toThrow();
      }),
    );
  });
});
