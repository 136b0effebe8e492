import { isJsonObject } from '../../definition/fields.ts';
import type { DocumentSnapshot } from '../../emulator/document-input.ts';
import type { Reply } from '../reply.ts';
import type { RequestContext, Route } from '../router.ts';
import { DATA_API_ERRORS, invalidArgument } from './data-api-error.ts';
import {
  casMismatch,
  type DocumentAddress,
  documentAddress,
  documentNotFound,
  notNumeric,
} from './document-address.ts';
import { documentReply, writtenReply } from './document-body.ts';
import { etagOf, ifMatchOf, parseExpires } from './document-headers.ts';
import { dataApiHandler, keptExpiry, storeDocument } from './document-store.ts';

// The Data API's operations on part of a document (dataapiv1/spec.yaml):
//   POST …/{key}/append, …/prepend            bytes added at the end or the start
//   POST …/{key}/increment, …/decrement       a counter: {"initial", "delta"}, the new value
//   POST …/{key}/touch                        {"expiry", "returnContent"}: a new expiry
// Each is a write that deployed functions see, as on a cluster.

const UINT64_MAX = 2n ** 64n - 1n;

function existing(context: RequestContext, address: DocumentAddress): DocumentSnapshot {
  const document = context.service.emulator.get(address.keyspace, address.key);
  if (!document) throw documentNotFound(address);
  return document;
}

function bytesOf(document: DocumentSnapshot): Uint8Array {
  return document.datatype === 'json'
    ? Buffer.from(JSON.stringify(document.value))
    : (document.value as Uint8Array);
}

/** append and prepend: the bytes joined; still JSON when the result parses, else binary. */
function joining(atEnd: boolean) {
  return async (context: RequestContext): Promise<Reply> => {
    const address = documentAddress(context);
    const ifMatch = ifMatchOf(context.headers);
    const added = await context.body();
    if (added.length === 0) throw invalidArgument('No content was provided in the request body.');
    const current = existing(context, address);
    if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== current.cas) {
      throw casMismatch(address);
    }
    const before = Buffer.from(bytesOf(current));
    const joined = atEnd ? Buffer.concat([before, added]) : Buffer.concat([added, before]);
    let value: unknown = new Uint8Array(joined);
    if (current.datatype === 'json') {
      try {
        value = JSON.parse(joined.toString('utf8'));
      } catch {
        // No longer JSON: the Data service stores the bytes.
      }
    }
    const cas = await storeDocument(
      context,
      address,
      { value, flags: current.flags },
      { expiry: keptExpiry(current.expiration), xattrs: current.xattrs },
    );
    return writtenReply(cas);
  };
}

interface CounterRequest {
  delta: bigint;
  initial: bigint | undefined;
}

async function counterRequest(context: RequestContext): Promise<CounterRequest> {
  const text = (await context.body()).toString('utf8');
  if (text.trim() === '') return { delta: 1n, initial: undefined };
  const body = objectOf(text);
  if (!body) throw invalidArgument('Unexpected content type.');
  const uint64 = (name: string): bigint | undefined => {
    const value = body[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw invalidArgument(`${name} must be an unsigned 64-bit integer`);
    }
    return BigInt(value);
  };
  return { delta: uint64('delta') ?? 1n, initial: uint64('initial') };
}

/** increment and decrement: the Data service's counters (decrement stops at 0). */
function counting(up: boolean) {
  return async (context: RequestContext): Promise<Reply> => {
    const address = documentAddress(context);
    const expires = context.headers.expires;
    const now = context.service.emulator.now.getTime();
    const expiry = expires === undefined ? undefined : parseExpires(expires, now);
    const { delta, initial } = await counterRequest(context);
    if (expiry !== undefined && initial === undefined) {
      throw invalidArgument(
        'Expiry cannot be set when the document does not exist and Initial is not set.  Expiry is only applied to new documents that are created.',
      );
    }
    const current = context.service.emulator.get(address.keyspace, address.key);
    let next: bigint;
    if (current) {
      const counter = counterValue(current);
      if (counter === undefined) throw notNumeric(address);
      next = up ? (counter + delta) & UINT64_MAX : counter > delta ? counter - delta : 0n;
    } else if (initial === undefined) {
      throw documentNotFound(address);
    } else next = initial;
    // fidelity: counters above 2^53 are stored as the nearest double, as JSON numbers are here.
    const cas = await storeDocument(
      context,
      address,
      { value: Number(next), flags: current?.flags ?? 0 },
      current ? { expiry: keptExpiry(current.expiration), xattrs: current.xattrs } : { expiry },
    );
    return {
      kind: 'text',
      httpStatus: 200,
      statusCode: -1,
      body: next.toString(),
      contentType: 'application/json',
      headers: { etag: etagOf(cas) },
    };
  };
}

/** A counter document's value: decimal digits only, as the Data service requires. */
function counterValue(document: DocumentSnapshot): bigint | undefined {
  const text = Buffer.from(bytesOf(document)).toString('utf8');
  if (!/^\d{1,20}$/.test(text)) return undefined;
  const value = BigInt(text);
  return value > UINT64_MAX ? undefined : value;
}

async function touchDocument(context: RequestContext): Promise<Reply> {
  const address = documentAddress(context);
  const body = objectOf((await context.body()).toString('utf8'));
  if (typeof body?.expiry !== 'string') {
    throw invalidArgument('Expiry not specified in request body.');
  }
  const expiry = touchExpiry(body.expiry, context.service.emulator.now.getTime());
  const current = existing(context, address);
  const document = { value: current.value, flags: current.flags };
  const cas = await storeDocument(context, address, document, { expiry, xattrs: current.xattrs });
  if (body.returnContent !== true) return writtenReply(cas, 204);
  const touched = existing(context, address);
  return documentReply({ ...touched, cas });
}

/** A JSON object body, or undefined for anything else. */
function objectOf(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** An HTTP date, a Go duration, 0, or an ISO 8601 time. */
function touchExpiry(text: string, now: number): Date | undefined {
  try {
    return parseExpires(text, now);
  } catch {
    const when = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isFinite(when)) return new Date(when);
    throw invalidArgument('Invalid time format - expected RFC1123 or RFC3339.');
  }
}

const SUFFIXED =
  /^\/v1\/buckets\/([^/]+)\/scopes\/([^/]+)\/collections\/([^/]+)\/documents\/([^/]+)\//;

function route(suffix: string, handler: (context: RequestContext) => Promise<Reply>): Route {
  return {
    pattern: new RegExp(`${SUFFIXED.source}${suffix}$`),
    methods: { POST: dataApiHandler(handler) },
    errors: DATA_API_ERRORS,
  };
}

export const binaryRoutes: Route[] = [
  route('append', joining(true)),
  route('prepend', joining(false)),
  route('increment', counting(true)),
  route('decrement', counting(false)),
  route('touch', touchDocument),
];
