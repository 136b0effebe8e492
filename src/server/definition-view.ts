import type { DepCfg, FunctionDefinition, FunctionSettings } from '../definition/types.ts';
import { SECRET_MASK } from './definition-input.ts';

// What GET /api/v1/functions[/{name}] and /api/v1/export answer, in the shape 8.x regenerates
// from its model (spec §2.5, §4.4): a fixed `version`, `enforce_schema` false, `function_scope`
// always present, empty binding lists left out, curl secrets masked, every setting present.

/** 8.x answers this whatever version a definition was stored with. */
export const DEFINITION_VERSION = 'evt-7.0.0-0000-ee';

/** The ids the service gives a function (8.x renews both on every fresh deploy). */
export interface FunctionIds {
  handleruuid: number;
  instanceId: string;
}

/**
 * A stored definition as GET answers it.
 *
 * @example
 * definitionView(record.definition, { handleruuid: 1, instanceId: '1-abc' }).version; // 'evt-7.0.0-0000-ee'
 */
export function definitionView(
  definition: FunctionDefinition,
  ids: FunctionIds,
): Record<string, unknown> {
  // fidelity: 8.x writes the high_seq_check_interval value under checkpoint_interval in this
  // view (spec §5.3); eventing-dev answers the stored checkpoint_interval, so a read-modify-write
  // round trip keeps it.
  return {
    appname: definition.appname,
    appcode: definition.appcode,
    depcfg: depcfgView(definition.depcfg),
    version: DEFINITION_VERSION,
    enforce_schema: false,
    handleruuid: ids.handleruuid,
    function_instance_id: ids.instanceId,
    function_scope: { ...definition.function_scope },
    settings: structuredClone(definition.settings),
  };
}

/** `depcfg` with empty binding lists left out and curl secrets masked. */
export function depcfgView(depcfg: DepCfg): Record<string, unknown> {
  const { buckets, curl, constants, ...keyspaces } = depcfg;
  const view: Record<string, unknown> = { ...keyspaces };
  if (buckets.length > 0) view.buckets = structuredClone(buckets);
  if (curl.length > 0) {
    view.curl = curl.map((binding) => ({
      ...binding,
      password: mask(binding.password),
      bearer_key: mask(binding.bearer_key),
    }));
  }
  if (constants.length > 0) view.constants = structuredClone(constants);
  return view;
}

/** GET …/settings: the settings without the two status flags (8.x, spec §2.9). */
export function settingsView(settings: FunctionSettings): Record<string, unknown> {
  const { deployment_status: _d, processing_status: _p, ...rest } = structuredClone(settings);
  return rest;
}

/** GET …/config: the 8.x internal deployment config, keyspaces only (spec §2.10). */
export function deploymentConfigView(depcfg: DepCfg): Record<string, unknown> {
  return {
    source_keyspace: {
      bucket_name: depcfg.source_bucket,
      scope_name: depcfg.source_scope,
      collection_name: depcfg.source_collection,
    },
    meta_keyspace: {
      bucket_name: depcfg.metadata_bucket,
      scope_name: depcfg.metadata_scope,
      collection_name: depcfg.metadata_collection,
    },
  };
}

function mask(secret: string): string {
  return secret === '' ? '' : SECRET_MASK;
}
