import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError, serviceErrorOf } from './error-catalogue.ts';
import type { LocalService } from './local-service.ts';
import { errorReply, NOT_FOUND_PAGE, type Reply, writeReply } from './reply.ts';
import {
  handlerFor,
  matchRoute,
  notAllowedText,
  type RequestContext,
  type Route,
} from './router.ts';
import { type HostPolicy, isAllowedHost, refusedHostMessage } from './serve-safety.ts';

// One request, end to end: route, authenticate, check the method and the size, run the route,
// and answer with an envelope whatever happens. Nothing a client sends may crash the service.

export interface ListenerOptions {
  service: LocalService;
  routes: readonly Route[];
  authenticate: (header: string | undefined) => boolean;
  /** Larger request bodies are refused with 413. */
  maxBodyBytes: number;
  /** Which Host headers are answered; others get 403 (DNS rebinding). */
  hosts: HostPolicy;
  log: (line: string) => void;
}

const UNAUTHENTICATED_HEADERS = { 'www-authenticate': 'Basic realm="eventing-dev"' };

/** The request listener of the local service's HTTP(S) server. */
export function createRequestListener(
  options: ListenerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    answer(req, options)
      .catch((error: unknown) => internalError(error, options.log))
      .then((reply) => {
        if (reply.kind === 'text' && reply.sent) whenOver(res, reply.sent);
        if (!res.headersSent && !res.destroyed) writeReply(res, reply, req.method === 'HEAD');
      })
      .catch((error: unknown) => {
        options.log(`cannot answer ${req.method} ${req.url}: ${(error as Error).message}`);
        res.destroy();
      });
  };
}

/** Calls `done` once the response is over, at once if its connection is already gone. */
function whenOver(res: ServerResponse, done: () => void): void {
  if (res.closed || res.destroyed) done();
  else res.once('close', done);
}

async function answer(req: IncomingMessage, options: ListenerOptions): Promise<Reply> {
  const host = req.headers.host;
  if (!isAllowedHost(host, options.hosts)) {
    const text = `${refusedHostMessage(host ?? '')}\n`;
    return {
      kind: 'text',
      httpStatus: 403,
      statusCode: 403,
      body: text,
      contentType: 'text/plain',
    };
  }
  const { path, query } = splitUrl(req.url ?? '/');
  const matched = matchRoute(options.routes, path);
  if (!matched) return NOT_FOUND_PAGE;
  const { route } = matched;
  if (!options.authenticate(req.headers.authorization)) {
    if (route.errors) return route.errors.unauthenticated(req.headers.authorization !== undefined);
    return errorReply(
      new ServiceError('ERR_UNAUTHENTICATED', 'unauthenticated User'),
      UNAUTHENTICATED_HEADERS,
    );
  }
  try {
    return await answerRoute(req, { options, route, path, query, captures: matched.captures });
  } catch (caught) {
    const error = serviceErrorOf(caught);
    if (!(error instanceof ServiceError)) throw caught;
    return route.errors ? route.errors.refused(error) : errorReply(error);
  }
}

interface Matched {
  options: ListenerOptions;
  route: Route;
  path: string;
  query: string;
  captures: string[];
}

async function answerRoute(
  req: IncomingMessage,
  { options, route, path, query, captures }: Matched,
): Promise<Reply> {
  const method = req.method ?? 'GET';
  const handler = handlerFor(route, method);
  if (!handler) {
    const refusal = new ServiceError('ERR_METHOD_NOT_ALLOWED', notAllowedText(route));
    if (route.errors) return route.errors.refused(refusal);
    return errorReply(refusal, { allow: Object.keys(route.methods).join(', ') });
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > options.maxBodyBytes) throw tooLarge(options.maxBodyBytes);
  const context: RequestContext = {
    method,
    path,
    params: captures.map(decodePathPart),
    query: new URLSearchParams(query),
    headers: req.headers,
    service: options.service,
    body: once(() => readBody(req, options.maxBodyBytes)),
  };
  return handler(context);
}

/** Path and query of a request target, also in the absolute form a proxy would send. */
function splitUrl(target: string): { path: string; query: string } {
  let text = target;
  if (!text.startsWith('/')) {
    try {
      const url = new URL(text);
      text = `${url.pathname}${url.search}`;
    } catch {
      return { path: text, query: '' };
    }
  }
  const mark = text.indexOf('?');
  return mark < 0
    ? { path: text, query: '' }
    : { path: text.slice(0, mark), query: text.slice(mark + 1) };
}

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ServiceError('ERR_INVALID_REQUEST', `Invalid escape in the URL path: ${part}`);
  }
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/** Reads the body, refusing it as soon as it grows past the limit (the rest is discarded). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function tooLarge(limit: number): ServiceError {
  return new ServiceError(
    'ERR_PAYLOAD_TOO_LARGE',
    `Request body is larger than the limit of ${limit} bytes`,
  );
}

function internalError(error: unknown, log: (line: string) => void): Reply {
  if (error instanceof ServiceError) return errorReply(error);
  log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const message = error instanceof Error ? error.message : String(error);
  return errorReply(new ServiceError('INTERNAL_SERVER_ERROR', message));
}
