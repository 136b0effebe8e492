import type { Keyspace } from './keyspace.ts';
import type { BucketBinding, DepCfg } from './types.ts';

// The keyspaces a function definition names, derived in one place: its source, its metadata
// keyspace and the keyspace of each bucket binding (spec/rest-api.md §4.2), and the rules over
// them that the emulator, serve, check and promote share.

type WithDepCfg = { depcfg: DepCfg };

/** The keyspace whose changes the function handles. */
export function sourceKeyspace({ depcfg }: WithDepCfg): Keyspace {
  return {
    bucket: depcfg.source_bucket,
    scope: depcfg.source_scope,
    collection: depcfg.source_collection,
  };
}

/** The keyspace where the server keeps the function's checkpoints and timers. */
export function metadataKeyspace({ depcfg }: WithDepCfg): Keyspace {
  return {
    bucket: depcfg.metadata_bucket,
    scope: depcfg.metadata_scope,
    collection: depcfg.metadata_collection,
  };
}

/** The keyspace a bucket binding reaches; its scope or collection may be `*`. */
export function bindingKeyspace(binding: BucketBinding): Keyspace {
  return {
    bucket: binding.bucket_name,
    scope: binding.scope_name,
    collection: binding.collection_name,
  };
}

/**
 * Every keyspace a definition names: source, metadata and each binding's.
 *
 * @example
 * definitionKeyspaces(definition).map(formatKeyspace); // ['src._default._default', ...]
 */
export function definitionKeyspaces(definition: WithDepCfg): Keyspace[] {
  return [
    sourceKeyspace(definition),
    metadataKeyspace(definition),
    ...definition.depcfg.buckets.map(bindingKeyspace),
  ];
}

/** A keyspace with a `*` scope or collection (a binding of a whole bucket or scope). */
export function isWildcardKeyspace(keyspace: Keyspace): boolean {
  return keyspace.scope === '*' || keyspace.collection === '*';
}

/**
 * Whether two keyspaces, either of which may have `*` parts, can be the same collection.
 *
 * @example
 * keyspacesOverlap(parseKeyspace('b.s.c'), { bucket: 'b', scope: '*', collection: '*' }); // true
 */
export function keyspacesOverlap(a: Keyspace, b: Keyspace): boolean {
  const part = (x: string, y: string) => x === '*' || y === '*' || x === y;
  return part(a.bucket, b.bucket) && part(a.scope, b.scope) && part(a.collection, b.collection);
}

/**
 * "sbm" in the server's words: a read-write binding onto the function's own source keyspace
 * (wildcards included), whose writes the server does not deliver back to the function.
 */
export function mutatesOwnSource(definition: WithDepCfg): boolean {
  const source = sourceKeyspace(definition);
  return definition.depcfg.buckets.some(
    (binding) => binding.access === 'rw' && keyspacesOverlap(bindingKeyspace(binding), source),
  );
}
