import { invalidRequest } from './error-catalogue.ts';

// The Eventing service's own configuration (GET/POST /api/v1/config), as 8.x keeps it: one
// config for the whole service (`*`) and optional ones per bucket or per bucket/scope, looked
// up namespace → bucket → global → built-in default (spec §2.15).

/** The effective configuration of a namespace, as GET /api/v1/config answers it. */
export interface EventingConfig {
  enable_curl: boolean;
  enable_debugger: boolean;
  ram_quota: number;
  function_size: number;
  metakv_max_doc_size: number;
  /** Seconds as stored and POSTed; GET answers nanoseconds, as 8.x does. */
  http_request_timeout: number;
  enable_lifecycle_ops_during_rebalance: boolean;
  force_compress: boolean;
  allow_interbucket_recursion: boolean;
  deployment_mode: string;
  cursor_limit: number;
  num_nodes_running: number;
}

/** The stored configs by namespace (`*`, `b/*` or `b/s`); only keys that were set. */
export type StoredConfigs = Record<string, Partial<EventingConfig>>;

const DEFAULTS: EventingConfig = {
  enable_curl: true,
  enable_debugger: false,
  // fidelity: 8.x defaults ram_quota to the node's memory limit unless ns_server stored the
  // cluster's eventing quota; the local service answers the usual quota, 256 MiB.
  ram_quota: 256,
  function_size: 131072,
  metakv_max_doc_size: 131072,
  http_request_timeout: 10,
  enable_lifecycle_ops_during_rebalance: false,
  force_compress: true,
  allow_interbucket_recursion: false,
  deployment_mode: 'hybrid_mode',
  cursor_limit: 5,
  num_nodes_running: -1,
};

const GLOBAL_ONLY = new Set(['ram_quota', 'cursor_limit', 'allow_interbucket_recursion']);
/** Keys a deployed function depends on: 8.x refuses to change them under it. */
const IN_USE_KEYS = ['deployment_mode', 'cursor_limit', 'num_nodes_running'] as const;
const DEPLOYMENT_MODES = ['hybrid_mode', 'function_group', 'isolate_function'];
const NANOS_PER_SECOND = 1_000_000_000;

type Check = (value: unknown) => string | undefined;

const integer =
  (min: number, max?: number): Check =>
  (value) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) return 'expected integer value';
    if (value < min) return `value should be greater than or equal to ${min}`;
    if (max !== undefined && value > max) return `value should be less than or equal to ${max}`;
    return undefined;
  };
const boolean: Check = (value) =>
  typeof value === 'boolean' ? undefined : 'expected boolean value';

const CHECKS: Record<keyof EventingConfig, Check> = {
  enable_curl: boolean,
  enable_debugger: boolean,
  ram_quota: integer(256),
  function_size: integer(1),
  metakv_max_doc_size: integer(1),
  http_request_timeout: integer(1),
  enable_lifecycle_ops_during_rebalance: boolean,
  force_compress: boolean,
  allow_interbucket_recursion: boolean,
  deployment_mode: (value) =>
    typeof value === 'string' && DEPLOYMENT_MODES.includes(value)
      ? undefined
      : `value should be one of [${DEPLOYMENT_MODES.join(' ')}]`,
  cursor_limit: integer(1, 20),
  num_nodes_running: (value) =>
    value === -1 ? undefined : integer(1)(value) && 'value should be -1 or at least 1',
};

/** `*` for the global config, `b/*` for a bucket, `b/s` for a scope. */
export function namespaceOf(scope: { bucket: string; scope: string }): string {
  return scope.bucket === '*' ? '*' : `${scope.bucket}/${scope.scope}`;
}

/** Whether a function in `scope` falls under the config of `namespace`. */
export function covers(namespace: string, scope: { bucket: string; scope: string }): boolean {
  if (namespace === '*') return true;
  const [bucket, scopeName] = namespace.split('/');
  return scope.bucket === bucket && (scopeName === '*' || scope.scope === scopeName);
}

/** The stored configs and the rules for reading and changing them. */
export class GlobalConfig {
  readonly stored: StoredConfigs;

  constructor(stored: StoredConfigs = {}) {
    this.stored = structuredClone(stored);
  }

  /** The effective config of a namespace: namespace, then bucket, then global, then defaults. */
  effective(namespace: string): EventingConfig {
    const bucket = namespace === '*' ? undefined : `${namespace.split('/')[0]}/*`;
    return {
      ...DEFAULTS,
      ...this.stored['*'],
      ...(bucket ? this.stored[bucket] : {}),
      ...this.stored[namespace],
    };
  }

  /** The effective config as GET answers it (the request timeout in nanoseconds). */
  view(namespace: string): Record<string, unknown> {
    const config = this.effective(namespace);
    return { ...config, http_request_timeout: config.http_request_timeout * NANOS_PER_SECOND };
  }

  /**
   * Merges the known keys of `body` into a namespace's config; unknown keys are ignored, as
   * 8.x does. `inUse` says whether a deployed function depends on the namespace's config.
   * @throws ServiceError ERR_INVALID_REQUEST `<key> <reason>`, nothing stored then.
   */
  save(namespace: string, body: Record<string, unknown>, inUse: boolean): void {
    const before = this.effective(namespace);
    const changes: Partial<Record<keyof EventingConfig, unknown>> = {};
    for (const [key, value] of Object.entries(body)) {
      if (!Object.hasOwn(CHECKS, key)) continue;
      const name = key as keyof EventingConfig;
      if (namespace !== '*' && GLOBAL_ONLY.has(name)) {
        throw invalidRequest(`${name} allowed only at global scope`);
      }
      const reason = CHECKS[name](value);
      if (reason) throw invalidRequest(`${name} ${reason}`);
      changes[name] = value;
    }
    if (inUse && IN_USE_KEYS.some((key) => key in changes && changes[key] !== before[key])) {
      throw invalidRequest(
        'Some application already using the old config. Undeploy/pause these functions to save config',
      );
    }
    this.stored[namespace] = { ...this.stored[namespace], ...(changes as Partial<EventingConfig>) };
  }

  /** @throws ServiceError for the global config, which cannot be deleted. */
  delete(namespace: string): void {
    if (namespace === '*') throw invalidRequest('Deleting of global config not allowed');
    delete this.stored[namespace];
  }
}
