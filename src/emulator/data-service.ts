import type { Keyspace } from '../definition/keyspace.ts';
import {
  type CasWriteOptions,
  type KeyspacePort,
  KvFailure,
  type KvFailureName,
  type KvRefusal,
  type LookupInResult,
  type LookupInSpec,
  type MutateInSpec,
  type StoredDocument,
  type WriteOptions,
} from '../runtime/index.ts';
import type { KeyspaceCatalogue, MissingPart } from './keyspace-catalogue.ts';
import type { KvFaultOp, KvFaults } from './kv-faults.ts';
import type { Store } from './store.ts';
import { applyMutation, lookupPath, type PathPart, parsePath } from './subdoc.ts';

// The Data service as functions reach it: the store's documents with the operations the KV
// engine offers (conditional writes, touch, counters, sub-document mutations and lookups),
// each on a keyspace that exists and preceded by the emulator's fault rules. Tests' own writes
// (em.upsert) bypass this.

type SoftFault = 'not_found' | 'exists' | 'cas_mismatch';

/** How the client library reports a soft fault on an operation that has no soft result. */
const THROWN: Record<SoftFault, KvFailureName> = {
  not_found: 'LCB_ERR_DOCUMENT_NOT_FOUND',
  exists: 'LCB_ERR_DOCUMENT_EXISTS',
  cas_mismatch: 'LCB_ERR_CAS_MISMATCH',
};

/**
 * What the client library reports for an operation on a keyspace that does not exist: the
 * collection id lookup fails before the operation is sent (libcouchbase 3 error names).
 */
const UNREACHABLE: Record<MissingPart, KvFailureName> = {
  bucket: 'LCB_ERR_BUCKET_NOT_FOUND',
  scope: 'LCB_ERR_SCOPE_NOT_FOUND',
  collection: 'LCB_ERR_COLLECTION_NOT_FOUND',
};

/** The KeyspacePort the emulator hands its functions. */
export class DataService implements KeyspacePort {
  readonly #store: Store;
  readonly #faults: KvFaults;
  readonly #catalogue: KeyspaceCatalogue;

  constructor(store: Store, faults: KvFaults, catalogue: KeyspaceCatalogue) {
    this.#store = store;
    this.#faults = faults;
    this.#catalogue = catalogue;
  }

  read(keyspace: Keyspace, key: string): StoredDocument | undefined {
    const fault = this.#fault('get', keyspace, key);
    if (fault === 'not_found') return undefined;
    if (fault) throw new KvFailure(THROWN[fault]);
    return this.#store.read(keyspace, key);
  }

  acceptsEveryWrite(keyspace: Keyspace): boolean {
    return this.#faults.empty && this.#catalogue.missing(keyspace) === undefined;
  }

  upsert(
    keyspace: Keyspace,
    key: string,
    value: string | Uint8Array,
    options: WriteOptions,
  ): StoredDocument {
    const fault = this.#fault('upsert', keyspace, key);
    if (fault) throw new KvFailure(THROWN[fault]);
    return this.#store.write(keyspace, key, value, options);
  }

  remove(keyspace: Keyspace, key: string, options: WriteOptions): { cas: string } | undefined {
    const fault = this.#fault('delete', keyspace, key);
    if (fault === 'not_found') return undefined;
    if (fault) throw new KvFailure(THROWN[fault]);
    return this.#store.remove(keyspace, key, options);
  }

