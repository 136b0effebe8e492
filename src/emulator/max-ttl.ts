import type { Keyspace } from '../definition/keyspace.ts';
import { EventingDevError } from '../errors.ts';

// The maximum TTL (maxTTL) of buckets and collections, and the expiry a write gets under it, by
// the rules of Couchbase's documentation (Expiration, "Expiration Setting Priorities"):
// - a collection's maxTTL above 0 applies; 0 inherits the bucket's; -1 means no maximum even
//   when the bucket has one (scopes have none);
// - every write that creates or changes a document (KV, sub-document, counters, touch, SQL++,
//   Eventing, the web console) gets it: no expiry (0) becomes now + maxTTL, and an expiry
//   further away than that is brought down to it;
// - documents written before a maxTTL was set keep their expiry until they are next written.

/** The largest TTL Couchbase accepts, in seconds. */
const MAX_TTL_LIMIT = 2_147_483_647;

export interface MaxTtlPath {
  bucket: string;
  scope?: string;
  collection?: string;
}

export class MaxTtls {
  readonly #buckets = new Map<string, number>();
  readonly #collections = new Map<string, number>();

  /**
   * Sets the maxTTL of a bucket (0 or more seconds) or a collection (-1 or more).
   * @throws EventingDevError `ARGUMENT_INVALID` for a scope, or a value Couchbase refuses.
   */
  set(path: MaxTtlPath, maxTTL: number): void {
    checkMaxTtl(path, maxTTL);
    if (isCollection(path)) this.#collections.set(collectionKey(path as Keyspace), maxTTL);
    else this.#buckets.set(path.bucket, maxTTL);
  }

  /** The maxTTL that applies to a keyspace's writes, in seconds; 0 for none. */
  limitOf(keyspace: Keyspace): number {
    const own = this.#collections.get(collectionKey(keyspace)) ?? 0;
    if (own > 0) return own;
    if (own < 0) return 0;
    return this.#buckets.get(keyspace.bucket) ?? 0;
  }

  /**
   * The expiration (epoch seconds, 0 for none) a write asking for `requested` gets at `nowMs`.
   */
  expirationOf(keyspace: Keyspace, requested: number, nowMs: number): number {
    if (this.#buckets.size === 0 && this.#collections.size === 0) return requested;
    const limit = this.limitOf(keyspace);
    if (limit === 0) return requested;
    const latest = Math.floor(nowMs / 1000) + limit;
    return requested === 0 || requested > latest ? latest : requested;
  }
}

/**
 * What keyspace text gives a maxTTL to: `bucket` alone is the bucket itself (whose maxTTL its
 * collections inherit), anything else the collection (or scope) it names.
 */
export function maxTtlPath(text: string, parsed: Keyspace): MaxTtlPath {
  const bucketAlone = !text.replace(/`[^`]*`/g, '').includes('.');
  return bucketAlone ? { bucket: parsed.bucket } : parsed;
}

/**
 * @throws EventingDevError `ARGUMENT_INVALID` for a scope, or a value Couchbase refuses.
 */
export function checkMaxTtl(path: MaxTtlPath, maxTTL: number): void {
  const collection = isCollection(path);
  if (path.scope !== undefined && !collection) {
    throw invalid(
      `Scope ${path.bucket}.${path.scope} cannot have a maxTTL`,
      'Scopes have none on Couchbase: give it to the bucket or to a collection.',
    );
  }
  const lowest = collection ? -1 : 0;
  if (!Number.isInteger(maxTTL) || maxTTL < lowest || maxTTL > MAX_TTL_LIMIT) {
    throw invalid(
      `Invalid maxTTL ${String(maxTTL)}`,
      `Give a whole number of seconds from ${lowest} to ${MAX_TTL_LIMIT}${collection ? " (-1: no maximum, even if the bucket has one; 0: the bucket's)" : ' (0: none)'}.`,
    );
  }
}

function isCollection(path: MaxTtlPath): boolean {
  return path.scope !== undefined && path.collection !== undefined && path.collection !== '*';
}

function collectionKey(keyspace: Keyspace): string {
  return `${keyspace.bucket}\u0000${keyspace.scope}\u0000${keyspace.collection}`;
}

function invalid(message: string, hint: string): EventingDevError {
  return new EventingDevError('ARGUMENT_INVALID', message, { hint });
}
