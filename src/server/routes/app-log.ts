import { type Reply, raw } from '../reply.ts';
import { existing, queryLocation } from '../route-helpers.ts';
import type { RequestContext, Route } from '../router.ts';

// GET /getAppLog?name=&size=&aggregate= (spec §2.13): the newest application log lines first,
// about `size` bytes of them, as text/plain. There is one node, so `aggregate` changes nothing.

const DEFAULT_SIZE = 40960;

function getAppLog(context: RequestContext): Reply {
  const record = existing(context, queryLocation(context));
  const requested = Number.parseInt(context.query.get('size') ?? '', 10);
  const size = Number.isFinite(requested) && requested > 0 ? requested : DEFAULT_SIZE;
  const lines = record.function.appLogTail(size);
  return raw(lines.join('\n'), 'text/plain; charset=utf-8');
}

export const appLogRoute: Route = {
  pattern: /^\/getAppLog\/?$/,
  methods: { GET: getAppLog },
  notAllowed: 'Method not allowed, Only Get request is allowed',
};
