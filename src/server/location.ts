import type { FunctionScope } from '../definition/types.ts';
import { invalidRequest } from './error-catalogue.ts';

// Where a function lives: its function scope (`*`/`*` for global functions) and its name. The
// REST API writes it `name` or `bucket/scope/name` (spec §1.5).

/** A function's function scope and name. */
export interface FunctionLocation {
  bucket: string;
  scope: string;
  name: string;
}

const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;
const MAX_NAME_LENGTH = 100;
const WILDCARD = '*';

export const NAME_RULE =
  'Function name can only start with characters in range A-Z, a-z, 0-9 and can only contain characters in range A-Z, a-z, 0-9, underscore and hyphen';

/** Whether `name` can name a function at all; names that cannot are never found. */
export function isValidName(name: string): boolean {
  return NAME_PATTERN.test(name) && name.length <= MAX_NAME_LENGTH;
}

/** @throws ServiceError ERR_INVALID_REQUEST with the server's message for a bad name. */
export function checkName(name: string): void {
  if (name.length > MAX_NAME_LENGTH) {
    throw invalidRequest(`Function name length must be less than ${MAX_NAME_LENGTH}`);
  }
  if (!NAME_PATTERN.test(name)) throw invalidRequest(NAME_RULE);
}

/**
 * The function scope named by `?bucket=&scope=`. As 8.x does: a missing or empty value means
 * `*`, so `?bucket=b` alone is the bucket-wide scope `b/*`, and `?bucket=&scope=` (what
 * couchbase-cli always sends) is the global scope.
 */
export function scopeFromQuery(query: URLSearchParams): FunctionScope {
  return { bucket: query.get('bucket') || WILDCARD, scope: query.get('scope') || WILDCARD };
}

/** True when the query names a function scope or a name, which makes 8.x ignore the body's. */
export function queryNamesLocation(query: URLSearchParams): boolean {
  return ['bucket', 'scope', 'appName', 'name'].some((key) => query.has(key));
}

export function isGlobalScope(scope: FunctionScope): boolean {
  return scope.bucket === WILDCARD && scope.scope === WILDCARD;
}

/** `name` for a global function, `bucket/scope/name` otherwise. */
export function formatLocation(location: FunctionLocation): string {
  return isGlobalScope(location)
    ? location.name
    : `${location.bucket}/${location.scope}/${location.name}`;
}

/** A map key that tells every location apart (names and scopes cannot contain NUL). */
export function locationKey(location: FunctionLocation): string {
  return `${location.bucket}\u0000${location.scope}\u0000${location.name}`;
}

/** The name given to query-style routes: `appName` first, then `name`, as 8.x reads them. */
export function nameFromQuery(query: URLSearchParams): string {
  return query.get('appName') ?? query.get('name') ?? '';
}
