import { APP_LOG_READ_CAP } from '../../emulator/storage/app-log-file.ts';
import { createAnswerBudget } from '../answer-budget.ts';
import { type Reply, raw } from '../reply.ts';
import { existing, queryLocation } from '../route-helpers.ts';
import type { RequestContext, Route } from '../router.ts';

// GET /getAppLog?name=&size=&aggregate= (spec §2.13): the newest application log lines first,
// about `size` bytes of them, as text/plain. There is one node, so `aggregate` changes nothing.

const DEFAULT_SIZE = 40960;
const INT64_MAX = 2n ** 63n - 1n;

/**
 * `size` as the server's strconv.Atoi reads it: a decimal integer in int64's range, or else
 * the default (`1.5`, `1e6`, `lots`, a number too large, the parameter given twice).
 */
function requestedSize(context: RequestContext): number {
  const given = context.query.getAll('size');
  const text = given.length === 1 ? (given[0] as string) : '';
  if (!/^[+-]?\d+$/.test(text)) return DEFAULT_SIZE;
  const value = BigInt(text);
  return value > INT64_MAX || value < -INT64_MAX - 1n ? DEFAULT_SIZE : Number(value);
}

/** Two of the largest answers may be on their way at once; more wait their turn. */
const answers = createAnswerBudget(2 * APP_LOG_READ_CAP);

async function getAppLog(context: RequestContext): Promise<Reply> {
  const record = existing(context, queryLocation(context));
  // fidelity: with a negative size the server's handler fails and the connection closes
  // without an answer; here, as for size 0, the answer is empty.
  const size = requestedSize(context);
  const release = await answers.reserve(Math.min(size, APP_LOG_READ_CAP));
  try {
    const lines = size > 0 ? record.function.appLogTail(size) : [];
    return { ...raw(lines.join('\n'), 'text/plain; charset=utf-8'), sent: release };
  } catch (error) {
    release();
    throw error;
  }
}

export const appLogRoute: Route = {
  pattern: /^\/getAppLog\/?$/,
  methods: { GET: getAppLog },
  notAllowed: 'Method not allowed, Only Get request is allowed',
};
