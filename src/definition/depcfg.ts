// Reads `depcfg`: the source keyspace the function listens to, the metadata keyspace where
// Eventing keeps checkpoints and timers, and the bindings the handler sees as globals.
import type { Problem } from '../errors.ts';
import { type AliasUse, findDuplicateAliases } from './aliases.ts';
import {
  checkKeyspaceNames,
  checkPossibleCollection,
  checkWildcardScope,
  readBucketBinding,
  readConstantBinding,
  readUrlBinding,
} from './bindings.ts';
import {
  isJsonObject,
  type JsonObject,
  optionalArray,
  optionalString,
  requiredString,
} from './fields.ts';
import { formatKeyspace, type Keyspace, keyspaceMatches } from './keyspace.ts';
import type { DepCfg } from './types.ts';

const PATH = 'depcfg';
const DEFAULT = '_default';
const WILDCARD = '*';

function emptyDepCfg(): DepCfg {
  return {
    source_bucket: '',
    source_scope: DEFAULT,
    source_collection: DEFAULT,
    metadata_bucket: '',
    metadata_scope: DEFAULT,
    metadata_collection: DEFAULT,
    buckets: [],
    curl: [],
    constants: [],
  };
}

/** The source keyspace; a part is left undefined when it is unusable for the overlap check. */
function readSource(obj: JsonObject, problems: Problem[]): Partial<Keyspace> {
  let bucket = requiredString(obj, 'source_bucket', PATH, problems);
  if (bucket === WILDCARD) {
    problems.push({ path: `${PATH}.source_bucket`, message: 'must be a bucket name, not "*"' });
    bucket = undefined;
  }
  const scope = optionalString(obj, 'source_scope', PATH, problems, DEFAULT);
  const collection = optionalString(obj, 'source_collection', PATH, problems, DEFAULT);
  checkWildcardScope(
    { key: 'source_scope', value: scope },
    { path: `${PATH}.source_collection`, value: collection },
    problems,
  );
  checkKeyspaceNames(
    [
      { kind: 'bucket', path: `${PATH}.source_bucket`, value: bucket },
      { kind: 'scope', path: `${PATH}.source_scope`, value: scope },
      { kind: 'collection', path: `${PATH}.source_collection`, value: collection },
    ],
    problems,
  );
  checkPossibleCollection(
    scope,
    { path: `${PATH}.source_collection`, value: collection },
    problems,
  );
  return { bucket, scope, collection };
}

// Eventing writes checkpoints and timers to one concrete collection, so no part may be `*`.
function readMetadata(obj: JsonObject, problems: Problem[]): Partial<Keyspace> {
  const parts: Partial<Keyspace> = {
    bucket: requiredString(obj, 'metadata_bucket', PATH, problems),
    scope: optionalString(obj, 'metadata_scope', PATH, problems, DEFAULT),
    collection: optionalString(obj, 'metadata_collection', PATH, problems, DEFAULT),
  };
  for (const part of ['bucket', 'scope', 'collection'] as const) {
    if (parts[part] !== WILDCARD) continue;
    problems.push({ path: `${PATH}.metadata_${part}`, message: 'wildcard not allowed' });
    parts[part] = undefined;
  }
  checkKeyspaceNames(
    [
      { kind: 'bucket', path: `${PATH}.metadata_bucket`, value: parts.bucket },
      { kind: 'scope', path: `${PATH}.metadata_scope`, value: parts.scope },
      { kind: 'collection', path: `${PATH}.metadata_collection`, value: parts.collection },
    ],
    problems,
  );
  if (parts.scope !== undefined && parts.collection !== undefined) {
    checkPossibleCollection(
      parts.scope,
      { path: `${PATH}.metadata_collection`, value: parts.collection },
      problems,
    );
  }
  return parts;
}

function isComplete(keyspace: Partial<Keyspace>): keyspace is Keyspace {
  return (
    keyspace.bucket !== undefined &&
    keyspace.scope !== undefined &&
    keyspace.collection !== undefined
  );
}

// Wildcard-aware like 8.x: a source of `b.*.*` covers a metadata keyspace in bucket `b`, and a
// function would then see its own checkpoint writes as mutations.
function checkSeparate(
  source: Partial<Keyspace>,
  metadata: Partial<Keyspace>,
  problems: Problem[],
) {
  if (!isComplete(source) || !isComplete(metadata)) return;
  if (!keyspaceMatches(source, metadata)) return;
  problems.push({
    path: PATH,
    message: `source keyspace same as metadata keyspace (source: ${formatKeyspace(source)}, metadata: ${formatKeyspace(metadata)})`,
  });
}

function readList<T>(
  obj: JsonObject,
  key: string,
  problems: Problem[],
  read: (raw: unknown, path: string) => T | undefined,
): T[] {
  const out: T[] = [];
  optionalArray(obj, key, PATH, problems).forEach((raw, index) => {
    const binding = read(raw, `${PATH}.${key}[${index}]`);
    if (binding !== undefined) out.push(binding);
  });
  return out;
}

/**
 * Reads and validates a definition's `depcfg`, reporting problems at `depcfg.*` paths, and
 * returns a fresh object with `_default` scopes and collections and empty binding lists filled
 * in.
 */
export function readDepCfg(raw: unknown, problems: Problem[]): DepCfg {
  if (raw === undefined) {
    problems.push({ path: PATH, message: 'is required' });
    return emptyDepCfg();
  }
  if (!isJsonObject(raw)) {
    problems.push({ path: PATH, message: 'must be an object' });
    return emptyDepCfg();
  }
  const source = readSource(raw, problems);
  const metadata = readMetadata(raw, problems);
  checkSeparate(source, metadata, problems);
  const aliases: AliasUse[] = [];
  const buckets = readList(raw, 'buckets', problems, (item, path) =>
    readBucketBinding(item, path, problems, aliases),
  );
  const curl = readList(raw, 'curl', problems, (item, path) =>
    readUrlBinding(item, path, problems, aliases),
  );
  const constants = readList(raw, 'constants', problems, (item, path) =>
    readConstantBinding(item, path, problems, aliases),
  );
  findDuplicateAliases(aliases, problems);
  return {
    source_bucket: source.bucket ?? '',
    source_scope: source.scope ?? DEFAULT,
    source_collection: source.collection ?? DEFAULT,
    metadata_bucket: metadata.bucket ?? '',
    metadata_scope: metadata.scope ?? DEFAULT,
    metadata_collection: metadata.collection ?? DEFAULT,
    buckets,
    curl,
    constants,
  };
}
