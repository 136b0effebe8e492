import type { ServerResponse } from 'node:http';
import type { ServiceError } from './error-catalogue.ts';

// What a route answers, as data: routes return a Reply and one writer puts it on the wire, so
// every response gets the `status` header and the server's JSON formatting (spec §1.2).

/** A response: a JSON value, or text written verbatim with its content type. */
export type Reply =
  | { kind: 'json'; httpStatus: number; statusCode: number; body: unknown; headers?: Headers }
  | {
      kind: 'text';
      httpStatus: number;
      statusCode: number;
      body: string | Uint8Array;
      contentType: string;
      headers?: Headers;
      /** Called once the response is over: sent, or its connection gone. */
      sent?: () => void;
    };

type Headers = Record<string, string>;

/** The "message" shape: `{"code":0,"info":...}` (info and warning_info only when given). */
export function message(info?: unknown, warningInfo?: unknown): Reply {
  const body: Record<string, unknown> = { code: 0 };
  if (info !== undefined) body.info = info;
  if (warningInfo !== undefined) body.warning_info = warningInfo;
  return { kind: 'json', httpStatus: 200, statusCode: 0, body };
}

/** The "payload" shape: a JSON document as it is. */
export function payload(body: unknown, headers?: Headers): Reply {
  return { kind: 'json', httpStatus: 200, statusCode: 0, body, ...(headers ? { headers } : {}) };
}

/**
 * The "raw" shape: text as it is. The server labels raw appcode `application/json` and app logs
 * `text/plain`, so the caller says which.
 */
export function raw(
  body: string | Uint8Array,
  contentType: string,
  headers?: Headers,
): Extract<Reply, { kind: 'text' }> {
  return {
    kind: 'text',
    httpStatus: 200,
    statusCode: 0,
    body,
    contentType,
    ...(headers ? { headers } : {}),
  };
}

export function errorReply(error: ServiceError, headers?: Headers): Reply {
  return {
    kind: 'json',
    httpStatus: error.httpStatus,
    statusCode: error.code,
    body: error.toEnvelope(),
    ...(headers ? { headers } : {}),
  };
}

/** Go's default mux answer for a path no route matches: no envelope, no `status` header. */
export const NOT_FOUND_PAGE: Reply = {
  kind: 'text',
  httpStatus: 404,
  statusCode: -1,
  body: '404 page not found\n',
  contentType: 'text/plain; charset=utf-8',
};

/** Writes a reply; HEAD requests get the headers only. */
export function writeReply(res: ServerResponse, reply: Reply, headOnly: boolean): void {
  if (reply.statusCode >= 0) res.setHeader('status', String(reply.statusCode));
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  let body: string | Uint8Array;
  if (reply.kind === 'json') {
    res.setHeader('content-type', 'application/json');
    // One-space indentation, as the server's encoder writes it.
    body = `${JSON.stringify(reply.body, null, 1)}`;
  } else {
    res.setHeader('content-type', reply.contentType);
    body = reply.body;
  }
  res.setHeader('content-length', typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  res.writeHead(reply.httpStatus);
  res.end(headOnly ? undefined : body);
}
