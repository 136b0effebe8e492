import { bucketBindingConfig } from './bucket-binding.js';
import { fail } from './errors.js';
import { shimState } from './state.js';

// Argument checks of the advanced accessors, with the server's messages (spec runtime §4.1).
// Every failure is counted in bucket_op_exception_count, as the server counts it.

/** @typedef {import('./bucket-binding.js').BucketBindingConfig} BucketBindingConfig */
/** @typedef {{ key: string, cas: string, expiry: number }} MetaInfo */

const getTime = Date.prototype.getTime;
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * Throws a validation failure.
 * @param {'TypeError' | 'EventingError'} errorClass
 * @param {string} message
 * @param {Function} below
 * @returns {never}
 */
export function invalid(errorClass, message, below) {
  shimState.door('stat', 'bucket_op_exception_count');
  return fail(errorClass, message, below);
}

/**
 * V8's IsObject: functions count as objects.
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
export function isObject(value) {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/**
 * The natives count their arguments first; the wrappers always pass them all.
 * fidelity: some server builds name another operation in this message.
 * @param {unknown[]} args @param {number} count @param {string} name @param {Function} below
 */
export function checkArity(args, count, name, below) {
  if (args.length < count) {
    invalid('TypeError', `couchbase.${name} requires at least ${count} arguments`, below);
  }
}

/**
 * @param {unknown} binding
 * @param {Function} below
 * @returns {BucketBindingConfig}
 */
export function checkBinding(binding, below) {
  if (binding === undefined || binding === null) {
    invalid('TypeError', '1st argument should be object', below);
  }
  return (
    bucketBindingConfig(binding) ??
    invalid('TypeError', '1st argument should be bucket object', below)
  );
}

/**
 * Read-only bindings refuse writes with the server's legacy texts (they name the source bucket
 * whatever the binding is).
 * @param {BucketBindingConfig} config @param {string} message @param {Function} below
 */
export function checkWritable(config, message, below) {
  if (config.access === 'r') invalid('EventingError', message, below);
}

/**
 * The key, CAS and expiry of a `meta` argument. CAS and expiry are read only by the operations
 * that use them; other fields (the whole event meta, say) are ignored.
 * @param {unknown} meta
 * @param {{ cas?: boolean, expiry?: boolean }} reads
 * @param {Function} below
 * @returns {MetaInfo}
 */
export function checkMeta(meta, reads, below) {
  if (!isObject(meta)) invalid('TypeError', '2nd argument should be object', below);
  if (!('id' in meta)) invalid('TypeError', 'document key is not present in 2nd argument', below);
  const id = meta.id;
  const type = typeof id;
  if (type === 'undefined' || type === 'function' || type === 'symbol') {
    invalid('TypeError', `Invalid data type for metaId: "${type}" is not a valid type`, below);
  }
  const key = String(id);
  if (key === '') invalid('TypeError', 'document key cannot be empty', below);
  let cas = '0';
  if (reads.cas && 'cas' in meta) {
    if (typeof meta.cas !== 'string') invalid('TypeError', 'cas should be a string', below);
    cas = parseUnsigned(meta.cas);
  }
  let expiry = 0;
  if (reads.expiry && 'expiry_date' in meta) {
    const seconds = epochSeconds(meta.expiry_date);
    expiry = seconds ?? invalid('TypeError', 'expiry should be a date object', below);
  }
  return { key, cas, expiry };
}

/**
 * The server reads the CAS with strtoull: leading blanks and a sign are allowed, parsing stops
 * at the first non-digit, nothing parsable is 0, and too large a number saturates.
 * @param {string} text
 */
function parseUnsigned(text) {
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(text);
  if (!match) return '0';
  const value = BigInt(/** @type {string} */ (match[2]));
  if (value > UINT64_MAX) return UINT64_MAX.toString();
  return (match[1] === '-' ? (UINT64_MAX + 1n - value) & UINT64_MAX : value).toString();
}

/**
 * Whole epoch seconds of a Date (truncated, then cast to 32 bits unsigned, as the server does),
 * or undefined when the value is not a Date.
 * @param {unknown} value
 */
function epochSeconds(value) {
  let time;
  try {
    time = getTime.call(/** @type {Date} */ (value));
  } catch {
    return undefined;
  }
  return Number.isNaN(time) ? 0 : Math.trunc(time / 1000) >>> 0;
}

/**
 * The collection a call addresses: a binding's `*` scope or collection comes from
 * `meta.keyspace` (spec §4.9); for other bindings `meta.keyspace` is ignored.
 * @param {BucketBindingConfig} config
 * @param {Record<string, any>} meta
 * @param {Function} below
 * @returns {{ bucket: string, scope: string, collection: string }}
 */
export function resolveKeyspace(config, meta, below) {
  const { bucket, scope, collection } = config.keyspace;
  if (!config.wildcard) return config.keyspace;
  const given = meta.keyspace;
  return {
    bucket,
    scope: scope === '*' ? wildcardPart(given, 'scope_name', below) : scope,
    collection: collection === '*' ? wildcardPart(given, 'collection_name', below) : collection,
  };
}

/** @param {any} given @param {string} name @param {Function} below @returns {string} */
function wildcardPart(given, name, below) {
  const part = isObject(given) ? given[name] : undefined;
  if (typeof part === 'string' && part !== '') return part;
  return invalid(
    'EventingError',
    `Inconsistent wildcard usage. ${name} should be provided in the meta object`,
    below,
  );
}

/**
 * What a request carries of a resolved keyspace: only the parts the binding leaves open.
 * @param {BucketBindingConfig} config
 * @param {{ scope: string, collection: string }} keyspace
 */
export function openParts(config, keyspace) {
  if (!config.wildcard) return {};
  return { scope: keyspace.scope, collection: keyspace.collection };
}

/**
 * The value of insert, upsert and replace: an ArrayBuffer as its bytes, anything else as JSON.
 * @param {unknown} value
 * @param {Function} below
 * @returns {string | ArrayBuffer}
 */
export function checkValue(value, below) {
  const type = typeof value;
  if (type === 'undefined' || type === 'function' || type === 'symbol') {
    invalid(
      'TypeError',
      `Invalid data type for 3rd argument: "${type}" is not a valid type`,
      below,
    );
  }
  if (value instanceof ArrayBuffer) return value;
  // fidelity: a toJSON that returns undefined leaves nothing to store; null is stored.
  return JSON.stringify(value) ?? 'null';
}

/**
 * @param {unknown} options
 * @param {Function} below
 * @returns {Record<string, any>}
 */
export function checkOptions(options, below) {
  if (options === undefined) return {};
  if (!isObject(options)) {
    invalid('TypeError', 'options argument, if present, must be object', below);
  }
  return options;
}

/**
 * A boolean option: absent is false, anything else than a boolean is refused.
 * @param {Record<string, any>} options @param {string} name @param {string} message
 * @param {Function} below
 */
export function booleanOption(options, name, message, below) {
  if (!(name in options)) return false;
  const value = options[name];
  if (typeof value !== 'boolean') invalid('TypeError', message, below);
  return value;
}
