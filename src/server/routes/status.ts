import type { FunctionRecord } from '../function-record.ts';
import type { LocalService } from '../local-service.ts';
import { formatLocation } from '../location.ts';
import { payload, type Reply } from '../reply.ts';
import { existing, pathLocation } from '../route-helpers.ts';
import type { RequestContext, Route } from '../router.ts';

// GET /api/v1/status and /api/v1/status/{name} (spec §2.12, 8.x fields). fidelity: one
// eventing node, which knows every function, so num_deployed_nodes is 1 whatever the state.

/** One entry of `apps`, with every field the SDKs require. */
export function appStatus(service: LocalService, record: FunctionRecord) {
  const { settings, function_scope } = record.definition;
  return {
    composite_status: service.status(record),
    name: record.location.name,
    function_scope: { ...function_scope },
    num_bootstrapping_nodes: 0,
    num_deployed_nodes: 1,
    deployment_status: settings.deployment_status,
    processing_status: settings.processing_status,
    redeploy_required: false,
  };
}

function getAll(context: RequestContext): Reply {
  // 8.x can restrict the list with ?appNames=<loc>&appNames=<loc>.
  const wanted = new Set(context.query.getAll('appNames'));
  const records = context.service.records.filter(
    (record) => wanted.size === 0 || wanted.has(formatLocation(record.location)),
  );
  return payload({
    apps: records.map((record) => appStatus(context.service, record)),
    num_eventing_nodes: 1,
  });
}

function getOne(context: RequestContext): Reply {
  const record = existing(context, pathLocation(context));
  return payload({ app: appStatus(context.service, record), num_eventing_nodes: 1 });
}

export const statusRoutes: Route[] = [
  { pattern: /^\/api\/v1\/status\/?$/, methods: { GET: getAll } },
  {
    pattern: /^\/api\/v1\/status\/(.+?)\/?$/,
    methods: { GET: getOne },
    notAllowed: 'Method not allowed. Only GET is allowed',
  },
];
