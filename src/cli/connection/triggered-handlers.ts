import { EventingClient } from '../../client/eventing-client.ts';
import { newLines } from '../../client/new-log-lines.ts';
import type { FunctionDefinitionJson } from '../../client/types.ts';
import { keyspaceMatches, parseKeyspace } from '../../definition/keyspace.ts';

// What the handlers a document write triggered did, read through Couchbase's Eventing REST
// API: the deployed functions whose source keyspace the write falls under, and the lines
// their application logs gained (exceptions included, which the server logs as JSON).
// serve answers a write once every handler it caused has run, so reading after it is enough.

/** A function the write reached, with the app log lines it wrote since. */
export interface TriggeredFunction {
  name: string;
  lines: string[];
  /** Its bucket bindings, to explain a refused write. */
  buckets: FunctionDefinitionJson['depcfg']['buckets'];
}

/** Reads the state before a write; `after()` reads what the write's handlers added. */
export interface WriteObserver {
  /** The deployed functions that listen to the keyspace written. */
  listeners: string[];
  after(): Promise<TriggeredFunction[]>;
}

/** Notes the deployed functions listening to `keyspace` and their logs, before the write. */
export async function observeWrite(
  client: EventingClient,
  keyspace: string,
): Promise<WriteObserver> {
  const written = parseKeyspace(keyspace);
  const [definitions, statuses] = await Promise.all([client.getFunctions(), client.getStatuses()]);
  const deployed = new Set(
    statuses.apps.filter((app) => app.composite_status === 'deployed').map((app) => app.name),
  );
  const listeners = definitions
    .filter((definition) => deployed.has(definition.appname))
    .filter(({ depcfg }) =>
      keyspaceMatches(
        {
          bucket: depcfg.source_bucket,
          scope: depcfg.source_scope || '_default',
          collection: depcfg.source_collection || '_default',
        },
        written,
      ),
    )
    .map((definition) => ({
      name: definition.appname,
      scope: scopeOf(definition),
      buckets: definition.depcfg.buckets ?? [],
    }));
  // The server sends the newest line first; these are oldest first.
  const read = async ({ name, scope }: Listener) =>
    (await client.getAppLog(name, scope ? { scope } : {})).reverse();
  const before = new Map<Listener, string[]>();
  for (const listener of listeners) before.set(listener, await read(listener));
  return {
    listeners: listeners.map((listener) => listener.name),
    after: async () => {
      const triggered: TriggeredFunction[] = [];
      for (const listener of listeners) {
        const lines = newLines(before.get(listener) ?? [], await read(listener));
        triggered.push({ name: listener.name, lines, buckets: listener.buckets });
      }
      return triggered;
    },
  };
}

interface Listener {
  name: string;
  scope: { bucket: string; scope: string } | undefined;
  buckets: FunctionDefinitionJson['depcfg']['buckets'];
}

/** The scope of a scoped function (7.1+); undefined for the `*`.`*` of unscoped ones. */
function scopeOf(definition: FunctionDefinitionJson) {
  const scope = definition.function_scope;
  return scope && scope.bucket !== '*' ? { bucket: scope.bucket, scope: scope.scope } : undefined;
}

/**
 * Observes a write to `keyspace` on the service at `url` (a local serve): undefined when the
 * service cannot list its functions, so that the write itself still goes ahead and reports.
 */
export async function observeWriteAt(
  url: string,
  credentials: { username: string; password: string; insecure?: boolean; ca?: string | Buffer },
  keyspace: string,
): Promise<(WriteObserver & { close(): Promise<void> }) | undefined> {
  const client = new EventingClient({ url, ...credentials, retries: 0 });
  try {
    const observer = await observeWrite(client, keyspace);
    return { ...observer, close: () => client.close() };
  } catch {
    await client.close();
    return undefined;
  }
}
