import { randomUUID } from 'node:crypto';
import { isTruthy } from '../collation.ts';
import {
  type FunctionFamily,
  isJsonObject,
  isString,
  lenient,
  type SqlFunction,
  strict,
  typed,
} from './function-values.ts';

// Type checks and conversions, JSON and identity functions (Query docs: Type Functions, JSON
// Functions, Meta and UUID Functions; couchbase/query `expression/func_type_*.go`,
// `func_json.go`, `func_meta.go`).

/** `TYPE()`'s names. */
export function typeName(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** IS_…: MISSING and NULL pass through, anything else is true or false. */
function check(test: (value: unknown) => boolean): SqlFunction {
  return lenient(1, 1, ([value]) => (value === undefined || value === null ? value : test(value)));
}

const isAtom = (value: unknown) => !Array.isArray(value) && !isJsonObject(value);

function toAtom(value: unknown): unknown {
  if (value === undefined || value === null || isAtom(value)) return value;
  const inner = Array.isArray(value) ? value : Object.values(value as object);
  return inner.length === 1 ? toAtom(inner[0]) : null;
}

function toNumber(value: unknown): unknown {
  if (value === undefined || value === null || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

function toText(value: unknown): unknown {
  if (value === undefined || value === null || typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return null;
}

const aliases = (names: string[], fn: SqlFunction) => Object.fromEntries(names.map((n) => [n, fn]));

export const TYPE_FUNCTIONS: FunctionFamily = {
  ...aliases(['IS_ARRAY', 'ISARRAY'], check(Array.isArray)),
  ...aliases(['IS_ATOM', 'ISATOM'], check(isAtom)),
  ...aliases(
    ['IS_BOOLEAN', 'ISBOOLEAN', 'IS_BOOL', 'ISBOOL'],
    check((v) => typeof v === 'boolean'),
  ),
  ...aliases(
    ['IS_NUMBER', 'ISNUMBER', 'IS_NUM', 'ISNUM'],
    check((v) => typeof v === 'number'),
  ),
  ...aliases(['IS_OBJECT', 'ISOBJECT', 'IS_OBJ', 'ISOBJ'], check(isJsonObject)),
  ...aliases(['IS_STRING', 'ISSTRING', 'IS_STR', 'ISSTR'], check(isString)),
  ...aliases(
    ['IS_BINARY', 'ISBINARY', 'IS_BIN', 'ISBIN'],
    check(() => false),
  ),
  ...aliases(
    ['TYPE', 'TYPENAME', 'TYPE_NAME'],
    lenient(1, 1, ([value]) => typeName(value)),
  ),
  ...aliases(
    ['TO_ARRAY', 'TOARRAY'],
    lenient(1, 1, ([v]) => (v === undefined || v === null || Array.isArray(v) ? v : [v])),
  ),
  ...aliases(
    ['TO_ATOM', 'TOATOM'],
    lenient(1, 1, ([v]) => toAtom(v)),
  ),
  ...aliases(
    ['TO_BOOLEAN', 'TOBOOLEAN', 'TO_BOOL', 'TOBOOL'],
    lenient(1, 1, ([v]) => (v === undefined || v === null ? v : isTruthy(v))),
  ),
  ...aliases(
    ['TO_NUMBER', 'TONUMBER', 'TO_NUM', 'TONUM'],
    lenient(1, 1, ([v]) => toNumber(v)),
  ),
  ...aliases(
    ['TO_OBJECT', 'TOOBJECT', 'TO_OBJ', 'TOOBJ'],
    lenient(1, 1, ([v]) => (v === undefined || v === null || isJsonObject(v) ? v : {})),
  ),
  ...aliases(
    ['TO_STRING', 'TOSTRING', 'TO_STR', 'TOSTR'],
    lenient(1, 1, ([v]) => toText(v)),
  ),
  ENCODE_JSON: lenient(1, 1, ([v]) => (v === undefined ? undefined : JSON.stringify(v))),
  DECODE_JSON: strict(
    1,
    1,
    typed([isString], (text: string) => {
      try {
        return JSON.parse(text);
      } catch {
        return null;
      }
    }),
  ),
  ENCODED_SIZE: lenient(1, 1, ([v]) =>
    v === undefined ? undefined : Buffer.byteLength(JSON.stringify(v)),
  ),
  POLY_LENGTH: strict(1, 1, ([v]) => {
    if (typeof v === 'string' || Array.isArray(v)) return v.length;
    return isJsonObject(v) ? Object.keys(v).length : null;
  }),
  ...aliases(
    ['BASE64', 'BASE64_ENCODE', 'ENCODE_BASE64'],
    strict(1, 1, ([v]) => Buffer.from(JSON.stringify(v)).toString('base64')),
  ),
  ...aliases(
    ['BASE64_DECODE', 'DECODE_BASE64'],
    strict(
      1,
      1,
      typed([isString], (text: string) => {
        try {
          return JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
        } catch {
          return null;
        }
      }),
    ),
  ),
  UUID: lenient(0, 0, () => randomUUID()),
};
