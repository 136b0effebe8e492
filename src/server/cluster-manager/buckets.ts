import { definitionKeyspaces } from '../../definition/function-keyspaces.ts';
import { formatKeyspace } from '../../definition/keyspace.ts';
import type { CatalogueBucket } from '../../emulator/keyspace-catalogue.ts';
import type { Reply } from '../reply.ts';
import type { RequestContext, Route } from '../router.ts';
import { readBucketEdit } from './bucket-edit.ts';
import { type BucketSettings, DEFAULT_BUCKET_SETTINGS, readBucketForm } from './bucket-form.ts';
import { clusterJson, forgetCreated, NOT_FOUND, quoted } from './cluster-common.ts';
import { type NodeAddress, nodeInfo } from './pools.ts';

// The cluster manager's buckets over the emulator's catalogue of keyspaces:
//   GET    /pools/default/buckets            every bucket
//   POST   /pools/default/buckets            create one (form-encoded, as couchbase-cli sends)
//   GET    /pools/default/buckets/{bucket}   one bucket
//   POST   /pools/default/buckets/{bucket}   edit its settings (couchbase-cli bucket-edit)
//   DELETE /pools/default/buckets/{bucket}   drop it with its scopes, collections and documents
//   POST   …/{bucket}/controller/doFlush     drop its documents (with flushEnabled=1)
// A bucket created here comes with its `_default` scope and collection, and is where handlers,
// the Data API and SQL++ can reach. The local service keeps the settings a create asked for
// (with the rest of its state); which buckets exist is the catalogue's to say.
// fidelity: the settings are shown as asked for and change nothing in how serve behaves, but
// maxTTL, which the Data service applies; `summaries` of RAM and disk are not computed, and of
// basicStats only itemCount is (the rest are 0).

function emptyReply(httpStatus: number, headers: Record<string, string> = {}): Reply {
  return { kind: 'text', httpStatus, statusCode: -1, body: '', contentType: 'text/plain', headers };
}

const BUCKETS = '^/pools/default/buckets';

/** The routes of buckets on the node at `address()`. */
export function createBucketRoutes(address: () => NodeAddress): Route[] {
  const bucketOf = (context: RequestContext): CatalogueBucket | undefined =>
    context.service.emulator.keyspaces.buckets().find((b) => b.name === context.params[0]);
  const info = (context: RequestContext, bucket: CatalogueBucket) =>
    bucketInfo(
      context,
      bucket,
      context.service.buckets.get(bucket.name) ?? DEFAULT_BUCKET_SETTINGS,
      address(),
    );

  const list = (context: RequestContext) =>
    clusterJson(
      context.service.emulator.keyspaces.buckets().map((bucket) => info(context, bucket)),
    );

  const one = (context: RequestContext) => {
    const bucket = bucketOf(context);
    return bucket ? clusterJson(info(context, bucket)) : NOT_FOUND;
  };

  const create = async (context: RequestContext) => {
    const form = new URLSearchParams((await context.body()).toString('utf8'));
    const names = context.service.emulator.keyspaces.buckets().map((b) => b.name.toLowerCase());
    const read = readBucketForm(form, (name) => names.includes(name.toLowerCase()));
    if (!read.ok) return clusterJson({ errors: read.errors }, 400);
    const { name, settings: asked } = read;
    // Always given, so that a bucket made again does not keep the maxTTL of one deleted.
    context.service.emulator.createKeyspace(quoted(name), { maxTTL: asked.maxTTL });
    context.service.buckets.set(name, asked);
    await context.service.persist();
    return emptyReply(202, { location: `/pools/default/buckets/${encodeURIComponent(name)}` });
  };

  const edit = async (context: RequestContext) => {
    const bucket = bucketOf(context);
    if (!bucket) return NOT_FOUND;
    const form = new URLSearchParams((await context.body()).toString('utf8'));
    const current = context.service.buckets.get(bucket.name) ?? DEFAULT_BUCKET_SETTINGS;
    const read = readBucketEdit(bucket.name, current, form);
    if (!read.ok) return clusterJson({ errors: read.errors }, 400);
    context.service.emulator.createKeyspace(quoted(bucket.name), { maxTTL: read.settings.maxTTL });
    context.service.buckets.set(bucket.name, read.settings);
    await context.service.persist();
    return emptyReply(200);
  };

  const remove = async (context: RequestContext) => {
    const bucket = bucketOf(context);
    if (!bucket) return NOT_FOUND;
    const users = functionsUsing(context, bucket.name);
    if (users.length > 0) {
      // fidelity: a cluster drops the bucket and its Eventing service undeploys the functions
      // whose source or metadata was in it; here the functions keep it, and the refusal says so.
      const message = `Cannot delete bucket "${bucket.name}": Eventing functions use it (${users.join(', ')}). Undeploy and delete them, or change their keyspaces, first.`;
      return clusterJson({ _: message }, 400);
    }
    context.service.emulator.keyspaces.drop({ bucket: bucket.name });
    context.service.buckets.delete(bucket.name);
    forgetCreated(context, quoted(bucket.name));
    await context.service.persist();
    return emptyReply(200);
  };

  // Every document goes; the scopes and collections stay, as they do on a cluster.
  const flush = async (context: RequestContext) => {
    const bucket = bucketOf(context);
    if (!bucket) return NOT_FOUND;
    if (!context.service.buckets.get(bucket.name)?.flushEnabled) {
      return clusterJson({ _: 'Flush is disabled for the bucket' }, 400);
    }
    const em = context.service.emulator;
    em.keyspaces.drop({ bucket: bucket.name });
    for (const scope of bucket.scopes) {
      em.createKeyspace(`${quoted(bucket.name)}.${quoted(scope.name)}.*`);
      for (const collection of scope.collections) {
        em.createKeyspace([bucket.name, scope.name, collection].map(quoted).join('.'));
      }
    }
    await context.service.persist();
    return emptyReply(200);
  };

  return [
    { pattern: new RegExp(`${BUCKETS}/?$`), methods: { GET: list, POST: create } },
    { pattern: new RegExp(`${BUCKETS}/([^/]+)/controller/doFlush$`), methods: { POST: flush } },
    {
      pattern: new RegExp(`${BUCKETS}/([^/]+)/?$`),
      methods: { GET: one, POST: edit, DELETE: remove },
    },
  ];
}

