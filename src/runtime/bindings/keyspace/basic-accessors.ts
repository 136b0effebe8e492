import type { Keyspace } from '../../../definition/keyspace.ts';
import type { LanguageCompatibility } from '../../../definition/types.ts';
import { isDoorError } from '../../door-errors.ts';
import type { DoorError, StoredValue } from '../../door-protocol.ts';
import { type KeyspacePort, KvFailure, type WriteOptions } from '../../ports.ts';
import type { FunctionStats } from '../../stats.ts';
import { checkKvKey, checkKvValue, kvError } from './kv-errors.ts';

// Host side of the basic accessors (spec runtime §3): `binding[key]`, `binding[key] = v` and
// `delete binding[key]`. The shim has already rejected symbol keys, wildcard bindings, read-only
// writes and unserialisable values; what is left depends on the store and on
// language_compatibility.

/** A bucket binding as the host resolves it. */
export interface ResolvedBinding {
  keyspace: Keyspace;
  /** Writes through this binding land in the function's own source keyspace. */
  writesToSource: boolean;
}

export interface KeyspaceContext {
  port: KeyspacePort;
  stats: FunctionStats;
  bindings: readonly ResolvedBinding[];
  languageCompatibility: LanguageCompatibility;
  /** Stamped on writes into the source keyspace so they do not re-trigger this function. */
  functionInstanceId: string;
  /** The function's source keyspace (a pattern when its scope or collection is `*`). */
  source: Keyspace;
}

/** Copies stored bytes into an ArrayBuffer of their own, as the server hands out copies. */
export function toDoorValue(value: string | Uint8Array): StoredValue {
  if (typeof value === 'string') return value;
  return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer;
}

/** Turns a value that crossed the door back into what the store keeps. */
export function fromDoorValue(value: StoredValue): string | Uint8Array {
  return typeof value === 'string' ? value : new Uint8Array(value);
}

function binding(context: KeyspaceContext, index: number): ResolvedBinding {
  const resolved = context.bindings[index];
  if (!resolved) throw new Error(`the shim named bucket binding ${index}, which does not exist`);
  return resolved;
}

export function basicGet(
  context: KeyspaceContext,
  index: number,
  key: string,
): StoredValue | null | DoorError {
  const badKey = checkKvKey(key);
  if (badKey) return kvError(badKey, context.stats);
  const document = failureAsError(context, () =>
    context.port.read(binding(context, index).keyspace, key),
  );
  if (isDoorError(document)) return document;
  if (document) return toDoorValue(document.value);
  // Before 6.5.0 a missing key was an error rather than undefined (spec §10).
  if (context.languageCompatibility === '6.0.0')
    return kvError('LCB_ERR_DOCUMENT_NOT_FOUND', context.stats);
  return null;
}

export function basicSet(
  context: KeyspaceContext,
  index: number,
  key: string,
  value: StoredValue,
): undefined | DoorError {
  const stored = fromDoorValue(value);
  const problem = checkKvKey(key) ?? checkKvValue(stored);
  if (problem) return kvError(problem, context.stats);
  const target = binding(context, index);
  // A map write is an upsert without expiry: any previous expiry is cleared (spec §3.3).
  const written = failureAsError(context, () =>
    context.port.upsert(target.keyspace, key, stored, writeOptions(context, target)),
  );
  return isDoorError(written) ? written : undefined;
}

export function basicDelete(
  context: KeyspaceContext,
  index: number,
  key: string,
): undefined | DoorError {
  const badKey = checkKvKey(key);
  if (badKey) return kvError(badKey, context.stats);
  const target = binding(context, index);
  const removed = failureAsError(context, () =>
    context.port.remove(target.keyspace, key, writeOptions(context, target)),
  );
  if (isDoorError(removed)) return removed;
  if (!removed && context.languageCompatibility === '6.0.0') {
    return kvError('LCB_ERR_DOCUMENT_NOT_FOUND', context.stats);
  }
  return undefined;
}

/** Runs a port operation, turning an unexpected Data service failure into its KVError. */
function failureAsError<T>(context: KeyspaceContext, operation: () => T): T | DoorError {
  try {
    return operation();
  } catch (error) {
    if (error instanceof KvFailure) return kvError(error.lcbName, context.stats);
    throw error;
  }
}

const PLAIN_WRITE: WriteOptions = Object.freeze({ expiration: 0 });

function writeOptions(context: KeyspaceContext, target: ResolvedBinding): WriteOptions {
  return target.writesToSource
    ? { expiration: 0, suppressFor: context.functionInstanceId }
    : PLAIN_WRITE;
}
