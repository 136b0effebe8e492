import { doorError } from '../../door-errors.ts';
import type { DoorError } from '../../door-protocol.ts';
import type { FunctionStats } from '../../stats.ts';

// KVError messages are objects describing the libcouchbase error (spec runtime §3.6). Codes and
// long descriptions follow libcouchbase 3; the server's tests tell users not to rely on either,
// only on `name`.

const KV_ERRORS = {
  LCB_ERR_TIMEOUT: [201, 'The request was not completed by the user-defined timeout'],
  LCB_ERR_INVALID_ARGUMENT: [203, 'Invalid argument'],
  LCB_ERR_TEMPORARY_FAILURE: [207, 'The server is temporarily unable to process the request'],
  LCB_ERR_DOCUMENT_NOT_FOUND: [301, 'The document requested was not found on the server'],
  LCB_ERR_VALUE_TOO_LARGE: [304, 'The object size is larger than the server allows'],
  LCB_ERR_DOCUMENT_EXISTS: [305, 'The document requested already exists'],
  LCB_ERR_CAS_MISMATCH: [209, 'CAS mismatch'],
  LCB_ERR_BUCKET_NOT_FOUND: [210, 'A request is made but the current bucket is not found'],
  LCB_ERR_COLLECTION_NOT_FOUND: [
    211,
    'A request is made but the current collection (including scope) is not found',
  ],
  LCB_ERR_SCOPE_NOT_FOUND: [217, 'Scope is not found'],
  LCB_ERR_SUBDOC_PATH_NOT_FOUND: [313, 'Subdoc: path not found'],
  LCB_ERR_SUBDOC_PATH_MISMATCH: [314, 'Subdoc: path mismatch'],
  LCB_ERR_SUBDOC_PATH_INVALID: [315, 'Subdoc: path invalid'],
  LCB_ERR_SUBDOC_VALUE_INVALID: [319, 'Subdoc: cannot insert value'],
  LCB_ERR_SUBDOC_DOCUMENT_NOT_JSON: [320, 'Subdoc: document is not a JSON'],
  LCB_ERR_SUBDOC_PATH_EXISTS: [323, 'Subdoc: path already exists'],
} as const;

export type KvErrorName = keyof typeof KV_ERRORS;

/** The KVError a handler sees for a libcouchbase error, counted in the function's statistics. */
export function kvError(name: KvErrorName, stats: FunctionStats): DoorError {
  const [code, text] = KV_ERRORS[name];
  stats.failure_stats.bucket_op_exception_count++;
  stats.lcb_exception_stats[code] = (stats.lcb_exception_stats[code] ?? 0) + 1;
  return doorError('KVError', { code, desc: `${name} (${code}): ${text}`, name });
}

/** The Data service's limits on keys and values. */
const MAX_KEY_BYTES = 250;
const MAX_VALUE_BYTES = 20 * 1024 * 1024;

/** The error the Data service gives for a key it cannot store, if any. */
export function checkKvKey(key: string): KvErrorName | undefined {
  if (key.length === 0) return 'LCB_ERR_INVALID_ARGUMENT';
  // A UTF-16 unit is at most 3 UTF-8 bytes: only long keys need measuring.
  if (key.length * 3 > MAX_KEY_BYTES && Buffer.byteLength(key) > MAX_KEY_BYTES) {
    return 'LCB_ERR_INVALID_ARGUMENT';
  }
  return undefined;
}

/** The error the Data service gives for a value it cannot store, if any. */
export function checkKvValue(value: string | Uint8Array): KvErrorName | undefined {
  if (typeof value === 'string') {
    if (value.length * 3 <= MAX_VALUE_BYTES) return undefined;
    return Buffer.byteLength(value) > MAX_VALUE_BYTES ? 'LCB_ERR_VALUE_TOO_LARGE' : undefined;
  }
  return value.byteLength > MAX_VALUE_BYTES ? 'LCB_ERR_VALUE_TOO_LARGE' : undefined;
}
