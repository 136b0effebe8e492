import { parseKeyspace } from '../definition/keyspace.ts';
import type { FunctionDefinition } from '../definition/types.ts';
import { EventingDevError, type Problem } from '../errors.ts';
import type { EnvironmentConfig } from './project-config.ts';

// A function's definition as it goes to an environment: keyspaces renamed, URL bindings pointed
// at that environment's hosts, and curl credentials filled in from environment variables, so
// that function.json holds neither production names nor secrets.

/** `${NAME}` in a URL binding's username, password or bearer_key: read from the environment. */
const SECRET_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/**
 * The definition for `environment`. `keyspaces` maps a bucket (`"travel-sample": "travel"`) or a
 * whole keyspace (`"shop.sales.orders": "shop_prod.sales.orders"`) to its name there; a whole
 * keyspace wins over its bucket. `urls` maps a URL prefix to another.
 * @throws EventingDevError `CONFIG_INVALID` naming every credential variable that is not set.
 */
export function forEnvironment(
  definition: FunctionDefinition,
  environment: Pick<EnvironmentConfig, 'keyspaces' | 'urls'>,
  variables: Readonly<Record<string, string | undefined>> = process.env,
): FunctionDefinition {
  const result = structuredClone(definition);
  const rename = keyspaceRenamer(environment.keyspaces ?? {});
  const { depcfg } = result;
  [depcfg.source_bucket, depcfg.source_scope, depcfg.source_collection] = rename(
    depcfg.source_bucket,
    depcfg.source_scope,
    depcfg.source_collection,
  );
  [depcfg.metadata_bucket, depcfg.metadata_scope, depcfg.metadata_collection] = rename(
    depcfg.metadata_bucket,
    depcfg.metadata_scope,
    depcfg.metadata_collection,
  );
  for (const binding of depcfg.buckets) {
    [binding.bucket_name, binding.scope_name, binding.collection_name] = rename(
      binding.bucket_name,
      binding.scope_name,
      binding.collection_name,
    );
  }
  const missing: Problem[] = [];
  for (const binding of depcfg.curl) {
    binding.hostname = renameUrl(binding.hostname, environment.urls ?? {});
    for (const field of ['username', 'password', 'bearer_key'] as const) {
      const reference = SECRET_REFERENCE.exec(binding[field]);
      if (!reference) continue;
      const name = reference[1] as string;
      const value = variables[name];
      if (value === undefined) {
        missing.push({
          path: `depcfg.curl[${binding.value}].${field}`,
          message: `environment variable ${name} is not set`,
        });
      } else binding[field] = value;
    }
  }
  if (missing.length > 0) {
    throw new EventingDevError(
      'CONFIG_INVALID',
      `Function "${definition.appname}" needs credentials from the environment`,
      {
        problems: missing,
        hint: 'Set these variables (e.g. export RATES_TOKEN=...) before promoting; function.json only names them.',
      },
    );
  }
  return result;
}

type Triple = [string, string, string];

function keyspaceRenamer(renames: Record<string, string>) {
  const whole = new Map<string, Triple>();
  const buckets = new Map<string, string>();
  for (const [from, to] of Object.entries(renames)) {
    const source = parseKeyspace(from);
    const target = parseKeyspace(to);
    // `"bucket": "other"` renames the bucket of every keyspace; a full name renames one.
    if (!from.includes('.') && !to.includes('.')) buckets.set(source.bucket, target.bucket);
    else
      whole.set(key([source.bucket, source.scope, source.collection]), [
        target.bucket,
        target.scope,
        target.collection,
      ]);
  }
  return (bucket: string, scope: string, collection: string): Triple =>
    whole.get(key([bucket, scope, collection])) ?? [
      buckets.get(bucket) ?? bucket,
      scope,
      collection,
    ];
}

function key(triple: Triple): string {
  return triple.join('\u0000');
}

/** The longest matching prefix wins: `https://api.test` → `https://api.example.com`. */
function renameUrl(url: string, renames: Record<string, string>): string {
  const prefix = Object.keys(renames)
    .filter((from) => url === from || url.startsWith(from.endsWith('/') ? from : `${from}/`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? url : `${renames[prefix]}${url.slice(prefix.length)}`;
}
