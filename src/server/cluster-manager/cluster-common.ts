import type { Reply } from '../reply.ts';
import type { RequestContext } from '../router.ts';

// What the cluster manager's bucket, scope and collection routes share: ns_server's plain
// answers, names as the emulator's keyspace text takes them, and the created scopes and
// collections the local service keeps.

/** ns_server's answer for a bucket that does not exist. */
export const NOT_FOUND: Reply = {
  kind: 'text',
  httpStatus: 404,
  statusCode: -1,
  body: 'Requested resource not found.\r\n',
  contentType: 'text/plain',
};

/** ns_server's answers carry no Eventing `status` header. */
export function clusterJson(body: unknown, httpStatus = 200): Reply {
  return { kind: 'json', httpStatus, statusCode: -1, body };
}

/** A name in backticks, as the emulator's keyspace text takes any name. */
export function quoted(name: string): string {
  return `\`${name}\``;
}

/** Forgets the created scopes and collections under `prefix` (a bucket's or a scope's text). */
export function forgetCreated(context: RequestContext, prefix: string): void {
  for (const keyspace of context.service.createdKeyspaces.keys()) {
    if (keyspace.startsWith(`${prefix}.`)) context.service.createdKeyspaces.delete(keyspace);
  }
}
