import type { CatalogueBucket } from '../../emulator/keyspace-catalogue.ts';
import type { RequestContext, Route } from '../router.ts';
import { forgetCreated, clusterJson as json, NOT_FOUND, quoted } from './cluster-common.ts';

// The cluster manager's Scopes and Collections REST API, over the emulator's catalogue of
// keyspaces: GET and POST
// /pools/default/buckets/{b}/scopes, POST …/scopes/{s}/collections, DELETE of a scope or a
// collection. What they create is what handlers, the Data API and SQL++ can reach.
// fidelity: history is not read from the request; uids count this API's changes.

const NAME = /^[A-Za-z0-9%][A-Za-z0-9_%-]{0,250}$/;
const DEFAULT = '_default';

/** The catalogue's answers and the manifest uid ns_server bumps at each change. */
export function createCollectionsRoutes(): Route[] {
  let uid = 0;
  // Answered once the change is durable (with a data directory, created collections are kept).
  const changed = async (context: RequestContext) => {
    await context.service.persist();
    return json({ uid: (++uid).toString(16) });
  };
  const bucketOf = (context: RequestContext): CatalogueBucket | undefined =>
    context.service.emulator.keyspaces.buckets().find((b) => b.name === context.params[0]);

  const listScopes = (context: RequestContext) => {
    const bucket = bucketOf(context);
    if (!bucket) return NOT_FOUND;
    return json({
      uid: uid.toString(16),
      scopes: bucket.scopes.map((scope) => ({
        name: scope.name,
        uid: '0',
        collections: scope.collections.map((name) => ({
          name,
          uid: '0',
          maxTTL:
            context.service.createdKeyspaces.get(keyspaceText(bucket.name, scope.name, name))
              ?.maxTTL ?? 0,
          history: false,
        })),
      })),
    });
  };

  const createScope = async (context: RequestContext) => {
    const bucket = bucketOf(context);
    if (!bucket) return NOT_FOUND;
    const name = (await fieldsOf(context)).get('name') ?? '';
    if (!NAME.test(name)) return json({ errors: { name: invalidName(name) } }, 400);
    if (bucket.scopes.some((scope) => scope.name === name)) {
      return json({ errors: { name: `Scope with name "${name}" already exists` } }, 400);
    }
    const scope = `${quoted(bucket.name)}.${quoted(name)}.*`;
    context.service.emulator.createKeyspace(scope);
    context.service.createdKeyspaces.set(scope, {});
    return changed(context);
  };

  const createCollection = async (context: RequestContext) => {
    const bucket = bucketOf(context);
    if (!bucket) return NOT_FOUND;
    const scopeName = context.params[1] ?? '';
    const scope = bucket.scopes.find((candidate) => candidate.name === scopeName);
    if (!scope) return json({ errors: { _: `Scope with name "${scopeName}" is not found` } }, 404);
    const fields = await fieldsOf(context);
    const name = fields.get('name') ?? '';
    if (!NAME.test(name) || name === DEFAULT)
      return json({ errors: { name: invalidName(name) } }, 400);
    const maxTTL = maxTtlOf(fields.get('maxTTL'));
    if (typeof maxTTL === 'string') return json({ errors: { maxTTL } }, 400);
    if (scope.collections.includes(name)) {
      const message = `Collection with name "${name}" in scope "${scopeName}" already exists`;
      return json({ errors: { name: message } }, 400);
    }
    const keyspace = keyspaceText(bucket.name, scopeName, name);
    // Always given, so that a collection made again does not keep the maxTTL of one dropped.
    context.service.emulator.createKeyspace(keyspace, { maxTTL: maxTTL ?? 0 });
    context.service.createdKeyspaces.set(keyspace, maxTTL ? { maxTTL } : {});
    return changed(context);
  };

  const dropScope = async (context: RequestContext) => {
    const bucket = bucketOf(context);
    if (!bucket) return NOT_FOUND;
    const scope = context.params[1] ?? '';
    if (scope === DEFAULT)
      return json({ errors: { _: 'Deleting _default scope is not allowed' } }, 400);
    const dropped = context.service.emulator.keyspaces.drop({ bucket: bucket.name, scope });
    if (!dropped) return json({ errors: { _: `Scope with name "${scope}" is not found` } }, 404);
    forgetCreated(context, [bucket.name, scope].map(quoted).join('.'));
    return changed(context);
  };

  const dropCollection = async (context: RequestContext) => {
    const bucket = bucketOf(context);
    if (!bucket) return NOT_FOUND;
    const [, scope = '', collection = ''] = context.params;
    const dropped = context.service.emulator.keyspaces.drop({
      bucket: bucket.name,
      scope,
      collection,
    });
    if (!dropped) {
      const message = `Collection with name "${collection}" in scope "${scope}" is not found`;
      return json({ errors: { _: message } }, 404);
    }
    context.service.createdKeyspaces.delete(keyspaceText(bucket.name, scope, collection));
    return changed(context);
  };

  const buckets = '^/pools/default/buckets/([^/]+)/scopes';
  return [
    { pattern: new RegExp(`${buckets}/?$`), methods: { GET: listScopes, POST: createScope } },
    { pattern: new RegExp(`${buckets}/([^/]+)/?$`), methods: { DELETE: dropScope } },
    {
      pattern: new RegExp(`${buckets}/([^/]+)/collections/?$`),
      methods: { POST: createCollection },
    },
    {
      pattern: new RegExp(`${buckets}/([^/]+)/collections/([^/]+)/?$`),
      methods: { DELETE: dropCollection },
    },
  ];
}

/** The fields of a form body (as couchbase-cli and the docs send it) or of a JSON one. */
async function fieldsOf(context: RequestContext): Promise<URLSearchParams> {
  const text = (await context.body()).toString('utf8');
  if (!String(context.headers['content-type'] ?? '').startsWith('application/json')) {
    return new URLSearchParams(text);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    const entries = typeof parsed === 'object' && parsed !== null ? Object.entries(parsed) : [];
    return new URLSearchParams(
      entries.map(([key, value]): [string, string] => [key, String(value)]),
    );
  } catch {
    return new URLSearchParams();
  }
}

const MAX_TTL = 2_147_483_647;

/** A collection's maxTTL (-1: none, 0: the bucket's), undefined when not given, or the error. */
function maxTtlOf(text: string | null): number | string | undefined {
  if (text === null) return undefined;
  if (!/^-?\d+$/.test(text)) return 'The value must be an integer';
  const maxTTL = Number(text);
  return maxTTL < -1 || maxTTL > MAX_TTL
    ? `The value must be in range from -1 to ${MAX_TTL}`
    : maxTTL;
}

/** A collection as the emulator's keyspace text. */
function keyspaceText(bucket: string, scope: string, collection: string): string {
  return [bucket, scope, collection].map(quoted).join('.');
}

function invalidName(name: string): string {
  return name === ''
    ? 'The value must be supplied'
    : 'Can only contain characters A-Z, a-z, 0-9 and the following symbols _ - %';
}
