import { deserializeValue } from './bucket-binding.js';
import { toRealmError } from './errors.js';
import { shimState } from './state.js';

// The result objects of the advanced accessors, keys in the order the server builds them
// (spec runtime §4.2), from what the host reports through the door.

/** @typedef {import('../door-protocol.ts').AdvancedRequest} AdvancedRequest */
/** @typedef {import('../door-protocol.ts').AdvancedSuccess} AdvancedSuccess */
/** @typedef {import('../door-protocol.ts').SoftFailureFlag} SoftFailureFlag */

const BuiltinDate = Date;

/** `name` and `desc` of each `{success: false}` outcome, texts (and their typos) as built. */
const SOFT_ERRORS = {
  key_not_found: ['LCB_KEY_ENOENT', 'The document key does not exist on the server'],
  key_already_exists: ['LCB_KEY_EEXISTS', 'The document key already exists in the server.'],
  cas_mismatch: [
    'LCB_KEY_EEXISTS',
    'The document key exists with a CAS value different than specified',
  ],
  not_number: ['LCB_DELTA_BADVAL', 'counter value cannot be parsed as a number'],
  field_already_exists: ['LCB_ERR_SUBDOC_PATH_EXISTS', 'The document path already exist'],
  field_not_found: [
    'LCB_ERR_SUBDOC_PATH_NOT_FOUND',
    'The document key does not exist on the server',
  ],
};

/**
 * Asks the host to perform an operation: the success data, or the finished `{success: false}`
 * result. A KVError the host reports is thrown, from the user's frame.
 * @param {AdvancedRequest} request
 * @param {Function} below
 * @returns {AdvancedSuccess | { error: object, success: false }}
 */
export function perform(request, below) {
  const result = shimState.door('kv.advanced', request);
  if ('error' in result) throw toRealmError(result.error, below);
  if ('soft' in result) return softFailure(result.soft, result.code);
  return result;
}

/**
 * @param {unknown} result
 * @returns {result is { error: object, success: false }}
 */
export function failed(result) {
  return /** @type {{ success?: unknown }} */ (result).success === false;
}

/** @param {SoftFailureFlag} flag @param {number} code */
function softFailure(flag, code) {
  const [name, desc] = SOFT_ERRORS[flag];
  /** @type {Record<string, unknown>} */
  const error = { code, name, desc };
  error[flag] = true;
  return { error, success: /** @type {const} */ (false) };
}

/**
 * The `meta` of a result: id and CAS, then expiry_date when there is an expiry.
 * @param {string} key @param {string} cas @param {number} expiry epoch seconds, 0 for none
 * @returns {Record<string, unknown>}
 */
export function resultMeta(key, cas, expiry) {
  /** @type {Record<string, unknown>} */
  const meta = { id: key, cas };
  if (expiry) meta.expiry_date = new BuiltinDate(expiry * 1000);
  return meta;
}

/**
 * `{doc, meta: {id, cas, expiry_date?, datatype}, res_size, success}`.
 * @param {string} key @param {AdvancedSuccess} found @param {Function} below
 */
export function getResult(key, found, below) {
  const doc = deserializeValue(/** @type {string | ArrayBuffer} */ (found.doc), below);
  const meta = resultMeta(key, found.cas, found.expiration ?? 0);
  meta.datatype = found.datatype;
  return { doc, meta, res_size: found.resSize, success: true };
}

/**
 * `{doc: [{value, success: true} | {success: false}, …], meta: {id, cas, expiry_date?,
 * datatype}, success}`.
 * fidelity: not traced on the server; the expiry echoes the request's, as for the writes.
 * @param {string} key @param {number} expiry @param {AdvancedSuccess} found
 */
export function lookupResult(key, expiry, found) {
  const doc = (found.values ?? []).map((text) =>
    text === null ? { success: false } : { value: JSON.parse(text), success: true },
  );
  const meta = resultMeta(key, found.cas, expiry);
  meta.datatype = found.datatype;
  return { doc, meta, success: true };
}
