import { randomUUID } from 'node:crypto';
import { formatGoDuration } from '../go-duration.ts';
import type { Reply } from '../reply.ts';

// The Query service's response envelope: requestID, clientContextID, signature, results,
// errors, status and metrics, in the service's order and with its four-space indentation, and
// the HTTP status it gives each error code.

/** One entry of `errors`. */
export interface QueryErrorEntry {
  code: number;
  msg: string;
}

/** What a run produced, for the envelope. */
export interface QueryOutcome {
  clientContextId: string | undefined;
  /** The results' signature; undefined when the request or the statement has none. */
  signature: unknown;
  metrics: boolean;
  results: unknown[] | undefined;
  errors: QueryErrorEntry[];
  /**
   * `fatal` for a request that did not run; `errors` when rows stopped with an error;
   * `timeout` when the request's timeout passed first.
   */
  status: 'success' | 'errors' | 'fatal' | 'timeout';
  mutationCount: number;
  /** When the request arrived, from performance.now(). */
  startedAt: number;
}

/** The HTTP status the Query service answers an error code with (couchbase/query http_response.go). */
export function httpStatusOf(code: number, otherwise: number): number {
  if (code === 1000) return 403;
  if (code === 1010) return 405;
  if ([1020, 1030, 1040, 1050, 1060, 1065, 1070, 3000].includes(code)) return 400;
  if (code === 1120) return 406;
  if (code === 4000) return 404;
  if (code === 4300) return 409;
  if (code === 5000) return 500;
  if (code === 10000) return 401;
  if (code === 12002 || code === 12003) return 424;
  return otherwise;
}

export function queryReply(outcome: QueryOutcome): Reply {
  const first = outcome.errors[0];
  const httpStatus =
    first === undefined ? 200 : httpStatusOf(first.code, outcome.status === 'fatal' ? 500 : 200);
  const elapsed = formatGoDuration(performance.now() - outcome.startedAt);
  const body: Record<string, unknown> = { requestID: randomUUID() };
  if (outcome.clientContextId !== undefined) body.clientContextID = outcome.clientContextId;
  if (outcome.signature !== undefined) body.signature = outcome.signature;
  if (outcome.results !== undefined) body.results = outcome.results;
  if (outcome.errors.length > 0) body.errors = outcome.errors;
  body.status = outcome.status;
  if (outcome.metrics) body.metrics = metricsOf(outcome, elapsed);
  return {
    kind: 'text',
    httpStatus,
    statusCode: -1,
    body: `${JSON.stringify(body, null, 4)}\n`,
    contentType: 'application/json; version=8.0.0-N1QL',
  };
}

function metricsOf(outcome: QueryOutcome, elapsed: string) {
  const results = outcome.results ?? [];
  return {
    elapsedTime: elapsed,
    executionTime: elapsed,
    resultCount: results.length,
    resultSize: results.reduce<number>(
      (size, row) => size + (JSON.stringify(row, null, 4)?.length ?? 0),
      0,
    ),
    serviceLoad: 1,
    ...(outcome.mutationCount > 0 ? { mutationCount: outcome.mutationCount } : {}),
    ...(outcome.errors.length > 0 ? { errorCount: outcome.errors.length } : {}),
  };
}
