import type { FunctionScope } from '../definition/types.ts';
import { EventingDevError } from '../errors.ts';

// A function's place: its name and, for a scoped function (7.1+), its bucket and scope. The
// server writes it as a location string, `name` for global functions and `bucket/scope/name`
// for scoped ones (spec rest-api.md §1.5); per-function routes take the scope as
// `?bucket=&scope=` and the name URL-escaped in the path.

/** A function and its scope; `scope` absent (or `*`/`*`) means the global scope. */
export interface FunctionLocation {
  name: string;
  scope?: FunctionScope;
}

/**
 * Reads `name` or `bucket/scope/name`; an explicit `scope` wins over the one in the string.
 *
 * @example
 * parseLocation('travel/inventory/enrich'); // { name: 'enrich', scope: { bucket: 'travel', scope: 'inventory' } }
 */
export function parseLocation(text: string, scope?: FunctionScope): FunctionLocation {
  const parts = text.split('/');
  if (parts.length === 3 && parts.every((part) => part !== '')) {
    const [bucket, scopeName, name] = parts as [string, string, string];
    return { name, scope: scope ?? { bucket, scope: scopeName } };
  }
  if (parts.length !== 1 || text === '') {
    throw new EventingDevError('ARGUMENT_INVALID', `"${text}" is not a function name`, {
      hint: 'Name a function as name, or bucket/scope/name for a scoped function.',
    });
  }
  return scope ? { name: text, scope } : { name: text };
}

/** True for the global (admin) scope, which the server writes `*`/`*` or leaves out. */
export function isGlobalScope(scope: FunctionScope | undefined): boolean {
  return scope === undefined || (scope.bucket === '*' && scope.scope === '*');
}

/**
 * The location string the server uses in lists and results.
 *
 * @example
 * formatLocation({ name: 'enrich', scope: { bucket: 'travel', scope: 'inventory' } }); // 'travel/inventory/enrich'
 */
export function formatLocation(location: FunctionLocation): string {
  const { scope } = location;
  return !scope || isGlobalScope(scope)
    ? location.name
    : `${scope.bucket}/${scope.scope}/${location.name}`;
}

/** `/api/v1/functions/<escaped name><suffix>`. */
export function functionPath(location: FunctionLocation, suffix = ''): string {
  return `/api/v1/functions/${encodeURIComponent(location.name)}${suffix}`;
}

/** `bucket` and `scope` for a scoped function, plus `extra`; nothing for a global one. */
export function scopeQuery(
  location: FunctionLocation,
  extra: Record<string, string | undefined> = {},
): URLSearchParams {
  const query = new URLSearchParams();
  if (location.scope && !isGlobalScope(location.scope)) {
    query.set('bucket', location.scope.bucket);
    query.set('scope', location.scope.scope);
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) query.set(key, value);
  return query;
}

/** Whether a definition or status entry (which carries `function_scope`) is at `location`. */
export function isAt(
  entry: { name?: string; appname?: string; function_scope?: FunctionScope },
  location: FunctionLocation,
): boolean {
  const name = entry.name ?? entry.appname;
  if (name !== location.name) return false;
  if (isGlobalScope(location.scope)) return isGlobalScope(entry.function_scope);
  return (
    entry.function_scope?.bucket === location.scope?.bucket &&
    entry.function_scope?.scope === location.scope?.scope
  );
}
