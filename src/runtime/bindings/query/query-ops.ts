import type { QueryAnswer, QueryService } from '../../door-protocol.ts';
import type { QueryPort, QueryRequest, QueryRows } from '../../ports.ts';

// Host side of N1QL(), analyticsQuery and searchQuery: asks the QueryPort, hands the shim the
// first rows at once (the server's call waits for them too), and keeps a cursor for the rows
// that follow: one row per crossing from an asynchronous sequence, a batch from a synchronous
// one (the evaluator's rows, produced as they are taken).

export interface QueryContext {
  port: QueryPort;
  /** Open cursors of this runtime, by handle. */
  cursors: Map<number, QueryCursor>;
  nextHandle: { value: number };
}

/** Rows still to come: an asynchronous sequence, or a synchronous one read a batch at a time. */
export type QueryCursor =
  | { service: QueryService; iterator: AsyncIterator<unknown>; sync?: false }
  | { service: QueryService; iterator: Iterator<unknown>; sync: true };

/** Rows handed over per crossing for synchronous sequences (the evaluator's rows). */
const BATCH_ROWS = 64;

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

export function nextRows(
  context: QueryContext,
  handle: number,
): QueryAnswer | Promise<QueryAnswer> {
  const cursor = context.cursors.get(handle);
  if (!cursor) return { handle, rows: '[]', done: true };
  if (cursor.sync) return nextBatch(context, handle, cursor);
  return nextAsyncRow(context, handle, cursor);
}

async function nextAsyncRow(
  context: QueryContext,
  handle: number,
  cursor: QueryCursor & { sync?: false },
): Promise<QueryAnswer> {
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

/** Up to BATCH_ROWS rows of a synchronous sequence, which produces them as they are taken. */
function nextBatch(
  context: QueryContext,
  handle: number,
  cursor: QueryCursor & { sync: true },
): QueryAnswer {
  const rows: unknown[] = [];
  try {
    for (;;) {
      if (rows.length === BATCH_ROWS) return { handle, rows: JSON.stringify(rows), done: false };
      const step = cursor.iterator.next();
      if (step.done) break;
      rows.push(step.value);
    }
  } catch (error) {
    context.cursors.delete(handle);
    return failure(cursor.service, error);
  }
  context.cursors.delete(handle);
  return { handle, rows: JSON.stringify(rows), done: true };
}

export function closeQuery(context: QueryContext, handle: number): void {
  const cursor = context.cursors.get(handle);
  context.cursors.delete(handle);
  // Lets a generator run its finally blocks; its outcome no longer matters.
  const ended = cursor?.iterator.return?.();
  if (ended instanceof Promise) ended.catch(() => undefined);
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
  const handle = ++context.nextHandle.value;
  let cursor: QueryCursor;
  try {
    cursor = isAsyncIterable(rows)
      ? { service, iterator: rows[Symbol.asyncIterator]() }
      : { service, iterator: rows[Symbol.iterator](), sync: true };
  } catch (error) {
    return failure(service, error);
  }
  context.cursors.set(handle, cursor);
  const first = nextRows(context, handle);
  // A statement answered whole holds no cursor (spec §7.2: it needs no connection after).
  if (!(first instanceof Promise) && 'done' in first && first.done) return { ...first, handle: 0 };
  return first;
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
