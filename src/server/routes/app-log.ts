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
  const lines = context.service.managed(record).logs;
  const out: string[] = [];
  let bytes = 0;
  // Whole lines only, as the server drops a first line it would have to cut.
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as string;
    bytes += Buffer.byteLength(line) + 1;
    if (bytes > size) break;
    out.push(line);
  }
  return raw(out.join('\n'), 'text/plain; charset=utf-8');
}

export const appLogRoute: Route = {
  pattern: /^\/getAppLog\/?$/,
  methods: { GET: getAppLog },
  notAllowed: 'Method not allowed, Only Get request is allowed',
};
