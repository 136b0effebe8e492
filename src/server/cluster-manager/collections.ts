import type { CatalogueBucket } from '../../emulator/keyspace-catalogue.ts';
import type { RequestContext, Route } from '../router.ts';
import { clusterJson as json, NOT_FOUND, quoted } from './buckets.ts';

// The cluster manager's Scopes and Collections REST API, over the emulator's catalogue of
// keyspaces: GET and POST
// /pools/default/buckets/{b}/scopes, POST …/scopes/{s}/collections, DELETE of a scope or a
// collection. What they create is what handlers, the Data API and SQL++ can reach.
// fidelity: maxTTL and history are not read from the request; uids count this API's changes.

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
          maxTTL: 0,
          history: false,
        })),
      })),
    });
  };

  const createScope = async (context: RequestContext) => {
    const bucket = bucketOf(context);
    if (!bucket) return NOT_FOUND;
    const name = await nameOf(context);
    if (!NAME.test(name)) return json({ errors: { name: invalidName(name) } }, 400);
    if (bucket.scopes.some((scope) => scope.name === name)) {
      return json({ errors: { name: `Scope with name "${name}" already exists` } }, 400);
    }
    context.service.emulator.createKeyspace(`${quoted(bucket.name)}.${quoted(name)}.*`);
    return changed(context);
  };

  const createCollection = async (context: RequestContext) => {
    const bucket = bucketOf(context);
    if (!bucket) return NOT_FOUND;
    const scopeName = context.params[1] ?? '';
    const scope = bucket.scopes.find((candidate) => candidate.name === scopeName);
    if (!scope) return json({ errors: { _: `Scope with name "${scopeName}" is not found` } }, 404);
    const name = await nameOf(context);
    if (!NAME.test(name) || name === DEFAULT)
      return json({ errors: { name: invalidName(name) } }, 400);
    if (scope.collections.includes(name)) {
      const message = `Collection with name "${name}" in scope "${scopeName}" already exists`;
      return json({ errors: { name: message } }, 400);
    }
    context.service.emulator.createKeyspace([bucket.name, scopeName, name].map(quoted).join('.'));
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

/** The `name` of a form body (as couchbase-cli and the docs send it) or of a JSON one. */
async function nameOf(context: RequestContext): Promise<string> {
  const text = (await context.body()).toString('utf8');
  if (String(context.headers['content-type'] ?? '').startsWith('application/json')) {
    try {
      const parsed = JSON.parse(text) as { name?: unknown };
      return typeof parsed.name === 'string' ? parsed.name : '';
    } catch {
      return '';
    }
  }
  return new URLSearchParams(text).get('name') ?? '';
}

function invalidName(name: string): string {
  return name === ''
    ? 'The value must be supplied'
    : 'Can only contain characters A-Z, a-z, 0-9 and the following symbols _ - %';
}
