import {
  booleanOption,
  checkArity,
  checkBinding,
  checkMeta,
  checkOptions,
  checkValue,
  checkWritable,
  openParts,
  resolveKeyspace,
} from './accessor-arguments.js';
import { failed, getResult, lookupResult, perform, resultMeta } from './accessor-results.js';
import { installGetCache } from './get-cache.js';
import { inertOutsideInvocation } from './state.js';
import { checkSpecs, createSpecBuilders } from './subdoc-specs.js';

// The natives behind `couchbase.*` (spec runtime §4): `getInternal`, `insertInternal`, …,
// `increment`, `decrement` and `bindingDetails`. Each checks its arguments in the server's order
// (binding, read-only access, meta, wildcard keyspace, then the rest), asks the host to perform
// the operation, and builds the result object. The wrappers over them are in get-cache.js.

/** @typedef {import('../door-protocol.ts').AdvancedOp} AdvancedOp */

const WRITE_FORBIDDEN = 'Writing to source bucket is forbidden';
const RECURSION_MESSAGE = "the 'recursion' parameter in options should be a boolean";
const CACHE_MESSAGE = "the 'cache' parameter in options should be a boolean";

/**
 * Binding, meta and keyspace of a call, checked in the server's order.
 * @param {unknown[]} args
 * @param {{ name: string, arity: number, forbidden?: string, cas?: boolean, expiry?: boolean }} rules
 * @param {Function} below
 */
function target(args, rules, below) {
  checkArity(args, rules.arity, rules.name, below);
  const config = checkBinding(args[0], below);
  if (rules.forbidden) checkWritable(config, rules.forbidden, below);
  const meta = checkMeta(args[1], rules, below);
  const keyspace = resolveKeyspace(config, /** @type {Record<string, any>} */ (args[1]), below);
  return { config, meta, keyspace };
}

/**
 * The fields every request has, for one call.
 * @param {AdvancedOp} op
 * @param {ReturnType<typeof target>} called
 */
function request(op, { config, meta, keyspace }) {
  return {
    op,
    binding: config.index,
    ...openParts(config, keyspace),
    key: meta.key,
    cas: meta.cas,
    expiry: meta.expiry,
    selfRecursion: false,
    cacheMiss: false,
  };
}

/** `couchbase.bindingDetails(binding, meta)`: access and the (resolved) keyspace. */
export function bindingDetails(/** @type {unknown[]} */ ...args) {
  const { config, keyspace } = target(args, { name: 'bindingDetails', arity: 2 }, bindingDetails);
  return {
    access: config.access,
    keyspace: { bucket: keyspace.bucket, scope: keyspace.scope, collection: keyspace.collection },
  };
}

/** `couchbase.getInternal(binding, meta[, options])`: a read, through the cache or not. */
export function getInternal(/** @type {unknown[]} */ ...args) {
  const called = target(args, { name: 'get', arity: 2 }, getInternal);
  const options = checkOptions(args[2], getInternal);
  const cacheMiss = booleanOption(options, 'cache', CACHE_MESSAGE, getInternal);
  const found = perform({ ...request('get', called), cacheMiss }, getInternal);
  return failed(found) ? found : getResult(called.meta.key, found, getInternal);
}

/**
 * insert, upsert and replace: `(binding, meta, doc[, {self_recursion}])`.
 * @param {'insert' | 'upsert' | 'replace'} op
 */
function storeNative(op) {
  const native = function (/** @type {unknown[]} */ ...args) {
    const rules = { name: op, arity: 3, forbidden: WRITE_FORBIDDEN, cas: op === 'replace' };
    const called = target(args, { ...rules, expiry: true }, native);
    const value = checkValue(args[2], native);
    const options = checkOptions(args[3], native);
    const selfRecursion = booleanOption(options, 'self_recursion', RECURSION_MESSAGE, native);
    const done = perform({ ...request(op, called), value, selfRecursion }, native);
    if (failed(done)) return done;
    return { meta: resultMeta(called.meta.key, done.cas, called.meta.expiry), success: true };
  };
  Object.defineProperty(native, 'name', { value: `${op}Internal` });
  return native;
}

