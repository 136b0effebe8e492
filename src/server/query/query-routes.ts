import { formatGoDuration } from '../go-duration.ts';
import type { Reply } from '../reply.ts';
import type { ErrorStyle, RequestContext, Route } from '../router.ts';
import { type QueryRequest, QueryServiceError, readQueryRequest } from './query-request.ts';
import { type QueryErrorEntry, type QueryOutcome, queryReply } from './query-response.ts';

// The Query service's REST endpoint, POST (and GET for read-only statements) /query/service,
// also at /_p/query/query/service where the Data API passes it through. Statements run on the
// emulated Query service over serve's keyspaces; a statement that writes reaches the deployed
// functions as any write does, and answers once their handlers have run.

/** Statements that write: refused for GET and readonly requests (code 1000). */
const WRITES = /^(?:\s|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*(?:insert|upsert|update|delete|merge)\b/i;

async function queryService(context: RequestContext): Promise<Reply> {
  const startedAt = performance.now();
  let request: QueryRequest;
  try {
    request = await readQueryRequest(context);
  } catch (error) {
    if (!(error instanceof QueryServiceError)) throw error;
    return failed(error.code, error.message, startedAt);
  }
  const base = { clientContextId: request.clientContextId, metrics: request.metrics, startedAt };
  if (request.readonly && WRITES.test(request.statement)) {
    const message = 'The server or request is read-only and cannot accept this write statement.';
    return failed(1000, message, startedAt, base);
  }
  return queryReply({ ...base, ...(await run(context, request, startedAt)) });
}

type RunOutcome = Pick<
  QueryOutcome,
  'results' | 'errors' | 'status' | 'mutationCount' | 'signature'
>;

async function run(
  context: RequestContext,
  request: QueryRequest,
  startedAt: number,
): Promise<RunOutcome> {
  const em = context.service.emulator;
  let execution: ReturnType<typeof em.queryService.run>;
  const handled = em.watchWrites();
  try {
    const options = request.queryContext ? { queryContext: request.queryContext } : {};
    execution = em.queryService.run(request.statement, request.params, options);
  } catch (error) {
    const errors = [entryOf(error)];
    return { results: undefined, errors, status: 'fatal', mutationCount: 0, signature: undefined };
  }
  // The timeout runs from the request's arrival; rows read by then are answered.
  // fidelity: checked between rows; a DML statement's writes are not interrupted.
  const deadline = startedAt + (request.timeoutMs ?? Number.POSITIVE_INFINITY);
  const late = () => performance.now() > deadline;
  const results: unknown[] = [];
  const errors: QueryErrorEntry[] = [];
  try {
    for (const row of execution.rows) {
      if (late()) break;
      results.push(row);
    }
  } catch (error) {
    errors.push(entryOf(error));
  }
  // Before the handlers run: their time is serve's own (a cluster answers without waiting).
  const timeoutMs = late() ? request.timeoutMs : undefined;
  const { mutationCount } = execution;
  if (mutationCount > 0) {
    await handled();
    await context.service.persist();
  }
  const signature = request.signature ? execution.signature() : undefined;
  const outcome = { results, errors, mutationCount, signature };
  if (timeoutMs !== undefined) {
    const msg = `Timeout ${formatGoDuration(timeoutMs)} exceeded`;
    return { ...outcome, errors: [...errors, { code: 1080, msg }], status: 'timeout' };
  }
  return { ...outcome, status: errors.length > 0 ? 'errors' : 'success' };
}

/** The evaluator's QueryError (code, message); anything else is the service's 5000. */
function entryOf(error: unknown): QueryErrorEntry {
  const code = (error as { code?: unknown }).code;
  const msg = error instanceof Error ? error.message : String(error);
  return { code: typeof code === 'number' ? code : 5000, msg };
}

function failed(
  code: number,
  msg: string,
  startedAt: number,
  base: Partial<QueryOutcome> = {},
): Reply {
  return queryReply({
    clientContextId: undefined,
    signature: undefined,
    metrics: true,
    ...base,
    startedAt,
    results: undefined,
    errors: [{ code, msg }],
    status: 'fatal',
    mutationCount: 0,
  });
}

/** The listener's refusals in the Query service's envelope. */
const QUERY_ERRORS: ErrorStyle = {
  unauthenticated: () => failed(10000, 'Authentication failure', performance.now()),
  refused: (error) =>
    error.errorName === 'ERR_METHOD_NOT_ALLOWED'
      ? failed(1010, 'Unsupported http method', performance.now())
      : failed(1040, `Error processing request: ${error.message}`, performance.now()),
};

export const queryRoutes: Route[] = [
  {
    pattern: /^(?:\/_p\/query)?\/query\/service\/?$/,
    methods: { GET: queryService, POST: queryService },
    errors: QUERY_ERRORS,
  },
];
