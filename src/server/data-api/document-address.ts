import { formatKeyspace } from '../../definition/keyspace.ts';
import type { RequestContext } from '../router.ts';
import { DataApiError, invalidArgument } from './data-api-error.ts';

// Where a Data API request points: /v1/buckets/{b}/scopes/{s}/collections/{c}/documents/{key},
// and the errors that name that place as the gateway names it.

/** A document's bucket, scope, collection and key, with the emulator's keyspace text. */
export interface DocumentAddress {
  bucket: string;
  scope: string;
  collection: string;
  key: string;
  /** `bucket.scope.collection`, quoted where a name needs it. */
  keyspace: string;
}

/** The Data service's key limit, in bytes. */
const MAX_KEY_BYTES = 250;
const BUCKET_NAME = /^[A-Za-z0-9._%-]{1,100}$/;
const SCOPE_OR_COLLECTION_NAME = /^[A-Za-z0-9_%-]{1,251}$/;

/**
 * The address in the route's captures.
 * @throws DataApiError 400 for a key of the wrong length, 404 for a bucket, scope or collection
 *   that does not exist.
 */
export function documentAddress(context: RequestContext): DocumentAddress {
  const [bucket = '', scope = '', collection = '', key = ''] = context.params;
  if (!BUCKET_NAME.test(bucket)) throw bucketNotFound(bucket);
  if (!SCOPE_OR_COLLECTION_NAME.test(scope)) throw scopeNotFound(bucket, scope);
  if (!SCOPE_OR_COLLECTION_NAME.test(collection)) {
    throw collectionNotFound(bucket, scope, collection);
  }
  // A write makes no keyspace: the bucket, scope and collection must exist, as on a cluster.
  const missing = context.service.emulator.keyspaces.missing({ bucket, scope, collection });
  if (missing === 'bucket') throw bucketNotFound(bucket);
  if (missing === 'scope') throw scopeNotFound(bucket, scope);
  if (missing === 'collection') throw collectionNotFound(bucket, scope, collection);
  const bytes = Buffer.byteLength(key);
  if (bytes < 1 || bytes > MAX_KEY_BYTES) {
    throw invalidArgument(`Length of document key '${key}' must be between 1 and 251 characters.`);
  }
  return {
    bucket,
    scope,
    collection,
    key,
    keyspace: formatKeyspace({ bucket, scope, collection }),
  };
}

function where(address: DocumentAddress): string {
  return `'${address.key}' in '${address.bucket}/${address.scope}/${address.collection}'`;
}

function documentResource(address: DocumentAddress): string {
  return `/buckets/${address.bucket}/scopes/${address.scope}/collections/${address.collection}/documents/${address.key}`;
}

export function documentNotFound(address: DocumentAddress): DataApiError {
  return new DataApiError(
    404,
    'DocumentNotFound',
    `Document ${where(address).replace("' in", "' not found in")}.`,
    documentResource(address),
  );
}

export function documentExists(address: DocumentAddress): DataApiError {
  return new DataApiError(
    409,
    'DocumentExists',
    `Document ${where(address).replace("' in", "' already existed in")}.`,
    documentResource(address),
  );
}

export function casMismatch(address: DocumentAddress): DataApiError {
  return new DataApiError(
    409,
    'CasMismatch',
    `The specified CAS for ${where(address)} did not match.`,
    documentResource(address),
  );
}

export function notJson(address: DocumentAddress): DataApiError {
  return new DataApiError(
    400,
    'DocumentNotJson',
    `Document ${where(address).replace("' in", "' was not JSON in")}.`,
    documentResource(address),
  );
}

export function notNumeric(address: DocumentAddress): DataApiError {
  return new DataApiError(
    400,
    'DocumentNotNumeric',
    `Cannot perform counter operation on non-numeric document ${where(address)}.`,
    documentResource(address),
  );
}

export function bucketNotFound(bucket: string): DataApiError {
  return new DataApiError(
    404,
    'BucketNotFound',
    `Bucket '${bucket}' was not found.`,
    `/buckets/${bucket}`,
  );
}

export function scopeNotFound(bucket: string, scope: string): DataApiError {
  return new DataApiError(
    404,
    'ScopeNotFound',
    `Scope '${scope}' not found in '${bucket}'.`,
    `/buckets/${bucket}/scopes/${scope}`,
  );
}

export function collectionNotFound(bucket: string, scope: string, collection: string) {
  return new DataApiError(
    404,
    'CollectionNotFound',
    `Collection '${collection}' not found in '${bucket}/${scope}'.`,
    `/buckets/${bucket}/scopes/${scope}/collections/${collection}`,
  );
}
