import type { FunctionDefinitionJson } from '../../client/types.ts';
import { formatKeyspace } from '../../definition/keyspace.ts';

/** The source and metadata keyspaces of a definition, `_default` filled in as the server does. */
export function keyspacesOf(definition: Pick<FunctionDefinitionJson, 'depcfg'>) {
  const d = definition.depcfg;
  return {
    source: formatKeyspace({
      bucket: d.source_bucket,
      scope: d.source_scope || '_default',
      collection: d.source_collection || '_default',
    }),
    metadata: formatKeyspace({
      bucket: d.metadata_bucket,
      scope: d.metadata_scope || '_default',
      collection: d.metadata_collection || '_default',
    }),
  };
}
