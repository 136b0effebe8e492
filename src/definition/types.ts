// The Couchbase Eventing function definition, in Couchbase's own snake_case wire format (the
// shape `GET /api/v1/functions/{name}` returns and `POST` accepts), as it looks after
// parseDefinition: every optional field that has a default is filled in.

/** The language levels Couchbase Server 8.x accepts for `settings.language_compatibility`. */
export type LanguageCompatibility = '6.0.0' | '6.5.0' | '6.6.2' | '7.2.0';

/** `settings.log_level`: the application log level. */
export type LogLevel = 'INFO' | 'ERROR' | 'WARNING' | 'DEBUG' | 'TRACE';

/** `settings.dcp_stream_boundary`: where the function starts in the source's change history. */
export type DcpStreamBoundary = 'everything' | 'from_now';

/** `settings.n1ql_consistency`: `''` means unset, which the server treats as `none`. */
export type N1qlConsistency = '' | 'none' | 'request';

/** Access of a bucket binding: read-only or read-write. */
export type BucketAccess = 'r' | 'rw';

/** How a URL binding authenticates. */
export type UrlAuthType = 'no-auth' | 'basic' | 'bearer' | 'digest';

/**
 * A bucket (keyspace) binding: `alias` becomes a global in the handler. `scope_name` and
 * `collection_name` may be `*` for a wildcard binding used through `couchbase.*` with
 * `meta.keyspace`.
 */
export interface BucketBinding {
  alias: string;
  bucket_name: string;
  scope_name: string;
  collection_name: string;
  access: BucketAccess;
}

/** A URL binding for `curl()`: `value` is the alias, `hostname` the full base URL. */
export interface UrlBinding {
  hostname: string;
  value: string;
  auth_type: UrlAuthType;
  username: string;
  password: string;
  bearer_key: string;
  allow_cookies: boolean;
  validate_ssl_certificate: boolean;
}

/** A constant binding: `value` is the alias, `literal` the JavaScript source of its value. */
export interface ConstantBinding {
  value: string;
  literal: string;
}

/** The deployment config: source and metadata keyspaces plus every binding. */
export interface DepCfg {
  source_bucket: string;
  source_scope: string;
  source_collection: string;
  metadata_bucket: string;
  metadata_scope: string;
  metadata_collection: string;
  buckets: BucketBinding[];
  curl: UrlBinding[];
  constants: ConstantBinding[];
}

/**
 * Every setting Couchbase Server 8.x keeps for a function (spec rest-api.md §5.1), including the
 * two lifecycle flags. Units follow the server: seconds for `*_timeout` and
 * `checkpoint_interval`, milliseconds for `tick_duration`, `bucket_cache_age`,
 * `high_seq_check_interval` and `message_flush_time`, bytes for sizes except
 * `curl_max_allowed_resp_size` (MiB).
 */
export interface FunctionSettings {
  deployment_status: boolean;
  processing_status: boolean;
  dcp_stream_boundary: DcpStreamBoundary;
  description: string;
  log_level: LogLevel;
  worker_count: number;
  cpp_worker_thread_count: number;
  execution_timeout: number;
  cursor_checkpoint_timeout: number;
  on_deploy_timeout: number;
  language_compatibility: LanguageCompatibility;
  lcb_inst_capacity: number;
  lcb_retry_count: number;
  lcb_timeout: number;
  n1ql_consistency: N1qlConsistency;
  n1ql_prepare_all: boolean;
  num_timer_partitions: number;
  timer_context_size: number;
  tick_duration: number;
  handler_headers: string[];
  handler_footers: string[];
  enable_applog_rotation: boolean;
  app_log_dir: string;
  app_log_max_size: number;
  app_log_max_files: number;
  checkpoint_interval: number;
  bucket_cache_size: number;
  bucket_cache_age: number;
  curl_max_allowed_resp_size: number;
  allow_transaction_mutations: boolean;
  allow_sync_documents: boolean;
  cursor_aware: boolean;
  high_seq_check_interval: number;
  max_unacked_bytes: number;
  max_unacked_count: number;
  message_flush_time: number;
  max_parallel_vb: number;
}

/** Which functions-management scope owns the function; `*`/`*` is the global (admin) scope. */
export interface FunctionScope {
  bucket: string;
  scope: string;
}

/**
 * A Couchbase Eventing function definition, as one element of an export file.
 *
 * @example
 * const def: FunctionDefinition = parseDefinition(json).definition;
 * console.log(def.depcfg.source_bucket, def.settings.execution_timeout);
 */
export interface FunctionDefinition {
  appname: string;
  appcode: string;
  depcfg: DepCfg;
  settings: FunctionSettings;
  /** Kept as given; 8.x ignores it and answers `evt-7.0.0-0000-ee`. */
  version?: string;
  /** Kept as given; only 7.x acts on it. */
  enforce_schema?: boolean;
  /** Server-generated; kept as given. */
  handleruuid?: number;
  /** Server-generated; kept as given. */
  function_instance_id?: string;
  function_scope: FunctionScope;
}
