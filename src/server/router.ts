import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceError } from './error-catalogue.ts';
import type { LocalService } from './local-service.ts';
import type { Reply } from './reply.ts';

// Routes are regular expressions over the raw (still percent-encoded) path, tried in order, as
// the server's own mux does: a function name may contain anything up to the known suffixes
// (spec §1.5), and its captures are decoded only once a route matched.

/** What a route handler gets. */
export interface RequestContext {
  readonly method: string;
  /** The path as sent, percent-encoded. */
  readonly path: string;
  /** The route's captures, percent-decoded. */
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly service: LocalService;
  /** The request body (read once, within the size limit). */
  body(): Promise<Buffer>;
}

export type Handler = (context: RequestContext) => Reply | Promise<Reply>;

/** HTTP methods, or `*` for a route that takes any method. */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | '*';

export interface Route {
  readonly pattern: RegExp;
  readonly methods: Partial<Record<Method, Handler>>;
  /** The description of this route's 405, when the server words it its own way. */
  readonly notAllowed?: string;
  /** How the service of this route words refusals; the Eventing service's envelope by default. */
  readonly errors?: ErrorStyle;
}

/**
 * How a service other than Eventing (the Data API, the Query service, the cluster manager)
 * answers the refusals the listener makes before or around a route's handler.
 */
export interface ErrorStyle {
  /** No credentials (`sent` false), or wrong or unreadable ones. */
  unauthenticated(sent: boolean): Reply;
  /** A wrong method, a body over the size limit, a bad escape in the path. */
  refused(error: ServiceError): Reply;
}

/** The first route whose pattern matches `path`, with its raw captures. */
export function matchRoute(
  routes: readonly Route[],
  path: string,
): { route: Route; captures: string[] } | undefined {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match) return { route, captures: match.slice(1).map((capture) => capture ?? '') };
  }
  return undefined;
}

/** The handler for `method`, if the route takes it. */
export function handlerFor(route: Route, method: string): Handler | undefined {
  return route.methods[method as Method] ?? route.methods['*'];
}

/** `Method not allowed. Only GET, POST is allowed`-style text for a 405. */
export function notAllowedText(route: Route): string {
  if (route.notAllowed) return route.notAllowed;
  const methods = Object.keys(route.methods);
  return `Method not allowed. Only ${methods.join(', ')} ${methods.length > 1 ? 'are' : 'is'} allowed`;
}
