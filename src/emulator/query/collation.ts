// How SQL++ orders and compares JSON values. MISSING is `undefined` throughout the evaluator.
// The order is MISSING < NULL < false < true < numbers < strings < arrays < objects; strings
// compare by code point (the server compares UTF-8 bytes, which orders the same way); arrays
// element by element, then by length; objects by field count, then sorted field names, then the
// values under those names.

const RANK_MISSING = 0;
const RANK_NULL = 1;
const RANK_BOOLEAN = 2;
const RANK_NUMBER = 3;
const RANK_STRING = 4;
const RANK_ARRAY = 5;
const RANK_OBJECT = 6;

/** A JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets a field as an own, enumerable property even when its name is `__proto__`, which plain
 * assignment would treat as the prototype.
 */
export function defineField(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function rank(value: unknown): number {
  if (value === undefined) return RANK_MISSING;
  if (value === null) return RANK_NULL;
  if (typeof value === 'boolean') return RANK_BOOLEAN;
  if (typeof value === 'number') return RANK_NUMBER;
  if (typeof value === 'string') return RANK_STRING;
  return Array.isArray(value) ? RANK_ARRAY : RANK_OBJECT;
}

/**
 * Compares strings by Unicode code point. JavaScript's `<` compares UTF-16 units, which puts
 * U+E000..U+FFFF after astral characters; UTF-8 byte order (the server's) does not.
 *
 * @example
 * compareStrings('\u{1F600}', '\uFFFD'); // 1, though '\u{1F600}' < '\uFFFD' in JavaScript
 */
export function compareStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      return Math.sign(a.codePointAt(i)! - b.codePointAt(i)!);
    }
  }
  return Math.sign(a.length - b.length);
}

/**
 * The SQL++ collation of two values: negative, zero or positive as in `Array.prototype.sort`.
 *
 * @example
 * collate(null, false); // -1
 * collate([1, 2], [1]); // 1
 */
export function collate(a: unknown, b: unknown): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return Math.sign(byRank);
  switch (rank(a)) {
    case RANK_BOOLEAN:
    case RANK_NUMBER:
      return Math.sign(Number(a) - Number(b));
    case RANK_STRING:
      return compareStrings(a as string, b as string);
    case RANK_ARRAY:
      return collateArrays(a as unknown[], b as unknown[]);
    case RANK_OBJECT:
      return collateObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    default:
      return 0;
  }
}

function collateArrays(a: unknown[], b: unknown[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const order = collate(a[i], b[i]);
    if (order !== 0) return order;
  }
  return Math.sign(a.length - b.length);
}

function collateObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const aNames = Object.keys(a).sort(compareStrings);
  const bNames = Object.keys(b).sort(compareStrings);
  const bySize = aNames.length - bNames.length;
  if (bySize !== 0) return Math.sign(bySize);
  for (let i = 0; i < aNames.length; i++) {
    const order = compareStrings(aNames[i]!, bNames[i]!);
    if (order !== 0) return order;
  }
  for (const name of aNames) {
    const order = collate(a[name], b[name]);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * SQL++ truthiness, used by WHERE, HAVING and the logical operators: MISSING, NULL, false, 0,
 * NaN and empty strings, arrays and objects are false; everything else is true.
 */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return Object.keys(value as object).length > 0;
}

/**
 * A string that is equal for values that collate equal: JSON with sorted object keys, and a
 * marker for MISSING. DISTINCT and GROUP BY bucket values by it.
 */
export function canonicalKey(value: unknown): string {
  if (value === undefined) return 'MISSING';
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isJsonObject(value)) return value;
  // Objects become `{ o: [[name, value], ...] }`, which no array and no other object maps to.
  const names = Object.keys(value).sort(compareStrings);
  return { o: names.map((name) => [name, sortKeys(value[name])]) };
}
