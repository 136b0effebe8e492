import { covers, namespaceOf } from '../global-config.ts';
import { scopeFromQuery } from '../location.ts';
import { message, payload, type Reply } from '../reply.ts';
import { jsonObjectBody } from '../route-helpers.ts';
import type { RequestContext, Route } from '../router.ts';

// GET/POST/DELETE /api/v1/config[?bucket=&scope=] (spec §2.15, 8.x): the service's own
// settings, globally or for a bucket or scope.

function namespace(context: RequestContext): string {
  return namespaceOf(scopeFromQuery(context.query));
}

function getConfig(context: RequestContext): Reply {
  return payload(context.service.config.view(namespace(context)));
}

async function postConfig(context: RequestContext): Promise<Reply> {
  const body = await jsonObjectBody(context, 'ERR_UNMARSHAL_PLD');
  const ns = namespace(context);
  await context.service.exclusive(async () => {
    const { service } = context;
    const inUse = service.records.some(
      (record) => record.definition.settings.deployment_status && covers(ns, record.location),
    );
    service.config.save(ns, body, inUse);
    service.applyConfig();
  });
  await context.service.persist();
  return message(`Config saved for ${ns}`);
}

async function deleteConfig(context: RequestContext): Promise<Reply> {
  const ns = namespace(context);
  await context.service.exclusive(async () => {
    context.service.config.delete(ns);
    context.service.applyConfig();
  });
  await context.service.persist();
  return message(`Config deleted for ${ns}`);
}

export const eventingConfigRoute: Route = {
  pattern: /^\/api\/v1\/config\/?$/,
  methods: { GET: getConfig, POST: postConfig, DELETE: deleteConfig },
  notAllowed: 'Only GET, POST and DELETE are allowed',
};
