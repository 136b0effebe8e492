import type { FunctionSettings } from '../definition/types.ts';
import type { DocumentChange } from '../runtime/index.ts';

// Which changes of the source keyspace reach a function (spec runtime §1.7).

export type FilterVerdict = 'deliver' | 'filtered';

/** Binary documents reach OnUpdate only from language_compatibility 6.6.2 on (spec §10). */
function binaryAllowed(settings: FunctionSettings): boolean {
  return settings.language_compatibility === '6.6.2' || settings.language_compatibility === '7.2.0';
}

export function filterChange(
  change: DocumentChange,
  suppressFor: string | undefined,
  function_: { instanceId: string; settings: FunctionSettings },
): FilterVerdict {
  if (suppressFor !== undefined && suppressFor === function_.instanceId) return 'filtered';
  if (change.keyspace.scope === '_system') return 'filtered';
  if (
    !function_.settings.allow_sync_documents &&
    change.key.startsWith('_sync:') &&
    !change.key.startsWith('_sync:att')
  ) {
    return 'filtered';
  }
  if (
    change.kind === 'mutation' &&
    change.datatype === 'binary' &&
    !binaryAllowed(function_.settings)
  ) {
    return 'filtered';
  }
  return 'deliver';
}
