import type { DepCfg, FunctionScope, FunctionSettings } from '../definition/types.ts';

// What the Eventing REST API answers, typed loosely enough for every server version the client
// talks to (spec rest-api.md §7): 7.x omits fields 8.x always sends, and the reverse.

/** The composite status of a function; `resuming` exists on 8.x only, `invalid` on 7.x only. */
export type CompositeStatus =
  | 'undeployed'
  | 'deploying'
  | 'deployed'
  | 'undeploying'
  | 'paused'
  | 'pausing'
  | 'resuming'
  | 'invalid';

/** The states a lifecycle operation ends in, which {@link EventingClient.waitForStatus} waits for. */
export type RestingStatus = 'deployed' | 'undeployed' | 'paused';

/** The "message" success shape: `{"code":0,"info":...}`; 7.0 answers some routes with no body (`{code: 0}` then). */
export interface ApiMessage {
  code: number;
  info?: unknown;
  warning_info?: unknown;
}

/** A function definition as the server returns it (7.x omits fields that 8.x materialises). */
export interface FunctionDefinitionJson {
  appname: string;
  appcode: string;
  depcfg: Partial<DepCfg> & { source_bucket: string; metadata_bucket: string };
  settings: Partial<FunctionSettings> & Record<string, unknown>;
  function_scope?: FunctionScope;
  version?: string;
  enforce_schema?: boolean;
  handleruuid?: number;
  function_instance_id?: string;
  [field: string]: unknown;
}

/** One entry of `GET /api/v1/status`. */
export interface AppStatus {
  name: string;
  composite_status: CompositeStatus;
  /** 7.1 and later. */
  function_scope?: FunctionScope;
  num_bootstrapping_nodes: number;
  num_deployed_nodes: number;
  deployment_status: boolean;
  processing_status: boolean;
  redeploy_required?: boolean;
}

/** `GET /api/v1/status`, with 7.x's `apps: null` turned into `[]`. */
export interface StatusList {
  apps: AppStatus[];
  num_eventing_nodes: number;
}

/** One element of the answer of a bulk create or import: success carries `warning_info`, failure `info`. */
export interface ImportResult {
  code: number;
  info?: unknown;
  warning_info?: unknown;
}

/** A keyspace in the 8.x deployment-config shape. */
export interface ConfigKeyspace {
  bucket_name: string;
  scope_name: string;
  collection_name: string;
}

/**
 * `GET /api/v1/functions/{name}/config`: the whole `depcfg` on 7.x, only the two keyspaces on
 * 8.x (spec §2.10).
 */
export type DeploymentConfig =
  | (Partial<DepCfg> & { source_bucket: string; metadata_bucket: string })
  | { source_keyspace: ConfigKeyspace; meta_keyspace: ConfigKeyspace };

/** Filters of `GET /api/v1/list/functions` (spec §2.14). */
export interface ListFilter {
  /** Deployed (paused counts as deployed) or not; absent lists every function. */
  deployed?: boolean;
  sourceBucket?: string;
  sourceScope?: string;
  sourceCollection?: string;
  /** `sbm`: functions that write to their own source keyspace. */
  functionType?: 'sbm' | 'notsbm';
}

/** One function's statistics; the sections differ between 7.x and 8.x (spec §2.16). */
export interface FunctionStats {
  function_name: string;
  execution_stats?: Record<string, unknown>;
  failure_stats?: Record<string, unknown>;
  event_processing_stats?: Record<string, unknown>;
  lcb_exception_stats?: Record<string, unknown>;
  events_remaining?: { dcp_backlog?: number };
  [section: string]: unknown;
}

/** Addresses a function: `?bucket=&scope=` for scoped ones (7.1+); absent means the global scope. */
export interface ScopeOption {
  scope?: FunctionScope;
}
