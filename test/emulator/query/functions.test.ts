import { describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/emulator/query/query-error.ts';
import { runQuery } from '../../../src/emulator/query/run-query.ts';
import { createMemoryQueryStore, TEST_CLOCK } from './memory-query-store.ts';

// The SQL++ function library, one expression at a time (the Query docs' function pages give
// these semantics). TEST_CLOCK reads 2026-01-01T00:00:00Z.

const value = (expression: string) => {
  const rows = [
    ...runQuery(
      { statement: `SELECT RAW ${expression}` },
      createMemoryQueryStore(),
      TEST_CLOCK,
      'UTC',
    ).rows,
  ];
  return rows.length === 0 ? 'MISSING' : rows[0];
};

type Cases = Array<[expression: string, expected: unknown]>;

const table = (cases: Cases) =>
  it.each(cases)('%s', (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });

describe('string functions', () => {
  table([
    ["UPPER('ada') || LOWER('LOVELACE')", 'ADAlovelace'],
    ["LENGTH('hello')", 5],
    ["CONCAT('a', 'b', 'c')", 'abc'],
    ["CONCAT('a', 1)", null],
    ["CONTAINS('couchbase', 'base')", true],
    ["SUBSTR('hello', 1, 3)", 'ell'],
    ["SUBSTR('hello', -3)", 'llo'],
    ["SUBSTR1('hello', 1, 2)", 'he'],
    ["SUBSTR('hello', 9)", null],
    ["POSITION('abc', 'c')", 2],
    ["POSITION1('abc', 'z')", 0],
    ["TRIM('  x  ')", 'x'],
    ["LTRIM('xxy', 'x')", 'y'],
    ["RTRIM('yxx', 'x')", 'y'],
    ["REPLACE('aaa', 'a', 'b')", 'bbb'],
    ["REPLACE('aaa', 'a', 'b', 2)", 'bba'],
    ["REPEAT('ab', 3)", 'ababab'],
    ["REVERSE('abc')", 'cba'],
    ["SPLIT('a b  c')", ['a', 'b', 'c']],
    ["SPLIT('a,b', ',')", ['a', 'b']],
    ["INITCAP('the old man')", 'The Old Man'],
    ["LPAD('7', 3, '0')", '007'],
    ["REGEXP_CONTAINS('order-42', '[0-9]+')", true],
    ["REGEXP_LIKE('order-42', '[0-9]+')", false],
    ["REGEXP_REPLACE('a1b22', '[0-9]+', '#')", 'a#b#'],
    ['UPPER(MISSING)', 'MISSING'],
    ['UPPER(NULL)', null],
    ['UPPER(1)', null],
  ]);
});

describe('number functions', () => {
  table([
    ['ABS(-2)', 2],
    ['CEIL(1.2) + FLOOR(1.8)', 3],
    ['ROUND(2.5)', 2],
    ['ROUND(3.5)', 4],
    ['ROUND(3.14159, 2)', 3.14],
    ['TRUNC(3.789, 1)', 3.7],
    ['POWER(2, 10)', 1024],
    ['SQRT(16)', 4],
    ['SIGN(-3)', -1],
    ['IDIV(7, 2)', 3],
    ['IMOD(7, 2)', 1],
    ['GREATEST(1, NULL, 5, 3)', 5],
    ['LEAST(4, MISSING, 2)', 2],
    ['SQRT(-1)', null],
    ["ABS('1')", null],
  ]);
});

describe('date functions, on the emulator clock', () => {
  table([
    ['NOW_MILLIS()', Date.parse('2026-01-01T00:00:00Z')],
    ['NOW_STR()', '2026-01-01T00:00:00Z'],
    ["NOW_STR('2006-01-02')", '2026-01-01'],
    ['CLOCK_MILLIS()', Date.parse('2026-01-01T00:00:00Z')],
    ["STR_TO_MILLIS('2026-01-01T10:00:00.5+02:00')", Date.parse('2026-01-01T08:00:00.500Z')],
    ["STR_TO_MILLIS('2026-01-01')", Date.parse('2026-01-01T00:00:00Z')],
    ["STR_TO_MILLIS('not a date')", null],
    ['MILLIS_TO_STR(0)', '1970-01-01T00:00:00Z'],
    ['MILLIS_TO_STR(1500)', '1970-01-01T00:00:01.5Z'],
    ["MILLIS_TO_STR(0, '2006-01-02 15:04')", '1970-01-01 00:00'],
    ["MILLIS_TO_STR(0, '%Y/%m/%d %H:%M:%S')", '1970/01/01 00:00:00'],
    ["MILLIS_TO_STR(0, '1111-11-11')", '1970-01-01'],
    ['MILLIS_TO_UTC(0)', '1970-01-01T00:00:00Z'],
    ["MILLIS_TO_TZ(0, 'America/New_York')", '1969-12-31T19:00:00-05:00'],
    ["MILLIS_TO_TZ(0, 'Nowhere/Special')", null],
    ["STR_TO_UTC('2026-01-01T02:00:00+02:00')", '2026-01-01T00:00:00Z'],
    ["DATE_ADD_MILLIS(0, 2, 'day')", 2 * 86_400_000],
    ["DATE_ADD_STR('2026-01-31', 1, 'month')", '2026-03-03'],
    ["DATE_ADD_STR('2026-01-01T10:00:00Z', -3, 'hour')", '2026-01-01T07:00:00Z'],
    ["DATE_ADD_STR('2026-01-01', 1, 'fortnight')", null],
    ["DATE_DIFF_STR('2026-03-01', '2026-01-15', 'day')", 45],
    ["DATE_DIFF_STR('2026-01-15', '2026-03-01', 'month')", -2],
    ["DATE_DIFF_MILLIS(3600000 * 25, 0, 'hour')", 25],
    ["DATE_DIFF_ABS_STR('2026-01-01', '2027-06-01', 'year')", 1],
    ["DATE_PART_STR('2026-07-04T10:11:12Z', 'hour')", 10],
    ["DATE_PART_STR('2026-07-04T10:11:12Z', 'iso_week')", 27],
    ["DATE_PART_MILLIS(0, 'year')", 1970],
    ["DATE_TRUNC_STR('2026-07-04T10:11:12Z', 'month')", '2026-07-01T00:00:00Z'],
    ["DATE_TRUNC_MILLIS(90061000, 'day')", 86_400_000],
    ["DATE_FORMAT_STR('2026-01-02T03:04:05Z', '%D')", '2026-01-02'],
    ['WEEKDAY_MILLIS(0)', 'Thursday'],
    ["WEEKDAY_STR('2026-01-01')", 'Thursday'],
  ]);
});

describe('array functions', () => {
  table([
    ['ARRAY_APPEND([1], 2, 3)', [1, 2, 3]],
    ['ARRAY_PREPEND(0, [1])', [0, 1]],
    ['ARRAY_CONCAT([1], [2, 3])', [1, 2, 3]],
    ["ARRAY_CONTAINS(['a', 'b'], 'b')", true],
    ['ARRAY_LENGTH([1, 2, 3])', 3],
    ['ARRAY_COUNT([1, NULL, 2])', 2],
    ['ARRAY_DISTINCT([1, 1, 2])', [1, 2]],
    ['ARRAY_FLATTEN([1, [2, [3]]], 1)', [1, 2, [3]]],
    ['ARRAY_INSERT([1, 3], 1, 2)', [1, 2, 3]],
    ['ARRAY_POSITION([1, 2], 2)', 1],
    ['ARRAY_PUT([1, 2], 2, 3)', [1, 2, 3]],
    ['ARRAY_REMOVE([1, 2, 1], 1)', [2]],
    ['ARRAY_REPLACE([1, 2, 1], 1, 9)', [9, 2, 9]],
    ['ARRAY_REVERSE([1, 2])', [2, 1]],
    ["ARRAY_SORT([3, 'a', 1, NULL])", [null, 1, 3, 'a']],
    ['ARRAY_SUM([1, 2, 3])', 6],
    ['ARRAY_AVG([1, 2, 3])', 2],
    ['ARRAY_MAX([1, 3, 2])', 3],
    ['ARRAY_MIN([1, 3, 2])', 1],
    ['ARRAY_RANGE(0, 5, 2)', [0, 2, 4]],
    ["ARRAY_REPEAT('x', 2)", ['x', 'x']],
    ['ARRAY_UNION([1, 2], [2, 3])', [1, 2, 3]],
    ['ARRAY_INTERSECT([1, 2], [2, 3])', [2]],
    ['ARRAY_IFNULL([NULL, 4])', 4],
    ['ARRAY_LENGTH(1)', null],
  ]);
});

describe('object functions', () => {
  table([
    ["OBJECT_NAMES({'b': 1, 'a': 2})", ['a', 'b']],
    ["OBJECT_VALUES({'b': 1, 'a': 2})", [2, 1]],
    ["OBJECT_PAIRS({'a': 1})", [{ name: 'a', val: 1 }]],
    ["OBJECT_LENGTH({'a': 1, 'b': 2})", 2],
    ["OBJECT_PUT({'a': 1}, 'a', 2)", { a: 2 }],
    ["OBJECT_ADD({'a': 1}, 'a', 2)", { a: 1 }],
    ["OBJECT_REMOVE({'a': 1, 'b': 2}, 'a')", { b: 2 }],
    ["OBJECT_RENAME({'a': 1}, 'a', 'z')", { z: 1 }],
    ["OBJECT_CONCAT({'a': 1}, {'b': 2})", { a: 1, b: 2 }],
    ["OBJECT_UNWRAP({'only': 7})", 7],
  ]);
});

describe('conditional functions for unknowns', () => {
  table([
    ['IFMISSING(MISSING, NULL, 1)', null],
    ['IFMISSINGORNULL(MISSING, NULL, 1)', 1],
    ['COALESCE(NULL, 2)', 2],
    ['IFNULL(NULL, MISSING, 3)', 'MISSING'],
    ['NVL(NULL, 5)', 5],
    ["NVL2('x', 'set', 'unset')", 'set'],
    ['NULLIF(1, 1)', null],
    ['NULLIF(1, 2)', 1],
    ['MISSINGIF(1, 1)', 'MISSING'],
    ["CASE WHEN 1 > 2 THEN 'x' WHEN 2 > 1 THEN 'y' END", 'y'],
    ["CASE 3 WHEN 1 THEN 'one' WHEN 3 THEN 'three' ELSE 'many' END", 'three'],
    ["CASE WHEN FALSE THEN 'x' END", null],
  ]);
});

describe('type checks and conversions', () => {
  table([
    ['IS_ARRAY([1])', true],
    ["IS_STRING('s') AND ISNUM(1) AND IS_OBJECT({}) AND IS_BOOLEAN(TRUE)", true],
    ['IS_NUMBER(MISSING)', 'MISSING'],
    ['IS_NUMBER(NULL)', null],
    [
      "[TYPE(MISSING), TYPE(NULL), TYPE(1), TYPE('s'), TYPE([]), TYPE({})]",
      ['missing', 'null', 'number', 'string', 'array', 'object'],
    ],
    ["TO_NUMBER('12.5')", 12.5],
    ["TO_NUMBER('twelve')", null],
    ['TO_NUMBER(TRUE)', 1],
    ['TO_STRING(12)', '12'],
    ['TO_STRING(TRUE)', 'true'],
    ['TO_STRING([1])', null],
    ["TO_BOOLEAN('')", false],
    ['TO_ARRAY(1)', [1]],
    ['TO_ATOM([7])', 7],
    ['TO_OBJECT(1)', {}],
    ["ENCODE_JSON({'a': [1]})", '{"a":[1]}'],
    ['DECODE_JSON(\'{"a": 1}\')', { a: 1 }],
    ["POLY_LENGTH('abc')", 3],
  ]);

  it('gives a new random UUID each call', () => {
    const [a, b] = value('[UUID(), UUID()]') as string[];
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});

describe('calls the library does not have', () => {
  it('are refused with code 1020, naming the function and em.query.on', () => {
    let error: unknown;
    try {
      value('SOUNDEX(name)');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).code).toBe(1020);
    expect((error as QueryError).message).toMatch(/SOUNDEX\(\).*em\.query\.on/);
  });

  it('with the wrong number of arguments are a syntax error, as the parser reports it', () => {
    expect(() => value("REPLACE('ab', 'a')")).toThrow(
      'Number of arguments to function replace must be between 3 and 4 (near line 1, column 19).',
    );
  });
});