/** The functions that name the bucket: where they live, their source, metadata or bindings. */
function functionsUsing(context: RequestContext, bucket: string): string[] {
  return context.service.records
    .filter(
      (record) =>
        record.location.bucket === bucket ||
        definitionKeyspaces(record.definition).some((keyspace) => keyspace.bucket === bucket),
    )
    .map((record) => record.location.name);
}

function bucketInfo(
  context: RequestContext,
  bucket: CatalogueBucket,
  settings: BucketSettings,
  address: NodeAddress,
) {
  const uri = `/pools/default/buckets/${encodeURIComponent(bucket.name)}`;
  const em = context.service.emulator;
  let itemCount = 0;
  for (const scope of bucket.scopes) {
    for (const collection of scope.collections) {
      itemCount += em.count(formatKeyspace({ bucket: bucket.name, scope: scope.name, collection }));
    }
  }
  const ramBytes = settings.ramQuotaMB * 1024 * 1024;
  return {
    name: bucket.name,
    nodeLocator: 'vbucket',
    bucketType: settings.bucketType,
    ...(settings.storageBackend ? { storageBackend: settings.storageBackend } : {}),
    uri,
    streamingUri: uri.replace('/pools/default/buckets/', '/pools/default/bucketsStreaming/'),
    numVBuckets: settings.numVBuckets,
    nodes: [nodeInfo(address)],
    replicaNumber: settings.replicaNumber,
    threadsNumber: 3,
    quota: { ram: ramBytes, rawRAM: ramBytes },
    // couchbase-cli bucket-list prints memUsed; serve measures no memory per bucket.
    basicStats: {
      quotaPercentUsed: 0,
      opsPerSec: 0,
      diskFetches: 0,
      itemCount,
      diskUsed: 0,
      dataUsed: 0,
      memUsed: 0,
    },
    evictionPolicy: settings.evictionPolicy,
    durabilityMinLevel: settings.durabilityMinLevel,
    conflictResolutionType: settings.conflictResolutionType,
    maxTTL: settings.maxTTL,
    compressionMode: 'passive',
    controllers: settings.flushEnabled ? { flush: `${uri}/controller/doFlush` } : {},
  };
}
