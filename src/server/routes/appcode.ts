import { createHash } from 'node:crypto';
import { readDefinition } from '../definition-input.ts';
import { formatLocation } from '../location.ts';
import { message, type Reply, raw } from '../reply.ts';
import { existing, pathLocation } from '../route-helpers.ts';
import type { RequestContext, Route } from '../router.ts';

// GET/POST /api/v1/functions/{name}/appcode and GET …/appcode/checksum (spec §2.11): the
// JavaScript as it is, not JSON-escaped. The server labels it application/json all the same.

function getAppcode(context: RequestContext): Reply {
  const record = existing(context, pathLocation(context));
  return raw(record.definition.appcode, 'application/json');
}

function getChecksum(context: RequestContext): Reply {
  const record = existing(context, pathLocation(context));
  const checksum = createHash('sha256').update(record.definition.appcode).digest('hex');
  return raw(checksum, 'application/json');
}

async function postAppcode(context: RequestContext): Promise<Reply> {
  const appcode = (await context.body()).toString('utf8');
  const location = pathLocation(context);
  const where = formatLocation(location);
  await context.service.exclusive(async () => {
    const record = existing(context, location);
    // 8.x: the same code again is a no-op, whatever the state (the emulator knows).
    if (appcode !== record.definition.appcode) readDefinition({ ...record.definition, appcode });
    await context.service.storeAppcode(record, appcode);
  });
  await context.service.persist();
  return message(`Function: ${where} appcode stored in the metakv`);
}

export const appcodeRoutes: Route[] = [
  {
    pattern: /^\/api\/v1\/functions\/(.+)\/appcode\/checksum\/?$/,
    methods: { GET: getChecksum },
    notAllowed: "'/checksum' option is not allowed on a POST request",
  },
  {
    pattern: /^\/api\/v1\/functions\/(.+)\/appcode\/?$/,
    methods: { GET: getAppcode, POST: postAppcode },
  },
];