  insert(
    keyspace: Keyspace,
    key: string,
    value: string | Uint8Array,
    options: WriteOptions,
  ): StoredDocument | KvRefusal {
    const fault = this.#fault('insert', keyspace, key);
    if (fault) return fault;
    if (this.#store.read(keyspace, key)) return 'exists';
    return this.#store.write(keyspace, key, value, options);
  }

  replace(
    keyspace: Keyspace,
    key: string,
    value: string | Uint8Array,
    options: CasWriteOptions,
  ): StoredDocument | KvRefusal {
    const found = this.#existing('replace', keyspace, key, options.cas);
    if (typeof found === 'string') return found;
    return this.#store.write(keyspace, key, value, writeOf(options));
  }

  delete(keyspace: Keyspace, key: string, options: CasWriteOptions): { cas: string } | KvRefusal {
    const found = this.#existing('delete', keyspace, key, options.cas);
    if (typeof found === 'string') return found;
    return this.#store.remove(keyspace, key, options) ?? 'not_found';
  }

  touch(keyspace: Keyspace, key: string, options: WriteOptions): { cas: string } | KvRefusal {
    const found = this.#existing('touch', keyspace, key, undefined);
    if (typeof found === 'string') return found;
    return this.#store.write(keyspace, key, found.value, {
      ...writeOf(options),
      xattrs: found.xattrs,
      flags: found.flags,
    });
  }

  counter(
    keyspace: Keyspace,
    key: string,
    delta: number,
    options: WriteOptions,
  ): { cas: string; count: number } | KvRefusal {
    const fault = this.#fault(delta < 0 ? 'decrement' : 'increment', keyspace, key);
    if (fault) return fault;
    const found = this.#store.read(keyspace, key);
    if (!found) {
      const record = this.#store.write(keyspace, key, JSON.stringify({ count: delta }), options);
      return { cas: record.cas, count: delta };
    }
    if (typeof found.value !== 'string') return 'not_json';
    const root: unknown = JSON.parse(found.value);
    if (typeof root !== 'object' || root === null || Array.isArray(root)) return 'path_mismatch';
    // fidelity: the server's counters are 64-bit integers; here a safe integer of a reparsed body.
    const current = (root as Record<string, unknown>).count ?? 0;
    if (!Number.isSafeInteger(current)) return 'not_number';
    const count = (current as number) + delta;
    (root as Record<string, unknown>).count = count;
    // inferred: a sub-document mutation without an expiry clears the document's expiry.
    const record = this.#store.write(keyspace, key, JSON.stringify(root), {
      ...writeOf(options),
      xattrs: found.xattrs,
      flags: found.flags,
    });
    return { cas: record.cas, count };
  }

  mutateIn(
    keyspace: Keyspace,
    key: string,
    specs: readonly MutateInSpec[],
    options: CasWriteOptions,
  ): { cas: string } | KvRefusal {
    const found = this.#existing('mutateIn', keyspace, key, options.cas);
    if (typeof found === 'string') return found;
    // fidelity: no limit of 16 specs or 32 path levels, and the body is parsed and serialised
    // again (numbers normalised), where the KV engine leaves untouched bytes alone.
    let body: { root: unknown } | undefined;
    let xattrs: Record<string, unknown> | undefined;
    for (const spec of specs) {
      const parts = partsOf(spec);
      if (!parts) return 'path_invalid';
      if (spec.xattr) xattrs ??= structuredClone(found.xattrs ?? {});
      else if (!body) {
        if (typeof found.value !== 'string') return 'not_json';
        body = { root: JSON.parse(found.value) };
      }
      const applied = applyMutation(spec.xattr ? xattrs : body?.root, spec, parts);
      if (typeof applied === 'string') return applied;
      if (!spec.xattr) (body as { root: unknown }).root = applied.root;
    }
    const record = this.#store.write(
      keyspace,
      key,
      body ? JSON.stringify(body.root) : found.value,
      {
        ...writeOf(options),
        xattrs: xattrs ? (Object.keys(xattrs).length > 0 ? xattrs : null) : found.xattrs,
        flags: found.flags,
      },
    );
    return { cas: record.cas };
  }

  lookupIn(
    keyspace: Keyspace,
    key: string,
    specs: readonly LookupInSpec[],
  ): LookupInResult | KvRefusal {
    const found = this.#existing('lookupIn', keyspace, key, undefined);
    if (typeof found === 'string') return found;
    let body: { root: unknown } | undefined;
    const values = specs.map((spec) => {
      const parts = partsOf(spec);
      if (!parts) return undefined;
      if (spec.xattr) return orUndefined(lookupPath(found.xattrs ?? {}, parts));
      if (typeof found.value !== 'string') return undefined;
      body ??= { root: JSON.parse(found.value) };
      return orUndefined(lookupPath(body.root, parts));
    });
    return {
      cas: found.cas,
      datatype: found.datatype,
      expiration: found.expiration,
      values,
    };
  }

  /** The live document an operation needs, after the fault rules and the CAS check. */
  #existing(
    op: KvFaultOp,
    keyspace: Keyspace,
    key: string,
    cas: string | undefined,
  ): StoredDocument | KvRefusal {
    const fault = this.#fault(op, keyspace, key);
    if (fault) return fault;
    const found = this.#store.read(keyspace, key);
    if (!found) return 'not_found';
    if (cas !== undefined && cas !== '0' && cas !== found.cas) return 'cas_mismatch';
    return found;
  }

  /**
   * The soft fault of the first matching rule; hard faults, and a keyspace that does not
   * exist, are thrown. Every operation starts here.
   */
  #fault(op: KvFaultOp, keyspace: Keyspace, key: string): SoftFault | undefined {
    const missing = this.#catalogue.missing(keyspace);
    if (missing) throw new KvFailure(UNREACHABLE[missing]);
    if (this.#faults.empty) return undefined;
    const error = this.#faults.match(op, keyspace, key);
    if (error === 'timeout') throw new KvFailure('LCB_ERR_TIMEOUT');
    if (error === 'temporary_failure') throw new KvFailure('LCB_ERR_TEMPORARY_FAILURE');
    return error;
  }
}

/** The store's write options, without the CAS the check already used. */
function writeOf(options: WriteOptions): WriteOptions {
  const write: WriteOptions = { expiration: options.expiration ?? 0 };
  if (options.suppressFor !== undefined) write.suppressFor = options.suppressFor;
  return write;
}

/** The parts of a spec's path; an xattr path must start with the attribute's name. */
function partsOf(spec: { path: string; xattr: boolean }): PathPart[] | undefined {
  const parts = parsePath(spec.path);
  if (spec.xattr && typeof parts?.[0] !== 'string') return undefined;
  return parts;
}

function orUndefined(found: { value: unknown } | KvRefusal): { value: unknown } | undefined {
  return typeof found === 'string' ? undefined : found;
}
