import { metadataKeyspace, sourceKeyspace } from '../../definition/function-keyspaces.ts';
import { formatKeyspace } from '../../definition/keyspace.ts';
import { validateDefinition } from '../../definition/parse-definition.ts';
import { DEFAULT_SETTINGS } from '../../definition/settings.ts';
import type { FunctionDefinition, UrlBinding } from '../../definition/types.ts';
import { forEnvironment } from '../environment.ts';
import type { EnvironmentConfig } from '../project-config.ts';

// watch pushes code only: POST …/appcode carries nothing else. When function.json says something
// the cluster's definition does not (a binding, a keyspace, a setting), the save is reported with
// the command that applies it. Both sides are compared as they would be deployed: the local one
// through the environment's renames, both with every default filled in.

/** One part of function.json that differs from the cluster's definition. */
export interface DefinitionChange {
  /** `source keyspace`, `depcfg.buckets`, `settings.worker_count`, … */
  path: string;
  cluster: unknown;
  local: unknown;
}

/** The two flags are lifecycle intent, not content (watch never changes them). */
const STATUS_FLAGS = new Set(['deployment_status', 'processing_status']);

/**
 * What `local` (function.json and its handler) would change in `remote` (the definition GET
 * /api/v1/functions/{name} answered), appcode aside. URL binding credentials are left out: the
 * server masks them and function.json only names the variables that hold them.
 * @returns the changes, or undefined when the cluster's answer is not a definition we can read.
 */
export function definitionDrift(
  local: FunctionDefinition,
  remote: unknown,
  environment: Pick<EnvironmentConfig, 'keyspaces' | 'urls'> = {},
): DefinitionChange[] | undefined {
  const parsed = validateDefinition(remote);
  if (!parsed.ok) return undefined;
  const cluster = withoutCredentials(parsed.definition);
  // Blank credentials never refer to a variable, so forEnvironment needs none set here.
  const here = forEnvironment(withoutCredentials(local), environment, {});
  const changes: DefinitionChange[] = [];
  const compare = (path: string, was: unknown, now: unknown) => {
    if (JSON.stringify(was) !== JSON.stringify(now))
      changes.push({ path, cluster: was, local: now });
  };
  compare(
    'source keyspace',
    formatKeyspace(sourceKeyspace(cluster)),
    formatKeyspace(sourceKeyspace(here)),
  );
  compare(
    'metadata keyspace',
    formatKeyspace(metadataKeyspace(cluster)),
    formatKeyspace(metadataKeyspace(here)),
  );
  compare('depcfg.buckets', cluster.depcfg.buckets, here.depcfg.buckets);
  compare('depcfg.curl', cluster.depcfg.curl, here.depcfg.curl);
  compare('depcfg.constants', cluster.depcfg.constants, here.depcfg.constants);
  const running = cluster.settings.deployment_status;
  const was = cluster.settings as unknown as Record<string, unknown>;
  const now = here.settings as unknown as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(was), ...Object.keys(now)])].sort()) {
    if (STATUS_FLAGS.has(key)) continue;
    // The boundary only matters to a fresh deploy, not to a function already running.
    if (key === 'dcp_stream_boundary' && running) continue;
    // 8.x reports checkpoint_interval wrongly (spec rest-api.md §9.4): compare it only when
    // function.json sets a value of its own.
    if (key === 'checkpoint_interval' && now[key] === DEFAULT_SETTINGS.checkpoint_interval) {
      continue;
    }
    compare(`settings.${key}`, was[key], now[key]);
  }
  return changes;
}

function withoutCredentials(definition: FunctionDefinition): FunctionDefinition {
  const blank = (binding: UrlBinding): UrlBinding => ({
    ...binding,
    username: '',
    password: '',
    bearer_key: '',
  });
  return {
    ...definition,
    depcfg: { ...definition.depcfg, curl: definition.depcfg.curl.map(blank) },
  };
}