/** `couchbase.deleteInternal(binding, meta)`: honours `meta.cas`. */
export function deleteInternal(/** @type {unknown[]} */ ...args) {
  const rules = { name: 'delete', arity: 2, forbidden: 'Delete from source bucket is forbidden' };
  const called = target(args, { ...rules, cas: true }, deleteInternal);
  const done = perform(request('delete', called), deleteInternal);
  return failed(done) ? done : { meta: resultMeta(called.meta.key, done.cas, 0), success: true };
}

/** `couchbase.touchInternal(binding, meta)`: sets or clears the expiry. */
export function touchInternal(/** @type {unknown[]} */ ...args) {
  const rules = { name: 'touch', arity: 2, forbidden: 'Touch operation is forbidden' };
  const called = target(args, { ...rules, expiry: true }, touchInternal);
  const done = perform(request('touch', called), touchInternal);
  return failed(done) ? done : { meta: resultMeta(called.meta.key, done.cas, 0), success: true };
}

/**
 * increment and decrement: `(binding, meta)`, no wrapper, no cache invalidation, and neither
 * CAS nor expiry read from meta.
 * @param {'increment' | 'decrement'} op
 */
function counterNative(op) {
  const native = function (/** @type {unknown[]} */ ...args) {
    const called = target(args, { name: op, arity: 2, forbidden: WRITE_FORBIDDEN }, native);
    const done = perform(request(op, called), native);
    if (failed(done)) return done;
    const meta = resultMeta(called.meta.key, done.cas, 0);
    return { doc: { count: done.count }, meta, success: true };
  };
  Object.defineProperty(native, 'name', { value: op });
  return native;
}

/** `couchbase.mutateInInternal(binding, meta, specs[, options])`: all specs or none. */
export function mutateInInternal(/** @type {unknown[]} */ ...args) {
  const rules = { name: 'mutateIn', arity: 3, forbidden: WRITE_FORBIDDEN, cas: true, expiry: true };
  const called = target(args, rules, mutateInInternal);
  const specs = checkSpecs(args[2], 'mutateIn', mutateInInternal);
  const options = checkOptions(args[3], mutateInInternal);
  const selfRecursion = booleanOption(
    options,
    'self_recursion',
    RECURSION_MESSAGE,
    mutateInInternal,
  );
  const done = perform({ ...request('mutateIn', called), specs, selfRecursion }, mutateInInternal);
  if (failed(done)) return done;
  return { meta: resultMeta(called.meta.key, done.cas, called.meta.expiry), success: true };
}

/** `couchbase.lookupInInternal(binding, meta, specs[, options])`: one entry per spec. */
export function lookupInInternal(/** @type {unknown[]} */ ...args) {
  const rules = { name: 'lookupIn', arity: 3, cas: true, expiry: true };
  const called = target(args, rules, lookupInInternal);
  const specs = checkSpecs(args[2], 'lookupIn', lookupInInternal);
  checkOptions(args[3], lookupInInternal);
  const found = perform({ ...request('lookupIn', called), specs }, lookupInInternal);
  return failed(found) ? found : lookupResult(called.meta.key, called.meta.expiry, found);
}

/**
 * Puts the advanced accessors on the `couchbase` namespace: natives, wrappers, the get cache and
 * the spec builders. Everything but the builders is inert outside an invocation.
 * fidelity: the natives are own properties here, inherited from the prototype on the server.
 * @param {Record<string, any>} namespace
 */
export function installAdvancedAccessors(namespace) {
  const natives = {
    getInternal,
    insertInternal: storeNative('insert'),
    upsertInternal: storeNative('upsert'),
    replaceInternal: storeNative('replace'),
    deleteInternal,
    increment: counterNative('increment'),
    decrement: counterNative('decrement'),
    touchInternal,
    bindingDetails,
    mutateInInternal,
    lookupInInternal,
  };
  for (const [name, native] of Object.entries(natives)) {
    namespace[name] = inertOutsideInvocation(native);
  }
  installGetCache(/** @type {any} */ (namespace));
  Object.assign(namespace, createSpecBuilders());
}
