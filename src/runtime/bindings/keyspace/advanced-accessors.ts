import { type Keyspace, keyspaceMatches } from '../../../definition/keyspace.ts';
import type {
  AdvancedOp,
  AdvancedRequest,
  AdvancedResult,
  AdvancedSuccess,
  SoftFailureFlag,
  SubdocSpecRequest,
} from '../../door-protocol.ts';
import { KvFailure, type KvRefusal, type MutateInSpec, type StoredDocument } from '../../ports.ts';
import { fromDoorValue, type KeyspaceContext, toDoorValue } from './basic-accessors.ts';
import { checkKvKey, checkKvValue, type KvErrorName, kvError } from './kv-errors.ts';

// Host side of the advanced accessors (spec runtime §4): the shim has validated the arguments
// and builds the result objects; this performs the operation on the Data service and says
// which outcome it had: success data, an expected `{success: false}` outcome, or a KVError.

/** Expected outcomes of each operation, returned rather than thrown (spec §4.2). */
const SOFT: Record<AdvancedOp, Partial<Record<KvRefusal, SoftFailureFlag>>> = {
  get: { not_found: 'key_not_found' },
  // The client library also reports an insert that lost a race as a CAS mismatch (CCBC-1382).
  insert: { exists: 'key_already_exists', cas_mismatch: 'key_already_exists' },
  upsert: {},
  replace: { not_found: 'key_not_found', cas_mismatch: 'cas_mismatch', exists: 'cas_mismatch' },
  delete: { not_found: 'key_not_found', cas_mismatch: 'cas_mismatch', exists: 'cas_mismatch' },
  touch: { not_found: 'key_not_found' },
  increment: { cas_mismatch: 'cas_mismatch', exists: 'cas_mismatch', not_number: 'not_number' },
  decrement: { cas_mismatch: 'cas_mismatch', exists: 'cas_mismatch', not_number: 'not_number' },
  mutateIn: {
    not_found: 'key_not_found',
    cas_mismatch: 'cas_mismatch',
    exists: 'cas_mismatch',
    path_exists: 'field_already_exists',
    path_not_found: 'field_not_found',
  },
  lookupIn: { not_found: 'key_not_found' },
};

/**
 * `error.code` of each outcome: the KV engine's status (not to be relied on, as the server says).
 * fidelity: fixed values here, where the server passes on the status of the response.
 */
const SOFT_CODES: Record<SoftFailureFlag, number> = {
  key_not_found: 1,
  key_already_exists: 2,
  cas_mismatch: 2,
  not_number: 0xc1,
  field_already_exists: 0xc9,
  field_not_found: 0xc0,
};

/** How the client library reports a refusal that is not an expected outcome of the operation. */
const THROWN: Record<KvRefusal, KvErrorName> = {
  not_found: 'LCB_ERR_DOCUMENT_NOT_FOUND',
  exists: 'LCB_ERR_DOCUMENT_EXISTS',
  cas_mismatch: 'LCB_ERR_CAS_MISMATCH',
  not_number: 'LCB_ERR_SUBDOC_PATH_MISMATCH',
  path_not_found: 'LCB_ERR_SUBDOC_PATH_NOT_FOUND',
  path_exists: 'LCB_ERR_SUBDOC_PATH_EXISTS',
  path_mismatch: 'LCB_ERR_SUBDOC_PATH_MISMATCH',
  path_invalid: 'LCB_ERR_SUBDOC_PATH_INVALID',
  value_invalid: 'LCB_ERR_SUBDOC_VALUE_INVALID',
  not_json: 'LCB_ERR_SUBDOC_DOCUMENT_NOT_JSON',
};

const MUTATE_OPS: readonly MutateInSpec['op'][] = [
  'insert',
  'upsert',
  'replace',
  'remove',
  'arrayAppend',
  'arrayPrepend',
  'arrayInsert',
  'arrayAddUnique',
];

interface Target {
  keyspace: Keyspace;
  /** The function instance to stamp on writes into its own source keyspace. */
  suppressFor: string | undefined;
}

/** Performs one advanced accessor call for the shim. */
export function advancedOp(context: KeyspaceContext, request: AdvancedRequest): AdvancedResult {
  const badKey = checkKvKey(request.key);
  if (badKey) return kvError(badKey, context.stats);
  try {
    const outcome = perform(context, request, target(context, request));
    if (typeof outcome !== 'string') return outcome;
    const soft = SOFT[request.op][outcome];
    if (!soft) return kvError(THROWN[outcome], context.stats);
    if (soft === 'cas_mismatch') context.stats.failure_stats.bkt_ops_cas_mismatch_count++;
    return { soft, code: SOFT_CODES[soft] };
  } catch (error) {
    if (error instanceof KvFailure) return kvError(error.lcbName, context.stats);
    throw error;
  }
}

