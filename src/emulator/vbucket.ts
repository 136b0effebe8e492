import { crc32 } from 'node:zlib';

/** Number of vBuckets of a Couchbase bucket on Linux. */
export const VBUCKET_COUNT = 1024;

/** The vBucket a key lives in: Couchbase's CRC32-based key hashing. */
export function vbucketOf(key: string): number {
  return ((crc32(key) >>> 16) & 0x7fff) % VBUCKET_COUNT;
}
