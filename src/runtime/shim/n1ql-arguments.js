import { fail } from './errors.js';
import { callerFrame } from './stack-frames.js';
import { shimState } from './state.js';

// Argument rules of N1QL(statement, params, options) and of the analytics query, in the
// server's order and with its messages (spec §7.2). Values are sent as JSON text: a parameter
// the server would JSON-stringify must be representable.

/** @typedef {'n1ql' | 'analytics' | 'search'} QueryService */

/** @type {Record<QueryService, { errorClass: 'N1QLError' | 'AnalyticsError' | 'SearchError'; stat: string }>} */
export const SERVICES = {
  n1ql: { errorClass: 'N1QLError', stat: 'n1ql_op_exception_count' },
  analytics: { errorClass: 'AnalyticsError', stat: 'analytics_op_exception_count' },
  search: { errorClass: 'SearchError', stat: 'search_op_exception_count' },
};

/**
 * @param {QueryService} service
 * @param {string} message
 * @param {Function} below
 * @returns {never}
 */
export function queryFailure(service, message, below) {
  shimState.door('stat', SERVICES[service].stat);
  return fail(SERVICES[service].errorClass, message, below);
}

/** @param {unknown} value */
function invalidType(value) {
  const type = typeof value;
  return type === 'undefined' || type === 'function' || type === 'symbol' ? type : undefined;
}

/**
 * Parameters as JSON text: an array for positional ones, an object for named ones with leading
 * spaces and `$` stripped from the names (so `{ $x: 1 }` and `{ x: 1 }` are the same).
 * @param {QueryService} service
 * @param {unknown} params
 * @param {Function} below
 */
export function encodeParams(service, params, below) {
  if (params === undefined) return undefined;
  if (Array.isArray(params)) {
    params.forEach((value, index) => {
      const bad = invalidType(value);
      if (bad)
        queryFailure(
          service,
          `Invalid data type at index ${index} for positional parameters: "${bad}" is not a valid type`,
          below,
        );
    });
    return JSON.stringify(params);
  }
  if (typeof params !== 'object' || params === null) {
    queryFailure(service, 'Expecting an object or an array for the second parameter', below);
  }
  /** @type {Record<string, unknown>} */
  const named = {};
  for (const [name, value] of Object.entries(/** @type {object} */ (params))) {
    const bad = invalidType(value);
    if (bad)
      queryFailure(
        service,
        `Invalid data type for named parameters: "${bad}" is not a valid type`,
        below,
      );
    named[name.replace(/^\s*\$?/, '')] = value;
  }
  return JSON.stringify(named);
}

/**
 * Options with the function's settings as defaults; the client context id defaults to where
 * the call was made, `<line>@<file>(<function>)`, as the server builds it.
 * @param {QueryService} service
 * @param {unknown} options
 * @param {Function} below
 */
export function encodeOptions(service, options, below) {
  const given = /** @type {Record<string, unknown>} */ (options ?? {});
  if (typeof given !== 'object')
    queryFailure(service, 'Expecting an object for the third parameter', below);
  const config = shimState.config;
  let consistency = config.n1qlConsistency || 'none';
  if ('consistency' in given && given.consistency !== undefined) {
    if (typeof given.consistency !== 'string')
      queryFailure(service, 'Expecting a string for consistency', below);
    if (given.consistency !== 'none' && given.consistency !== 'request') {
      queryFailure(service, "consistency must be one of 'none', 'request'", below);
    }
    consistency = given.consistency;
  }
  let isPrepared = config.n1qlPrepareAll;
  if ('isPrepared' in given && given.isPrepared !== undefined) {
    if (typeof given.isPrepared !== 'boolean')
      queryFailure(service, 'Expecting a boolean for isPrepared property', below);
    isPrepared = given.isPrepared;
  }
  let clientContextId = 'clientContextId' in given ? given.clientContextId : undefined;
  if (!('clientContextId' in given) && shimState.queryCallSites) clientContextId = callSite(below);
  return JSON.stringify({ consistency, isPrepared, clientContextId });
}

/** @param {Function} below */
function callSite(below) {
  const match = /^(?:(\S+) \()?(.+?):(\d+):\d+\)?$/.exec(callerFrame(below) ?? '');
  if (!match) return '';
  return `${match[3]}@${match[2]}(${match[1] ?? ''})`.slice(0, 62);
}
