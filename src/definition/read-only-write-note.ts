import { formatKeyspace } from './keyspace.ts';
import type { BucketBinding } from './types.ts';

// Couchbase throws "Writing to source bucket is forbidden" (or "Delete from source bucket is
// forbidden") for any write through a read-only bucket binding, whichever keyspace it names.
// The handler's own error keeps the server's words; our messages about the failure add which
// binding it was and its access, which is what to change.

const FORBIDDEN = /(Writing to|Delete from) source bucket is forbidden/;

/**
 * A note naming the read-only bindings the failing line uses, when the exception is the
 * server's refusal of such a write; undefined otherwise.
 *
 * @example
 * readOnlyWriteNote('EventingError: Writing to source bucket is forbidden', 'lookup[id] = doc;', buckets)
 * // 'lookup is a read-only binding (access "r") to ref._default._default; …'
 */
export function readOnlyWriteNote(
  exception: string,
  srcLine: string | undefined,
  buckets: readonly Pick<
    BucketBinding,
    'alias' | 'access' | 'bucket_name' | 'scope_name' | 'collection_name'
  >[],
): string | undefined {
  if (!FORBIDDEN.test(exception) || srcLine === undefined) return undefined;
  const used = buckets.filter(
    (binding) =>
      binding.access === 'r' &&
      new RegExp(`(^|[^\\w$])${escapeDollar(binding.alias)}([^\\w$]|$)`).test(srcLine),
  );
  if (used.length === 0) return undefined;
  return used
    .map((binding) => {
      const keyspace = formatKeyspace({
        bucket: binding.bucket_name,
        scope: binding.scope_name || '_default',
        collection: binding.collection_name || '_default',
      });
      return `${binding.alias} is a read-only binding (access "r") to ${keyspace}: Couchbase refuses every write through it with this message; give it access "rw" in function.json to write.`;
    })
    .join(' ');
}

function escapeDollar(text: string): string {
  return text.replace(/[$]/g, '\\$');
}
