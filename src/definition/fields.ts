// Small readers for one field of a JSON object. Each reports what is wrong at the field's JSON
// path and returns a usable value anyway, so validation can go on and report every problem.
import type { Problem } from '../errors.ts';

/** A plain JSON object (not null, not an array). */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `parent.key`, or `key` at the root. */
export function joinPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/** A string that must be present and non-empty; `undefined` after reporting otherwise. */
export function requiredString(
  obj: JsonObject,
  key: string,
  path: string,
  problems: Problem[],
): string | undefined {
  const value = obj[key];
  const at = joinPath(path, key);
  if (value === undefined) {
    problems.push({ path: at, message: 'is required' });
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.push({ path: at, message: 'must be a string' });
    return undefined;
  }
  if (value === '') {
    problems.push({ path: at, message: 'must not be empty' });
    return undefined;
  }
  return value;
}

/** An optional string; missing or empty gives `fallback`, as the server fills it. */
export function optionalString(
  obj: JsonObject,
  key: string,
  path: string,
  problems: Problem[],
  fallback: string,
): string {
  const value = obj[key];
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string') {
    problems.push({ path: joinPath(path, key), message: 'must be a string' });
    return fallback;
  }
  return value;
}

/** An optional boolean; missing gives `fallback`. */
export function optionalBoolean(
  obj: JsonObject,
  key: string,
  path: string,
  problems: Problem[],
  fallback: boolean,
): boolean {
  const value = obj[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    problems.push({ path: joinPath(path, key), message: 'must be a boolean' });
    return fallback;
  }
  return value;
}

/** An optional array; missing gives `[]`. */
export function optionalArray(
  obj: JsonObject,
  key: string,
  path: string,
  problems: Problem[],
): unknown[] {
  const value = obj[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push({ path: joinPath(path, key), message: 'must be an array' });
    return [];
  }
  return value;
}
