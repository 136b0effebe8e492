import { installAdvancedAccessors } from './advanced-accessors.js';
import {
  base64Decode,
  base64Encode,
  base64Float32ArrayDecode,
  base64Float32ArrayEncode,
  base64Float64ArrayDecode,
  base64Float64ArrayEncode,
} from './base64.js';
import { createBucketBinding } from './bucket-binding.js';
import { crc_64_go_iso, crc64 } from './crc64.js';
import { createUrlBinding, curl } from './curl.js';
import { installEmulatedDate } from './emulated-date.js';
import { errorClasses } from './errors.js';
import { log } from './log.js';
import { analyticsQuery, N1QL, N1qlQuery, searchQuery } from './n1ql.js';
import { hideShimFrames } from './stack-frames.js';
import { inertOutsideInvocation } from './state.js';
import { cancelTimer, createTimer } from './timers.js';

// Builds the global environment in the server's order (spec §1.1 item 5): the global
// functions and error classes, the couchbase namespace, URL bindings, then (after the host ran
// the constants script) bucket bindings.

/**
 * @typedef {object} ShimConfig
 * @property {Array<import('./bucket-binding.js').BucketBindingConfig & { alias: string }>} buckets
 * @property {Array<{ alias: string; cookies: boolean }>} urls
 * @property {import('./state.js').RuntimeConfig} runtime
 * @property {string} [timeZone] an IANA zone for local times, instead of the process's
 */

/**
 * @param {string} name
 * @param {PropertyDescriptor['value']} value
 */
function defineGlobal(name, value) {
  Object.defineProperty(globalThis, name, {
    value,
    writable: true,
    enumerable: false,
    configurable: true,
  });
}

/** @param {ShimConfig} config */
export function installGlobals(config) {
  const builtins = {
    log: inertOutsideInvocation(log),
    curl: inertOutsideInvocation(curl),
    createTimer: inertOutsideInvocation(createTimer),
    cancelTimer: inertOutsideInvocation(cancelTimer),
    crc64: inertOutsideInvocation(crc64),
    N1QL: inertOutsideInvocation(N1QL),
  };
  installEmulatedDate(config.timeZone);
  hideShimFrames();
  for (const [name, builtin] of Object.entries(builtins)) defineGlobal(name, builtin);
  for (const [name, ErrorClass] of Object.entries(errorClasses)) defineGlobal(name, ErrorClass);
  defineGlobal('couchbase', createCouchbaseNamespace(builtins));
  for (const [index, url] of config.urls.entries())
    defineGlobal(url.alias, createUrlBinding(index, url.cookies));
}

/** Globals the server installs after the user's script, so they replace a user function. */
export function installLateGlobals() {
  defineGlobal('N1qlQuery', N1qlQuery);
}

/** @param {ShimConfig} config */
export function installBucketBindings(config) {
  for (const binding of config.buckets) defineGlobal(binding.alias, createBucketBinding(binding));
}

/**
 * @param {Record<string, Function>} builtins
 */
function createCouchbaseNamespace(builtins) {
  /** @type {Record<string, unknown>} */
  const namespace = {};
  installAdvancedAccessors(namespace);
  namespace.n1qlQuery = builtins.N1QL;
  namespace.analyticsQuery = inertOutsideInvocation(analyticsQuery);
  namespace.searchQuery = inertOutsideInvocation(searchQuery);
  namespace.SearchQuery = {};
  namespace.curl = builtins.curl;
  namespace.log = builtins.log;
  namespace.createTimer = builtins.createTimer;
  namespace.cancelTimer = builtins.cancelTimer;
  namespace.crc64 = builtins.crc64;
  const helpers = {
    crc_64_go_iso,
    base64Encode,
    base64Decode,
    base64Float64ArrayEncode,
    base64Float64ArrayDecode,
    base64Float32ArrayEncode,
    base64Float32ArrayDecode,
  };
  for (const [name, helper] of Object.entries(helpers)) {
    namespace[name] = inertOutsideInvocation(helper);
  }
  return namespace;
}