function perform(
  context: KeyspaceContext,
  request: AdvancedRequest,
  { keyspace, suppressFor }: Target,
): AdvancedSuccess | KvRefusal | AdvancedResult {
  const { port } = context;
  const { key, cas, expiry } = request;
  // Writes the caller lets recurse are not stamped; delete, touch and counters always are.
  const stamp = request.selfRecursion ? {} : suppressed(suppressFor);
  switch (request.op) {
    case 'get':
      return get(context, request, keyspace);
    case 'insert':
    case 'upsert':
    case 'replace': {
      const value = fromDoorValue(request.value ?? 'null');
      const tooLarge = checkKvValue(value);
      if (tooLarge) return kvError(tooLarge, context.stats);
      const write = { expiration: expiry, ...stamp };
      if (request.op === 'upsert') return casOf(port.upsert(keyspace, key, value, write));
      if (request.op === 'insert') return casOf(port.insert(keyspace, key, value, write));
      return casOf(port.replace(keyspace, key, value, { ...write, cas }));
    }
    case 'delete':
      return port.delete(keyspace, key, { cas, ...suppressed(suppressFor) });
    case 'touch':
      return port.touch(keyspace, key, { expiration: expiry, ...suppressed(suppressFor) });
    case 'increment':
    case 'decrement': {
      const delta = request.op === 'increment' ? 1 : -1;
      return port.counter(keyspace, key, delta, { expiration: 0, ...suppressed(suppressFor) });
    }
    case 'mutateIn': {
      const specs = mutateSpecs(request.specs ?? []);
      if (typeof specs === 'string') return specs;
      return port.mutateIn(keyspace, key, specs, { cas, expiration: expiry, ...stamp });
    }
    case 'lookupIn': {
      const specs = (request.specs ?? []).map(({ path, xattr }) => ({ path, xattr }));
      const found = port.lookupIn(keyspace, key, specs);
      if (typeof found === 'string') return found;
      return {
        cas: found.cas,
        datatype: found.datatype,
        expiration: found.expiration,
        values: found.values.map((entry) => (entry ? JSON.stringify(entry.value) : null)),
      };
    }
  }
}

function get(context: KeyspaceContext, request: AdvancedRequest, keyspace: Keyspace) {
  if (request.cacheMiss) context.stats.failure_stats.bucket_op_cache_miss_count++;
  const found = context.port.read(keyspace, request.key);
  if (!found) return 'not_found';
  const valueBytes =
    typeof found.value === 'string' ? Buffer.byteLength(found.value) : found.value.byteLength;
  return {
    cas: found.cas,
    doc: toDoorValue(found.value),
    datatype: found.datatype,
    expiration: found.expiration,
    // The cache's accounting: the key, the value and the CAS.
    resSize: 8 + Buffer.byteLength(request.key) + valueBytes,
  } satisfies AdvancedSuccess;
}

function casOf(result: StoredDocument | KvRefusal): AdvancedSuccess | KvRefusal {
  return typeof result === 'string' ? result : { cas: result.cas };
}

function suppressed(suppressFor: string | undefined): { suppressFor?: string } {
  return suppressFor === undefined ? {} : { suppressFor };
}

/** The specs with their JSON values parsed; a value the KV engine cannot insert is refused. */
function mutateSpecs(specs: readonly SubdocSpecRequest[]): MutateInSpec[] | KvRefusal {
  const parsed: MutateInSpec[] = [];
  for (const spec of specs) {
    const op = MUTATE_OPS[spec.type - 1] as MutateInSpec['op'];
    const entry: MutateInSpec = {
      op,
      path: spec.path,
      createPath: spec.createPath,
      xattr: spec.xattr,
    };
    if (op !== 'remove') {
      try {
        entry.value = JSON.parse(spec.value ?? '');
      } catch {
        return 'value_invalid';
      }
    }
    parsed.push(entry);
  }
  return parsed;
}

/** The keyspace a request addresses: the binding's, with `*` parts from `meta.keyspace`. */
function target(context: KeyspaceContext, request: AdvancedRequest): Target {
  const binding = context.bindings[request.binding];
  if (!binding) {
    throw new Error(`the shim named bucket binding ${request.binding}, which does not exist`);
  }
  const pattern = binding.keyspace;
  const keyspace: Keyspace = {
    bucket: pattern.bucket,
    scope: pattern.scope === '*' ? (request.scope ?? '') : pattern.scope,
    collection: pattern.collection === '*' ? (request.collection ?? '') : pattern.collection,
  };
  // fidelity: the server stamps an _eventing system xattr on the document; here only the change
  // is marked, so the stamp is invisible to other functions.
  const toSource = keyspaceMatches(context.source, keyspace);
  return { keyspace, suppressFor: toSource ? context.functionInstanceId : undefined };
}
