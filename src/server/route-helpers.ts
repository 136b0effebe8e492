import { isJsonObject } from '../definition/fields.ts';
import { type ErrorName, ServiceError } from './error-catalogue.ts';
import type { FunctionRecord } from './function-record.ts';
import {
  type FunctionLocation,
  formatLocation,
  nameFromQuery,
  scopeFromQuery,
} from './location.ts';
import type { RequestContext } from './router.ts';

// What most routes do first: find the function the request is about, read a JSON body.

/** The function named in the path, in the function scope of `?bucket=&scope=`. */
export function pathLocation(context: RequestContext): FunctionLocation {
  return { ...scopeFromQuery(context.query), name: context.params[0] ?? '' };
}

/** The function named by `?appName=` or `?name=` (query-style routes such as /getAppLog). */
export function queryLocation(context: RequestContext): FunctionLocation {
  return { ...scopeFromQuery(context.query), name: nameFromQuery(context.query) };
}

/**
 * The stored function at `location`.
 * @throws ServiceError `missing` (8.0.1+ answers 400 ERR_APP_NOT_FOUND on lifecycle routes and
 *   404 ERR_APP_NOT_FOUND_TS elsewhere) with "Function: <loc> not found".
 */
export function existing(
  context: RequestContext,
  location: FunctionLocation,
  missing: 'ERR_APP_NOT_FOUND_TS' | 'ERR_APP_NOT_FOUND' = 'ERR_APP_NOT_FOUND_TS',
): FunctionRecord {
  const record = context.service.find(location);
  if (!record) throw new ServiceError(missing, `Function: ${formatLocation(location)} not found`);
  return record;
}

/**
 * The body parsed as JSON.
 * @throws ServiceError `errorName` (ERR_INVALID_REQUEST unless the route answers otherwise)
 *   with `prefix` and the parser's message.
 */
export async function jsonBody(
  context: RequestContext,
  errorName: ErrorName = 'ERR_INVALID_REQUEST',
  prefix = 'Invalid JSON in the request body: ',
): Promise<unknown> {
  const text = (await context.body()).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ServiceError(errorName, `${prefix}${(error as Error).message}`);
  }
}

/** The body as a JSON object. */
export async function jsonObjectBody(
  context: RequestContext,
  errorName: ErrorName = 'ERR_INVALID_REQUEST',
  prefix?: string,
): Promise<Record<string, unknown>> {
  const body = await jsonBody(context, errorName, prefix);
  if (!isJsonObject(body)) {
    throw new ServiceError(errorName, `${prefix ?? ''}the request body must be a JSON object`);
  }
  return body;
}
