import { log } from './log.js';
import { inertOutsideInvocation as inert, shimState } from './state.js';

// The JavaScript layer the server puts over its native accessors (spec runtime §4.1, §4.3):
// `couchbase.get` with its per-isolate cache, and the write wrappers that check the binding
// through `couchbase.bindingDetails` and drop the key's cache entry before calling the native.
// As on the server, everything is looked up on the namespace when called, and the cache's own
// members (`mapkeys`, `map_key_size`, `max_expiry`, `max_size`, …) are visible on it.

/**
 * @typedef {{ data: { res_size: number, success: boolean }, time: number }} CacheEntry
 * @typedef {Record<string, any> & { mapkeys: Map<string, CacheEntry>, map_key_size: number }} Namespace
 */

/** @type {Namespace | undefined} */
let installed;

/**
 * Adds the wrappers and the cache to the `couchbase` namespace, whose natives
 * (`getInternal`, `insertInternal`, … `bindingDetails`) are already in place.
 * @param {Namespace} cb
 */
export function installGetCache(cb) {
  installed = cb;
  cb.mapkeys = new Map();
  cb.map_key_size = 0;

  /** @param {unknown} bucket @param {any} meta @param {any} options */
  function get(bucket, meta, options) {
    if (!options?.cache) return cb.getInternal(bucket, meta);
    // Date reads the emulator's clock, so entries age as the test moves time.
    const currentTime = Date.now();
    const details = cb.bindingDetails(bucket, meta);
    const key = cb.getCachedKey(meta.id, details);
    const cached = cb.mapkeys.get(key);
    if (cached) {
      if (currentTime - cached.time < cb.max_expiry) return cached.data;
      log('cache expired item: ', cb.max_expiry);
      cb.mapkeys.delete(key);
      cb.map_key_size = cb.map_key_size - cached.data.res_size;
    }
    const result = cb.getInternal(bucket, meta, options);
    if (!result.success) return result;
    if (cb.map_key_size + result.res_size > cb.max_size) cb.ejectKeys(currentTime);
    cb.mapkeys.set(key, { data: result, time: Date.now() });
    cb.map_key_size += result.res_size;
    return result;
  }

  /**
   * fidelity: the server's wrappers call `this.invalidateKey`, so they fail when taken off
   * `couchbase`; these use the namespace itself.
   * @param {string} name of the native @param {number} arity of the wrapper
   */
  function writeWrapper(name, arity) {
    const native = `${name}Internal`;
    /** @param {unknown} bucket @param {any} meta @param {unknown} third @param {unknown} options */
    const wrapper = function (bucket, meta, third, options) {
      // mutateIn and lookupIn with no specs succeed at once, without checking anything.
      if ((name === 'mutateIn' || name === 'lookupIn') && !third) return { success: true };
      const details = cb.bindingDetails(bucket, meta);
      cb.invalidateKey(cb.getCachedKey(meta.id, details));
      if (arity === 2) return cb[native](bucket, meta);
      return cb[native](bucket, meta, third, options || {});
    };
    Object.defineProperty(wrapper, 'name', { value: name });
    Object.defineProperty(wrapper, 'length', { value: arity });
    return inert(wrapper);
  }

  cb.get = inert(get);
  cb.insert = writeWrapper('insert', 4);
  cb.upsert = writeWrapper('upsert', 4);
  cb.replace = writeWrapper('replace', 4);
  cb.mutateIn = writeWrapper('mutateIn', 4);
  cb.lookupIn = writeWrapper('lookupIn', 4);
  cb.delete = writeWrapper('delete', 2);
  cb.touch = writeWrapper('touch', 2);

  /** Drops every expired entry and, at random, about 3 in 8 of the others. @param {number} currtime */
  cb.ejectKeys = function ejectKeys(currtime) {
    for (const [key, entry] of cb.mapkeys) {
      if (Math.floor(Math.random() * 8) % 3 === 0 || currtime - entry.time > cb.max_expiry) {
        cb.mapkeys.delete(key);
        cb.map_key_size = cb.map_key_size - entry.data.res_size;
      }
    }
  };

  /** @param {string} key */
  cb.invalidateKey = function invalidateKey(key) {
    const entry = cb.mapkeys.get(key);
    if (!entry) return;
    cb.mapkeys.delete(key);
    cb.map_key_size = cb.map_key_size - entry.data.res_size;
  };

  /** @param {unknown} id @param {{ keyspace: Record<string, string> }} details */
  cb.getCachedKey = function getCachedKey(id, details) {
    const { keyspace } = details;
    return `${keyspace.bucket}/${keyspace.scope}/${keyspace.collection}/${id}`;
  };

  cb.max_expiry = shimState.config.bucketCacheAge;
  cb.max_size = shimState.config.bucketCacheSize;
}

/**
 * Read-your-own-writes for the basic accessors: a map read, write or delete of a key drops its
 * `couchbase.get` cache entry, as the server's native accessors do.
 * @param {{ bucket: string, scope: string, collection: string }} keyspace
 * @param {string} key
 */
export function invalidateCachedKey(keyspace, key) {
  const cb = installed;
  // Most functions never cache: skip building the key when there is nothing to drop.
  if (!cb || !(cb.mapkeys instanceof Map) || cb.mapkeys.size === 0) return;
  if (typeof cb.invalidateKey !== 'function') return;
  cb.invalidateKey(`${keyspace.bucket}/${keyspace.scope}/${keyspace.collection}/${key}`);
}
