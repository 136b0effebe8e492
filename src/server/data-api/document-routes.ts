import type { Reply } from '../reply.ts';
import type { RequestContext, Route } from '../router.ts';
import { DATA_API_ERRORS } from './data-api-error.ts';
import {
  casMismatch,
  documentAddress,
  documentExists,
  documentNotFound,
} from './document-address.ts';
import { documentReply, documentValue, writtenReply } from './document-body.ts';
import { ifMatchOf, parseExpires, requestedExpiry } from './document-headers.ts';
import { dataApiHandler, keptExpiry, removeDocument, storeDocument } from './document-store.ts';

// Couchbase's Data API for whole documents (dataapiv1/spec.yaml in couchbase/stellar-gateway):
//   GET    …/documents/{key}   the document, with ETag, Expires and X-CB-Flags
//   POST   …/documents/{key}   insert: 409 DocumentExists when it is there
//   PUT    …/documents/{key}   upsert; with If-Match a replace (`*`: any CAS), 409 CasMismatch
//   DELETE …/documents/{key}   remove; If-Match checks the CAS first
//   GET    /v1/callerIdentity  the user the request authenticated as

const DOCUMENT =
  /^\/v1\/buckets\/([^/]+)\/scopes\/([^/]+)\/collections\/([^/]+)\/documents\/([^/]+)$/;

function getDocument(context: RequestContext): Reply {
  const address = documentAddress(context);
  const document = context.service.emulator.get(address.keyspace, address.key);
  if (!document) throw documentNotFound(address);
  return documentReply(document);
}

async function createDocument(context: RequestContext): Promise<Reply> {
  const address = documentAddress(context);
  const expires = context.headers.expires;
  const expiry =
    expires === undefined
      ? undefined
      : parseExpires(expires, context.service.emulator.now.getTime());
  const document = documentValue(await context.body(), context.headers, address);
  if (context.service.emulator.get(address.keyspace, address.key)) throw documentExists(address);
  return writtenReply(await storeDocument(context, address, document, { expiry }));
}

async function updateDocument(context: RequestContext): Promise<Reply> {
  const address = documentAddress(context);
  const ifMatch = ifMatchOf(context.headers);
  const expires = requestedExpiry(context.headers, context.service.emulator.now.getTime());
  const document = documentValue(await context.body(), context.headers, address);
  // Checked after the body is read, so that nothing else runs between the check and the write.
  const current = context.service.emulator.get(address.keyspace, address.key);
  if (ifMatch !== undefined) {
    if (!current) throw documentNotFound(address);
    if (ifMatch !== '*' && ifMatch !== current.cas) throw casMismatch(address);
  }
  // Without Expires the document keeps its expiry, as the Data API's update does.
  const expiry = expires.given ? expires.at : keptExpiry(current?.expiration ?? 0);
  return writtenReply(await storeDocument(context, address, document, { expiry }));
}

async function deleteDocument(context: RequestContext): Promise<Reply> {
  const address = documentAddress(context);
  const ifMatch = ifMatchOf(context.headers);
  const current = context.service.emulator.get(address.keyspace, address.key);
  if (!current) throw documentNotFound(address);
  if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== current.cas) {
    throw casMismatch(address);
  }
  await removeDocument(context, address);
  // fidelity: no ETag, as the emulator keeps no tombstone CAS.
  return writtenReply(undefined);
}

function callerIdentity(context: RequestContext): Reply {
  const header = context.headers.authorization ?? '';
  const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
  const user = decoded.slice(0, Math.max(0, decoded.indexOf(':')));
  return { kind: 'json', httpStatus: 200, statusCode: -1, body: { user } };
}

export const documentRoutes: Route[] = [
  { pattern: /^\/v1\/callerIdentity$/, methods: { GET: callerIdentity }, errors: DATA_API_ERRORS },
  {
    pattern: DOCUMENT,
    methods: {
      GET: dataApiHandler(getDocument),
      POST: dataApiHandler(createDocument),
      PUT: dataApiHandler(updateDocument),
      DELETE: dataApiHandler(deleteDocument),
    },
    errors: DATA_API_ERRORS,
  },
];
