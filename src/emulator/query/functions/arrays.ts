import { canonicalKey, collate } from '../collation.ts';
import {
  copyValue,
  type FunctionFamily,
  isInteger,
  isNumber,
  lenient,
  sameValue,
  strict,
  typed,
} from './function-values.ts';

// Array functions (Query docs: Array Functions; couchbase/query `expression/func_array.go`).
// Values are compared as `=` compares them; results are fresh arrays.

type List = unknown[];
const isList = (value: unknown): value is List => Array.isArray(value);

function distinct(values: List): List {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = canonicalKey(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function flatten(values: List, depth: number): List {
  return values.flatMap((value) =>
    depth !== 0 && isList(value) ? flatten(value, depth - 1) : [value],
  );
}

const present = (values: List) => values.filter((v) => v !== undefined && v !== null);

function numbers(values: List): number[] | null {
  const kept = present(values);
  return kept.every(isNumber) ? (kept as number[]) : null;
}

/** ARRAY_APPEND and friends: the array must be one; the other values may be anything but MISSING. */
const withArray = (min: number, max: number, body: (list: List, ...rest: List) => unknown) =>
  lenient(min, max, ([list, ...rest]) => {
    if (list === undefined || rest.includes(undefined)) return undefined;
    return isList(list) ? body(copyValue(list), ...rest) : null;
  });

function extreme(sign: 1 | -1) {
  return strict(
    1,
    1,
    typed([isList], (list: List) => {
      let best: unknown = null;
      for (const value of present(list))
        if (best === null || collate(value, best) * sign > 0) best = value;
      return best;
    }),
  );
}

export const ARRAY_FUNCTIONS: FunctionFamily = {
  ARRAY_APPEND: withArray(2, Infinity, (list, ...values) => [...list, ...values]),
  ARRAY_PREPEND: lenient(2, Infinity, (args) => {
    const list = args[args.length - 1];
    if (args.includes(undefined)) return undefined;
    return isList(list) ? [...args.slice(0, -1), ...copyValue(list)] : null;
  }),
  ARRAY_CONCAT: strict(
    2,
    Infinity,
    typed([isList], (...lists: List[]) => copyValue(lists.flat(1))),
  ),
  ARRAY_CONTAINS: withArray(2, 2, (list, value) => list.some((item) => sameValue(item, value))),
  ARRAY_POSITION: withArray(2, 2, (list, value) =>
    list.findIndex((item) => sameValue(item, value)),
  ),
  ARRAY_COUNT: strict(
    1,
    1,
    typed([isList], (list: List) => present(list).length),
  ),
  ARRAY_LENGTH: strict(
    1,
    1,
    typed([isList], (list: List) => list.length),
  ),
  ARRAY_DISTINCT: strict(
    1,
    1,
    typed([isList], (list: List) => distinct(copyValue(list))),
  ),
  ARRAY_FLATTEN: strict(
    2,
    2,
    typed([isList, isInteger], (list: List, depth: number) => flatten(copyValue(list), depth)),
  ),
  ARRAY_IFNULL: strict(
    1,
    1,
    typed([isList], (list: List) => present(list)[0] ?? null),
  ),
  ARRAY_INSERT: withArray(3, Infinity, (list, position, ...values) => {
    if (!isInteger(position) || position < 0 || position > list.length) return null;
    return [...list.slice(0, position), ...values, ...list.slice(position)];
  }),
  ARRAY_PUT: withArray(2, Infinity, (list, ...values) => {
    const result = [...list];
    for (const value of values)
      if (!result.some((item) => sameValue(item, value))) result.push(value);
    return result;
  }),
  ARRAY_REMOVE: withArray(2, Infinity, (list, ...values) =>
    list.filter((item) => !values.some((value) => sameValue(item, value))),
  ),
  ARRAY_REPLACE: withArray(3, 4, (list, from, to, count) => {
    let left = isInteger(count) ? count : Infinity;
    return list.map((item) => {
      if (left <= 0 || !sameValue(item, from)) return item;
      left -= 1;
      return to;
    });
  }),
  ARRAY_REPEAT: lenient(2, 2, ([value, times]) => {
    if (value === undefined || times === undefined) return undefined;
    if (!isInteger(times) || times < 0) return null;
    return Array.from({ length: times }, () => copyValue(value));
  }),
  ARRAY_RANGE: strict(
    2,
    3,
    typed([isNumber, isNumber, isNumber], (start: number, end: number, step = 1) => {
      if (step === 0) return [];
      const values: number[] = [];
      for (let n = start; step > 0 ? n < end : n > end; n += step) {
        values.push(n);
        if (values.length > 1_000_000) return null;
      }
      return values;
    }),
  ),
  ARRAY_REVERSE: strict(
    1,
    1,
    typed([isList], (list: List) => copyValue(list).reverse()),
  ),
  ARRAY_SORT: strict(
    1,
    1,
    typed([isList], (list: List) => copyValue(list).sort(collate)),
  ),
  ARRAY_SUM: strict(
    1,
    1,
    typed([isList], (list: List) => numbers(list)?.reduce((a, b) => a + b, 0) ?? null),
  ),
  ARRAY_AVG: strict(
    1,
    1,
    typed([isList], (list: List) => {
      const values = numbers(list);
      return values && values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
    }),
  ),
  ARRAY_MAX: extreme(1),
  ARRAY_MIN: extreme(-1),
  ARRAY_UNION: strict(
    2,
    Infinity,
    typed([isList], (...lists: List[]) => distinct(copyValue(lists.flat(1)))),
  ),
  ARRAY_INTERSECT: strict(
    2,
    Infinity,
    typed([isList], (first: List, ...others: List[]) =>
      distinct(copyValue(first)).filter((item) =>
        others.every((other) => other.some((value) => sameValue(value, item))),
      ),
    ),
  ),
  ARRAY_EXCEPT: strict(
    2,
    2,
    typed([isList, isList], (list: List, remove: List) =>
      distinct(copyValue(list)).filter((item) => !remove.some((value) => sameValue(value, item))),
    ),
  ),
};
