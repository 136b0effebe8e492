// The form of POST /pools/default/buckets as ns_server reads it (couchbase-cli's bucket-create
// sends it): each field checked on its own, every refusal named after its field, worded as
// ns_server words it.

/** A bucket's settings, as GET /pools/default/buckets/{bucket} shows them. */
export interface BucketSettings {
  /** `membase` is ns_server's name for a Couchbase bucket. */
  bucketType: 'membase' | 'ephemeral';
  storageBackend: 'couchstore' | 'magma' | undefined;
  /** As the bucket was created; the emulator places keys in 1024 vBuckets whatever it says. */
  numVBuckets: number;
  ramQuotaMB: number;
  replicaNumber: number;
  evictionPolicy: string;
  maxTTL: number;
  flushEnabled: boolean;
  durabilityMinLevel: string;
  conflictResolutionType: string;
}

/** The settings of a bucket that exists without having been created here (named by a function). */
export const DEFAULT_BUCKET_SETTINGS: BucketSettings = {
  bucketType: 'membase',
  storageBackend: 'magma',
  numVBuckets: 128,
  ramQuotaMB: 100,
  replicaNumber: 1,
  evictionPolicy: 'valueOnly',
  maxTTL: 0,
  flushEnabled: false,
  durabilityMinLevel: 'none',
  conflictResolutionType: 'seqno',
};

export type BucketFormResult =
  | { ok: true; name: string; settings: BucketSettings }
  | { ok: false; errors: Record<string, string> };

const MAX_NAME_LENGTH = 100;
const MAX_REPLICAS = 3;
const MAX_TTL = 2_147_483_647;
const MIN_RAM_QUOTA_MB = 100;
const VBUCKETS = { min: 16, max: 1024, magmaDefault: 128, otherwise: 1024 };
/** Couchbase Server 8.0: a Magma bucket with 128 vBuckets needs 100 MiB, with more 1 GiB. */
const minMagmaRamQuotaMB = (vbuckets: number) => (vbuckets <= 128 ? 100 : 1024);

/**
 * The bucket a create request asks for, or its errors by field.
 * @param exists whether a bucket of that name exists, case aside (ns_server compares so).
 */
export function readBucketForm(
  form: URLSearchParams,
  exists: (name: string) => boolean,
): BucketFormResult {
  const errors: Record<string, string> = {};
  const name = form.get('name');
  const nameError = bucketNameError(name, exists);
  if (nameError) errors.name = nameError;
  const type = form.get('bucketType') ?? 'couchbase';
  if (!['couchbase', 'membase', 'ephemeral'].includes(type)) {
    // fidelity: memcached buckets, gone from Couchbase Server 8.0, are refused as unknown.
    errors.bucketType = 'invalid bucket type';
  }
  const ephemeral = type === 'ephemeral';
  const ramQuotaMB = wholeNumber(form.get('ramQuota') ?? form.get('ramQuotaMB'));
  if (ramQuotaMB === undefined) {
    errors.ramQuota = 'The RAM Quota must be specified and must be a positive integer.';
  } else if (ramQuotaMB < MIN_RAM_QUOTA_MB) {
    errors.ramQuota = `RAM quota cannot be less than ${MIN_RAM_QUOTA_MB} MiB`;
  }
  // Couchbase Server 8.0 makes new Couchbase buckets Magma buckets with 128 vBuckets.
  const storage = ephemeral ? undefined : (form.get('storageBackend') ?? 'magma');
  const vbucketText = form.get('numVBuckets');
  const numVBuckets =
    vbucketText === null
      ? storage === 'magma'
        ? VBUCKETS.magmaDefault
        : VBUCKETS.otherwise
      : wholeNumber(vbucketText);
  if (numVBuckets === undefined || numVBuckets < VBUCKETS.min || numVBuckets > VBUCKETS.max) {
    errors.numVbuckets = `Number of vbuckets must be an integer between ${VBUCKETS.min} and ${VBUCKETS.max}`;
  }
  const magmaMinimum = minMagmaRamQuotaMB(numVBuckets ?? VBUCKETS.magmaDefault);
  if (storage !== undefined && storage !== 'couchstore' && storage !== 'magma') {
    errors.storage_mode = 'storage backend must be couchstore or magma';
  } else if (storage === 'magma' && !errors.ramQuota && Number(ramQuotaMB) < magmaMinimum) {
    errors.ramQuota = `Ram quota for magma must be at least ${magmaMinimum} MiB`;
  }
  const replicaText = form.get('replicaNumber') ?? '1';
  const replicaNumber = wholeNumber(replicaText);
  if (replicaNumber === undefined) {
    errors.replicaNumber = /^-\d+$/.test(replicaText)
      ? 'The replica number cannot be negative.'
      : 'The replica number must be specified and must be a non-negative integer.';
  } else if (replicaNumber > MAX_REPLICAS) {
    errors.replicaNumber = `Replica number larger than ${MAX_REPLICAS} is not supported.`;
  }
  const evictionPolicy = form.get('evictionPolicy') ?? (ephemeral ? 'noEviction' : 'valueOnly');
  const policies = ephemeral ? ['noEviction', 'nruEviction'] : ['valueOnly', 'fullEviction'];
  if (!policies.includes(evictionPolicy)) {
    errors.evictionPolicy = ephemeral
      ? "Eviction policy must be either 'noEviction' or 'nruEviction' for ephemeral buckets"
      : "Eviction policy must be either 'valueOnly' or 'fullEviction' for couchbase buckets";
  }
  const maxTTL = wholeNumber(form.get('maxTTL') ?? '0');
  if (maxTTL === undefined || maxTTL > MAX_TTL) {
    errors.maxTTL = `Max TTL must be an integer between 0 and ${MAX_TTL}`;
  }
  const flush = form.get('flushEnabled') ?? '0';
  if (flush !== '0' && flush !== '1') errors.flushEnabled = 'flushEnabled can only be 1 or 0';
  if (Object.keys(errors).length > 0 || name === null) return { ok: false, errors };
  return {
    ok: true,
    name,
    settings: {
      ...DEFAULT_BUCKET_SETTINGS,
      bucketType: ephemeral ? 'ephemeral' : 'membase',
      storageBackend: storage as BucketSettings['storageBackend'],
      numVBuckets: numVBuckets as number,
      ramQuotaMB: ramQuotaMB as number,
      replicaNumber: replicaNumber as number,
      evictionPolicy,
      maxTTL: maxTTL as number,
      flushEnabled: flush === '1',
      durabilityMinLevel: form.get('durabilityMinLevel') ?? 'none',
      conflictResolutionType: form.get('conflictResolutionType') ?? 'seqno',
    },
  };
}

function bucketNameError(name: string | null, exists: (name: string) => boolean) {
  if (name === null) return 'Bucket name needs to be specified';
  if (name === '') return 'Bucket name cannot be empty';
  if (name.length > MAX_NAME_LENGTH) {
    return `Bucket name cannot exceed ${MAX_NAME_LENGTH} characters`;
  }
  if (!/^[A-Za-z0-9._%-]+$/.test(name)) {
    return 'Bucket name can only contain characters in range A-Z, a-z, 0-9 as well as underscore, period, dash & percent. Consult the documentation.';
  }
  if (name.startsWith('.')) return 'Bucket name cannot start with dot.';
  if (exists(name)) return 'Bucket with given name already exists';
  return undefined;
}

/** A non-negative decimal integer, or undefined for anything else. */
function wholeNumber(text: string | null): number | undefined {
  if (text === null || !/^\d{1,15}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}
