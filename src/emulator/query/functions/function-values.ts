import { collate, isJsonObject } from '../collation.ts';
import type { StatementContext } from '../query-store.ts';

// The shape of a SQL++ library function and the rules most of them share: MISSING in any
// argument gives MISSING, else NULL in any gives NULL, else an argument of the wrong type gives
// NULL (couchbase/query `expression/func_*.go`; the Query docs' function pages).

/** What a function computes from its evaluated arguments (MISSING is `undefined`). */
export type FunctionBody = (args: unknown[], context: StatementContext) => unknown;

/** A function of the library: how many arguments it takes, and what it computes. */
export interface SqlFunction {
  min: number;
  max: number;
  evaluate: FunctionBody;
}

/** A family of functions by upper-case name. */
export type FunctionFamily = Readonly<Record<string, SqlFunction>>;

/** A function that sees MISSING and NULL arguments itself (conditionals, type checks). */
export function lenient(min: number, max: number, evaluate: FunctionBody): SqlFunction {
  return { min, max, evaluate };
}

/** A function under the usual rule: MISSING, then NULL, pass through before `body` runs. */
export function strict(min: number, max: number, body: FunctionBody): SqlFunction {
  return {
    min,
    max,
    evaluate: (args, context) => {
      if (args.includes(undefined)) return undefined;
      if (args.includes(null)) return null;
      return body(args, context);
    },
  };
}

export const isAnything = (_value: unknown): _value is unknown => true;
export const isString = (value: unknown): value is string => typeof value === 'string';
export const isNumber = (value: unknown): value is number => typeof value === 'number';
export const isInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value);

/** `body` of the arguments when each passes its check, else NULL. */
export function typed<T extends unknown[]>(
  checks: { [K in keyof T]: (value: unknown) => value is T[K] },
  body: (...args: T) => unknown,
): FunctionBody {
  return (args) => {
    for (let i = 0; i < args.length; i++) {
      const check = checks[Math.min(i, checks.length - 1)] as (value: unknown) => boolean;
      if (!check(args[i])) return null;
    }
    return body(...(args as T));
  };
}

/** Equality as `=` sees it: collation equality. */
export function sameValue(a: unknown, b: unknown): boolean {
  return collate(a, b) === 0;
}

/** A deep copy through JSON, so results never share structure with documents. */
export function copyValue<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export { isJsonObject };
