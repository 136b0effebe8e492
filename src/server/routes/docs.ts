import { formatKeyspace, parseKeyspace } from '../../definition/keyspace.ts';
import { EventingDevError } from '../../errors.ts';
import { invalidRequest, ServiceError } from '../error-catalogue.ts';
import { payload, type Reply, raw } from '../reply.ts';
import type { RequestContext, Route } from '../router.ts';

// eventing-dev's own document API, under /_dev/ where Couchbase has nothing:
//   PUT    /_dev/keyspaces/{keyspace}/docs/{id}[?expiry=]   store a document
//   GET    /_dev/keyspaces/{keyspace}/docs/{id}             its value
//   DELETE /_dev/keyspaces/{keyspace}/docs/{id}             remove it
//   GET    /_dev/keyspaces/{keyspace}/docs[?limit=]         its keyspace's ids
// `{keyspace}` is `bucket` or `bucket.scope.collection`. Writes reach deployed functions
// exactly as em.upsert and em.remove do, and answer once every handler they caused has run.

/** Couchbase reads an expiry above 30 days as an absolute Unix time, not a duration. */
const RELATIVE_EXPIRY_LIMIT = 30 * 24 * 60 * 60;
const BINARY = 'application/octet-stream';

/** Couchbase's naming rules: bucket names may also hold dots; no part may be `*` here. */
const BUCKET_NAME = /^[A-Za-z0-9._%-]{1,100}$/;
const SCOPE_OR_COLLECTION_NAME = /^[A-Za-z0-9_%-]{1,251}$/;

function keyspaceOf(context: RequestContext): string {
  const text = context.params[0] ?? '';
  let keyspace: ReturnType<typeof parseKeyspace>;
  try {
    keyspace = parseKeyspace(text);
  } catch (error) {
    throw invalidRequest((error as Error).message);
  }
  const named =
    BUCKET_NAME.test(keyspace.bucket) &&
    SCOPE_OR_COLLECTION_NAME.test(keyspace.scope) &&
    SCOPE_OR_COLLECTION_NAME.test(keyspace.collection);
  if (!named) {
    throw invalidRequest(
      `Invalid keyspace "${text}": names are made of A-Z, a-z, 0-9, _, - and % (and dots in a bucket name); documents live in one collection, not "*"`,
    );
  }
  return formatKeyspace(keyspace);
}

function idOf(context: RequestContext): string {
  return context.params[1] ?? '';
}

/** Tool errors of the emulator (a bad key, a bad value) are the client's mistake here. */
function asRequestError(error: unknown): unknown {
  return error instanceof EventingDevError ? invalidRequest(error.message) : error;
}

function expiryOf(query: URLSearchParams): Date | number | undefined {
  const text = query.get('expiry');
  if (text === null || text === '' || text === '0') return undefined;
  if (!/^\d{1,10}$/.test(text)) {
    throw invalidRequest('expiry must be a whole number of seconds (or a Unix time after 30 days)');
  }
  const seconds = Number(text);
  return seconds > RELATIVE_EXPIRY_LIMIT ? new Date(seconds * 1000) : seconds;
}

async function putDocument(context: RequestContext): Promise<Reply> {
  const keyspace = keyspaceOf(context);
  const expiry = expiryOf(context.query);
  const body = await context.body();
  let value: unknown;
  if ((context.headers['content-type'] ?? '').startsWith(BINARY)) {
    value = new Uint8Array(body);
  } else {
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw invalidRequest(
        `The document is not JSON (${(error as Error).message}); send binary documents as ${BINARY}`,
      );
    }
  }
  const id = idOf(context);
  const em = context.service.emulator;
  const { cas } = await em
    .upsert(keyspace, id, value, expiry === undefined ? {} : { expiry })
    .catch((error: unknown) => {
      throw asRequestError(error);
    });
  await context.service.persist();
  return payload({ id, cas, expiration: em.get(keyspace, id)?.expiration ?? 0 });
}

function getDocument(context: RequestContext): Reply {
  const keyspace = keyspaceOf(context);
  const id = idOf(context);
  const document = context.service.emulator.get(keyspace, id);
  if (!document) throw notFound(id, keyspace);
  const headers = {
    cas: document.cas,
    expiration: String(document.expiration),
    datatype: document.datatype,
  };
  return document.datatype === 'binary'
    ? raw(document.value as Uint8Array, BINARY, headers)
    : raw(JSON.stringify(document.value), 'application/json', headers);
}

async function deleteDocument(context: RequestContext): Promise<Reply> {
  const keyspace = keyspaceOf(context);
  const id = idOf(context);
  const removed = await context.service.emulator.remove(keyspace, id).catch((error: unknown) => {
    throw asRequestError(error);
  });
  if (!removed) throw notFound(id, keyspace);
  await context.service.persist();
  return payload({ id, deleted: true });
}

function listDocuments(context: RequestContext): Reply {
  const keyspace = keyspaceOf(context);
  const limitText = context.query.get('limit');
  const limit = limitText === null ? Number.POSITIVE_INFINITY : Number(limitText);
  if (!(limit >= 0)) throw invalidRequest('limit must be a non-negative number');
  const ids = context.service.emulator.keys(keyspace);
  return payload({ keyspace, count: ids.length, ids: ids.slice(0, limit) });
}

function notFound(id: string, keyspace: string): ServiceError {
  return new ServiceError('ERR_DOC_NOT_FOUND', `Document ${id} not found in ${keyspace}`);
}

export const docsRoutes: Route[] = [
  { pattern: /^\/_dev\/keyspaces\/([^/]+)\/docs\/?$/, methods: { GET: listDocuments } },
  {
    pattern: /^\/_dev\/keyspaces\/([^/]+)\/docs\/(.+)$/,
    methods: { GET: getDocument, PUT: putDocument, DELETE: deleteDocument },
  },
];
