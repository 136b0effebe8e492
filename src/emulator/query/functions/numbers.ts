import { collate } from '../collation.ts';
import {
  type FunctionFamily,
  isInteger,
  isNumber,
  lenient,
  type SqlFunction,
  strict,
  typed,
} from './function-values.ts';

// Number functions (Query docs: Number Functions; couchbase/query `expression/func_num.go`).
// A result that JSON cannot hold (NaN, ±Infinity) is NULL here.

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

function unary(compute: (x: number) => number): SqlFunction {
  return strict(
    1,
    1,
    typed([isNumber], (x: number) => finite(compute(x))),
  );
}

/** ROUND: half to even, at `digits` decimals (func_num.go roundFloat). */
function round(x: number, digits = 0): number {
  const sign = x < 0 ? -1 : 1;
  const scale = 10 ** digits;
  const scaled = Math.abs(x) * scale + 0.5;
  let rounded = Math.floor(scaled);
  if (rounded === scaled && rounded % 2 !== 0) rounded -= 1;
  return (sign * rounded) / scale;
}

function truncate(x: number, digits = 0): number {
  const scale = 10 ** digits;
  return Math.trunc(x * scale) / scale;
}

/** GREATEST and LEAST skip MISSING and NULL, and compare the rest by collation. */
function extreme(sign: 1 | -1): SqlFunction {
  return lenient(2, Infinity, (args) => {
    let best: unknown = null;
    for (const value of args) {
      if (value === undefined || value === null) continue;
      if (best === null || collate(value, best) * sign > 0) best = value;
    }
    return best;
  });
}

export const NUMBER_FUNCTIONS: FunctionFamily = {
  ABS: unary(Math.abs),
  ACOS: unary(Math.acos),
  ASIN: unary(Math.asin),
  ATAN: unary(Math.atan),
  ATAN2: strict(
    2,
    2,
    typed([isNumber, isNumber], (y: number, x: number) => finite(Math.atan2(y, x))),
  ),
  CEIL: unary(Math.ceil),
  COS: unary(Math.cos),
  DEGREES: unary((x) => (x * 180) / Math.PI),
  E: strict(0, 0, () => Math.E),
  EXP: unary(Math.exp),
  FLOOR: unary(Math.floor),
  LN: unary(Math.log),
  LOG: unary(Math.log10),
  PI: strict(0, 0, () => Math.PI),
  POWER: strict(
    2,
    2,
    typed([isNumber, isNumber], (x: number, y: number) => finite(x ** y)),
  ),
  RADIANS: unary((x) => (x * Math.PI) / 180),
  // fidelity: a seed is accepted but not used; the sequence is Math.random's.
  RANDOM: lenient(0, 1, () => Math.random()),
  ROUND: strict(
    1,
    2,
    typed([isNumber, isInteger], (x: number, digits?: number) => finite(round(x, digits))),
  ),
  SIGN: unary(Math.sign),
  SIN: unary(Math.sin),
  SQRT: unary(Math.sqrt),
  TAN: unary(Math.tan),
  TRUNC: strict(
    1,
    2,
    typed([isNumber, isInteger], (x: number, digits?: number) => finite(truncate(x, digits))),
  ),
  IDIV: strict(
    2,
    2,
    typed([isNumber, isNumber], (x: number, y: number) =>
      Math.trunc(y) === 0 ? null : Math.trunc(Math.trunc(x) / Math.trunc(y)),
    ),
  ),
  IMOD: strict(
    2,
    2,
    typed([isNumber, isNumber], (x: number, y: number) =>
      Math.trunc(y) === 0 ? null : Math.trunc(x) % Math.trunc(y),
    ),
  ),
  GREATEST: extreme(1),
  LEAST: extreme(-1),
};
