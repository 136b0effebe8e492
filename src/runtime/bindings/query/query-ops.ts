import type { QueryAnswer, QueryService } from '../../door-protocol.ts';
import type { QueryPort, QueryRequest, QueryRows } from '../../ports.ts';

// Host side of N1QL(), analyticsQuery and searchQuery: asks the QueryPort, hands the shim the
// first rows at once (the server's call waits for them too), and keeps a cursor for rows that
// arrive later from an asynchronous sequence.

export interface QueryContext {
  port: QueryPort;
  /** Open cursors of this runtime, by handle. */
  cursors: Map<number, { service: QueryService; iterator: AsyncIterator<unknown> }>;
  nextHandle: { value: number };
}

const ERROR_CLASS = {
  n1ql: 'N1QLError',
  analytics: 'AnalyticsError',
  search: 'SearchError',
} as const;

export function startQuery(
  context: QueryContext,
  service: QueryService,
  statement: string,
  params: string | undefined,
  options: string,
): QueryAnswer | Promise<QueryAnswer> {
  const request: QueryRequest = {
    service,
    statement,
    params: params === undefined ? undefined : JSON.parse(params),
    options: JSON.parse(options),
  };
  let rows: QueryRows | Promise<QueryRows>;
  try {
    rows = context.port.run(request);
  } catch (error) {
    return failure(service, error);
  }
  if (isPromise(rows))
    return rows.then(
      (resolved) => begin(context, service, resolved),
      (error) => failure(service, error),
    );
  return begin(context, service, rows);
}

export async function nextRows(context: QueryContext, handle: number): Promise<QueryAnswer> {
  const cursor = context.cursors.get(handle);
  if (!cursor) return { handle, rows: '[]', done: true };
  try {
    const step = await cursor.iterator.next();
    if (step.done) context.cursors.delete(handle);
    return {
      handle,
      rows: step.done ? '[]' : JSON.stringify([step.value]),
      done: Boolean(step.done),
    };
  } catch (error) {
    context.cursors.delete(handle);
    return failure(cursor.service, error);
  }
}

export function closeQuery(context: QueryContext, handle: number): void {
  const cursor = context.cursors.get(handle);
  context.cursors.delete(handle);
  // Lets an async generator run its finally blocks; its outcome no longer matters.
  cursor?.iterator.return?.()?.catch(() => undefined);
}

/** Ends every cursor of the invocation that just finished (spec §1.8). */
export function closeAllQueries(context: QueryContext): void {
  for (const handle of [...context.cursors.keys()]) closeQuery(context, handle);
}

function begin(
  context: QueryContext,
  service: QueryService,
  rows: QueryRows,
): QueryAnswer | Promise<QueryAnswer> {
  if (!isAsyncIterable(rows)) {
    try {
      return { handle: 0, rows: JSON.stringify(Array.from(rows)), done: true };
    } catch (error) {
      return failure(service, error);
    }
  }
  const handle = ++context.nextHandle.value;
  context.cursors.set(handle, { service, iterator: rows[Symbol.asyncIterator]() });
  return nextRows(context, handle);
}

/**
 * The error a service reports: `Query error : <response JSON>` with the errors list, as the
 * server's message is built (spec §7.2).
 */
function failure(service: QueryService, error: unknown): QueryAnswer {
  const errors = reportedErrors(error);
  const response = JSON.stringify({ errors, status: 'fatal' });
  return { error: { class: ERROR_CLASS[service], message: ` Query error : ${response}` } };
}

function reportedErrors(error: unknown): unknown[] {
  if (typeof error === 'object' && error !== null) {
    const shaped = error as { errors?: unknown; code?: unknown; msg?: unknown; message?: unknown };
    if (Array.isArray(shaped.errors)) return shaped.errors;
    if (shaped.code !== undefined || shaped.msg !== undefined)
      return [{ code: shaped.code, msg: shaped.msg ?? shaped.message }];
    if (error instanceof Error) return [{ code: 5000, msg: error.message }];
  }
  return [{ code: 5000, msg: String(error) }];
}

function isPromise(value: unknown): value is Promise<QueryRows> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function isAsyncIterable(value: QueryRows): value is AsyncIterable<unknown> {
  return typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function';
}
