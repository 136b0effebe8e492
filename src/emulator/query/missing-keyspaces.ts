import { formatKeyspace, type Keyspace } from '../../definition/keyspace.ts';
import type { KeyspaceRef } from './ast.ts';
import { QUERY_ERROR_CODE, QueryError } from './query-error.ts';

/** The part of a keyspace the cluster does not have, the outermost first. */
export type MissingKeyspacePart = 'bucket' | 'scope' | 'collection';

/**
 * Refuses a statement that names a keyspace the cluster does not have (`refs`, from
 * {@link keyspaceRefs}), before it reads or writes anything, as the Query service does when it
 * plans the statement (12003).
 */
export function refuseMissingKeyspaces(
  refs: readonly KeyspaceRef[],
  missing: (keyspace: Keyspace) => MissingKeyspacePart | undefined,
): void {
  for (const ref of refs) {
    const part = missing(ref.keyspace);
    if (part === undefined) continue;
    const path = namedAs(ref.keyspace);
    const cause = part === 'bucket' ? ` - cause: No bucket named ${ref.keyspace.bucket}` : '';
    throw new QueryError(
      QUERY_ERROR_CODE.keyspaceNotFound,
      `Keyspace not found in CB datastore: default:${path}${cause}`,
    );
  }
}

/** The keyspace as a statement names it: a bucket alone for its default collection. */
function namedAs(keyspace: Keyspace): string {
  const isDefault = keyspace.scope === '_default' && keyspace.collection === '_default';
  return isDefault ? keyspace.bucket : formatKeyspace(keyspace).replaceAll('`', '');
}

/** Every keyspace reference in a parsed statement, subqueries included. */
export function keyspaceRefs(node: unknown, found: KeyspaceRef[] = []): KeyspaceRef[] {
  if (Array.isArray(node)) {
    for (const item of node) keyspaceRefs(item, found);
  } else if (typeof node === 'object' && node !== null) {
    const fields = node as Record<string, unknown>;
    const keyspace = fields.keyspace as Partial<Keyspace> | undefined;
    if (typeof keyspace?.bucket === 'string' && typeof keyspace.collection === 'string') {
      found.push(node as KeyspaceRef);
    }
    for (const value of Object.values(fields)) keyspaceRefs(value, found);
  }
  return found;
}
