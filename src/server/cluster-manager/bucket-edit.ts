import { type BucketFormResult, type BucketSettings, readBucketForm } from './bucket-form.ts';

// The form of POST /pools/default/buckets/{bucket} (couchbase-cli bucket-edit): the fields it
// gives replace the bucket's, checked as a create checks them; the type and the conflict
// resolution cannot change, as ns_server has it.

/** The fields an edit may give, under the name the create form reads. */
const EDITABLE: Record<string, string> = {
  ramQuota: 'ramQuota',
  ramQuotaMB: 'ramQuota',
  replicaNumber: 'replicaNumber',
  evictionPolicy: 'evictionPolicy',
  maxTTL: 'maxTTL',
  flushEnabled: 'flushEnabled',
  durabilityMinLevel: 'durabilityMinLevel',
};

/**
 * The settings of bucket `name` after an edit, or the edit's errors by field.
 *
 * @example
 * readBucketEdit('shop', current, new URLSearchParams('ramQuota=200')); // { ok: true, settings: { ...current, ramQuotaMB: 200 } }
 */
export function readBucketEdit(
  name: string,
  current: BucketSettings,
  given: URLSearchParams,
): BucketFormResult {
  const type = current.bucketType === 'ephemeral' ? 'ephemeral' : 'couchbase';
  const errors: Record<string, string> = {};
  const askedType = given.get('bucketType');
  if (askedType !== null && (askedType === 'membase' ? 'couchbase' : askedType) !== type) {
    errors.bucketType = 'Cannot change bucket type.';
  }
  if (given.has('conflictResolutionType')) {
    errors.conflictResolutionType = 'Conflict resolution type not allowed in update bucket';
  }
  const form = new URLSearchParams({
    name,
    bucketType: type,
    ramQuota: String(current.ramQuotaMB),
    replicaNumber: String(current.replicaNumber),
    evictionPolicy: current.evictionPolicy,
    maxTTL: String(current.maxTTL),
    flushEnabled: current.flushEnabled ? '1' : '0',
    durabilityMinLevel: current.durabilityMinLevel,
    conflictResolutionType: current.conflictResolutionType,
    numVBuckets: String(current.numVBuckets),
    ...(current.storageBackend ? { storageBackend: current.storageBackend } : {}),
  });
  for (const [field, as] of Object.entries(EDITABLE)) {
    const value = given.get(field);
    if (value !== null) form.set(as, value);
  }
  const read = readBucketForm(form, () => false);
  const all = { ...(read.ok ? {} : read.errors), ...errors };
  return Object.keys(all).length > 0 ? { ok: false, errors: all } : read;
}
