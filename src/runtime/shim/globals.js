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
import { installEmulatedDate } from './emulated-date.js';
import { errorClasses, fail } from './errors.js';
import { log } from './log.js';
import { inertOutsideInvocation } from './state.js';
import { cancelTimer, createTimer } from './timers.js';

// Builds the global environment in the server's order (spec §1.1 item 5): the global
// functions and error classes, the couchbase namespace, URL bindings, then (after the host ran
// the constants script) bucket bindings.

/**
 * @typedef {object} ShimConfig
 * @property {Array<import('./bucket-binding.js').BucketBindingConfig & { alias: string }>} buckets
 * @property {Array<{ alias: string }>} urls
 * @property {import('./state.js').RuntimeConfig} runtime
 */

/**
 * Built-ins whose emulation lands with a later part of eventing-dev: present, as on the server,
 * but failing loudly rather than pretending to work.
 * @param {string} name
 */
function notEmulatedYet(name) {
  const builtin = function () {
    fail('EventingError', `${name} is not emulated by this version of eventing-dev yet`, builtin);
  };
  Object.defineProperty(builtin, 'name', { value: name.replace(/^couchbase\./, '') });
  return builtin;
}

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
    curl: inertOutsideInvocation(notEmulatedYet('curl')),
    createTimer: inertOutsideInvocation(createTimer),
    cancelTimer: inertOutsideInvocation(cancelTimer),
    crc64: inertOutsideInvocation(crc64),
    N1QL: inertOutsideInvocation(notEmulatedYet('N1QL')),
  };
  installEmulatedDate();
  for (const [name, builtin] of Object.entries(builtins)) defineGlobal(name, builtin);
  for (const [name, ErrorClass] of Object.entries(errorClasses)) defineGlobal(name, ErrorClass);
  defineGlobal('couchbase', createCouchbaseNamespace(builtins));
  for (const url of config.urls) defineGlobal(url.alias, Object.freeze({}));
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
  const accessors = ['get', 'insert', 'upsert', 'replace', 'delete', 'increment', 'decrement'];
  for (const name of [...accessors, 'touch', 'bindingDetails', 'mutateIn', 'lookupIn']) {
    namespace[name] = inertOutsideInvocation(notEmulatedYet(`couchbase.${name}`));
  }
  namespace.MutateInSpec = {};
  namespace.LookupInSpec = {};
  namespace.n1qlQuery = builtins.N1QL;
  namespace.analyticsQuery = inertOutsideInvocation(notEmulatedYet('couchbase.analyticsQuery'));
  namespace.searchQuery = inertOutsideInvocation(notEmulatedYet('couchbase.searchQuery'));
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
