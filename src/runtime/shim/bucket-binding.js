import { sendWrite } from './basic-writes.js';
import { fail, toRealmError } from './errors.js';
import { invalidateCachedKey } from './get-cache.js';
import { shimState } from './state.js';

// A bucket binding is a map over a keyspace (spec §3): every property read, write and delete is a
// KV operation. V8 interceptors in the server become Proxy traps here; the host performs the
// operation and decides outcomes that depend on the store or on language_compatibility.

/**
 * @typedef {object} BucketBindingConfig
 * @property {number} index position in depcfg.buckets, the host's handle for the binding
 * @property {'r' | 'rw'} access
 * @property {boolean} wildcard true when the binding's scope or collection is `*`
 * @property {{ bucket: string, scope: string, collection: string }} keyspace as in depcfg
 */

/**
 * The configuration behind each binding object, so `couchbase.*` can tell a binding from any
 * other object without touching it (every property access on a binding is a KV operation).
 * @type {WeakMap<object, BucketBindingConfig>}
 */
const bindingConfigs = new WeakMap();

/**
 * The configuration of a bucket binding object, or undefined for any other value.
 * @param {unknown} value
 * @returns {BucketBindingConfig | undefined}
 */
export function bucketBindingConfig(value) {
  return typeof value === 'object' && value !== null ? bindingConfigs.get(value) : undefined;
}

/** @typedef {import('../door-protocol.ts').DoorError} DoorError */

const WILDCARD_MESSAGE =
  'Map accessor is not allowed for wild card keyspace binding. Please use advance keyspace accessor';

/**
 * @param {unknown} result
 * @returns {result is DoorError}
 */
function isDoorError(result) {
  return typeof result === 'object' && result !== null && 'error' in result;
}

/**
 * @param {string | symbol} key
 * @param {'EventingError' | 'KVError'} errorClass
 * @param {Function} below
 * @returns {string}
 */
function checkKey(key, errorClass, below) {
  if (typeof key === 'symbol') {
    shimState.door('stat', 'bucket_op_exception_count');
    fail(errorClass, 'Invalid data type for key - "symbol" is not a valid type', below);
  }
  return key;
}

/**
 * Serialises a value as the server does: an ArrayBuffer as its bytes, anything else as
 * JSON.stringify (so a Uint8Array becomes a JSON object, as on the server).
 * @param {unknown} value
 * @param {Function} below
 * @returns {string | ArrayBuffer}
 */
export function serializeValue(value, below) {
  const type = typeof value;
  if (type === 'undefined' || type === 'function' || type === 'symbol') {
    shimState.door('stat', 'bucket_op_exception_count');
    fail('EventingError', `Invalid data type for value - "${type}" is not a valid type`, below);
  }
  if (value instanceof ArrayBuffer) return value;
  return /** @type {string} */ (JSON.stringify(value));
}

/**
 * Turns a stored value into what handler code sees.
 * @param {string | ArrayBuffer} stored
 * @param {Function} below
 */
export function deserializeValue(stored, below) {
  if (typeof stored !== 'string') return stored;
  try {
    return JSON.parse(stored);
  } catch {
    return fail('EventingError', 'Unable to parse response body as JSON', below);
  }
}

/**
 * @param {BucketBindingConfig} config
 * @returns {object}
 */
export function createBucketBinding(config) {
  const { index, access, wildcard, keyspace } = config;

  /** @param {object} _target @param {string | symbol} property */
  function get(_target, property) {
    if (!shimState.executing) return undefined;
    const key = checkKey(property, 'EventingError', get);
    if (wildcard) fail('EventingError', WILDCARD_MESSAGE, get);
    invalidateCachedKey(keyspace, key);
    const result = shimState.door('kv.get', index, key);
    if (result === null) return undefined;
    if (isDoorError(result)) throw toRealmError(result.error, get);
    return deserializeValue(result, get);
  }

  /** @param {object} _target @param {string | symbol} property @param {unknown} value */
  function set(_target, property, value) {
    if (!shimState.executing) return true;
    const key = checkKey(property, 'EventingError', set);
    if (wildcard) fail('EventingError', WILDCARD_MESSAGE, set);
    if (access === 'r') {
      shimState.door('stat', 'bucket_op_exception_count');
      fail('EventingError', 'Writing to source bucket is forbidden', set);
    }
    const serialized = serializeValue(value, set);
    invalidateCachedKey(keyspace, key);
    const result = sendWrite(index, key, serialized);
    if (isDoorError(result)) throw toRealmError(result.error, set);
    return true;
  }

  /** @param {object} _target @param {string | symbol} property */
  function deleteProperty(_target, property) {
    if (!shimState.executing) return true;
    const key = checkKey(property, 'KVError', deleteProperty);
    if (wildcard) fail('EventingError', WILDCARD_MESSAGE, deleteProperty);
    if (access === 'r') {
      shimState.door('stat', 'bucket_op_exception_count');
      fail('EventingError', 'Delete from source bucket is forbidden', deleteProperty);
    }
    invalidateCachedKey(keyspace, key);
    const result = shimState.door('kv.delete', index, key);
    if (isDoorError(result)) throw toRealmError(result.error, deleteProperty);
    return true;
  }

  const binding = new Proxy(Object.create(null), {
    get,
    set,
    deleteProperty,
    // Without an enumerator the binding has no own keys (JSON.stringify(binding) is "{}").
    ownKeys: () => [],
    getOwnPropertyDescriptor: () => undefined,
    // `key in binding` asks the getter, as V8 does for an interceptor without a query callback.
    has: (target, property) => get(target, property) !== undefined,
  });
  bindingConfigs.set(binding, config);
  return binding;
}
