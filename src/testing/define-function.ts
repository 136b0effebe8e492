import type { Keyspace } from '../definition/keyspace.ts';
import type { BucketAccess, FunctionSettings, UrlAuthType } from '../definition/types.ts';

/** A URL binding described the short way. */
export interface UrlSpec {
  url: string;
  auth?: UrlAuthType;
  username?: string;
  password?: string;
  bearer_key?: string;
  allow_cookies?: boolean;
  validate_ssl_certificate?: boolean;
}

/** A function described the short way, for tests. */
export interface FunctionSpec {
  /** The appname. */
  name: string;
  /** The handler code (appcode). */
  code: string;
  /** Source keyspace: `bucket`, `bucket.scope.collection`, or with `*` for scope/collection. */
  source: string;
  /** Eventing storage keyspace (default `eventing`). */
  metadata?: string;
  /** Bucket bindings by alias: a keyspace (read-write), or a keyspace with its access. */
  buckets?: Record<string, string | { keyspace: string; access: BucketAccess }>;
  /** URL bindings for curl() by alias: a URL (no auth), or a URL with its auth and options. */
  urls?: Record<string, string | UrlSpec>;
  /** Constant bindings by alias; each value is JavaScript source text, e.g. `'100'` or `'"x"'`. */
  constants?: Record<string, string>;
  settings?: Partial<FunctionSettings>;
}

/**
 * Builds a Couchbase function definition (the JSON the REST API and the web UI use) from a short
 * description, so tests need not spell out every depcfg field.
 *
 * @example
 * const fn = await em.deploy(defineFunction({
 *   name: 'copy',
 *   source: 'src',
 *   buckets: { dst: 'dst' },
 *   code: 'function OnUpdate(doc, meta) { dst[meta.id] = doc; }',
 * }));
 */
export function defineFunction(spec: FunctionSpec) {
  const source = splitKeyspace(spec.source);
  const metadata = splitKeyspace(spec.metadata ?? 'eventing');
  return {
    appname: spec.name,
    appcode: spec.code,
    depcfg: {
      source_bucket: source.bucket,
      source_scope: source.scope,
      source_collection: source.collection,
      metadata_bucket: metadata.bucket,
      metadata_scope: metadata.scope,
      metadata_collection: metadata.collection,
      buckets: Object.entries(spec.buckets ?? {}).map(([alias, target]) => {
        const { keyspace, access } =
          typeof target === 'string' ? { keyspace: target, access: 'rw' } : target;
        const resolved = splitKeyspace(keyspace);
        return {
          alias,
          bucket_name: resolved.bucket,
          scope_name: resolved.scope,
          collection_name: resolved.collection,
          access,
        };
      }),
      curl: Object.entries(spec.urls ?? {}).map(([alias, target]) => urlBinding(alias, target)),
      constants: Object.entries(spec.constants ?? {}).map(([alias, literal]) => ({
        value: alias,
        literal,
      })),
    },
    settings: { ...spec.settings },
    function_scope: { bucket: '*', scope: '*' },
  };
}

// Wildcards are allowed here, unlike in document keyspaces, so this splits without validating;
// deploy validates the resulting definition.
function splitKeyspace(text: string): Keyspace {
  const [bucket = '', scope = '_default', collection = '_default'] = text.split('.');
  return { bucket, scope, collection };
}

function urlBinding(alias: string, target: string | UrlSpec) {
  const spec = typeof target === 'string' ? { url: target } : target;
  return {
    hostname: spec.url,
    value: alias,
    auth_type: spec.auth ?? 'no-auth',
    username: spec.username ?? '',
    password: spec.password ?? '',
    bearer_key: spec.bearer_key ?? '',
    allow_cookies: spec.allow_cookies ?? false,
    validate_ssl_certificate: spec.validate_ssl_certificate ?? true,
  };
}
