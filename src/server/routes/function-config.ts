import { readDepCfg } from '../../definition/depcfg.ts';
import type { Problem } from '../../errors.ts';
import { describeProblems } from '../definition-input.ts';
import { deploymentConfigView } from '../definition-view.ts';
import { invalidRequest } from '../error-catalogue.ts';
import { formatLocation } from '../location.ts';
import { message, payload, type Reply } from '../reply.ts';
import { existing, jsonBody, pathLocation } from '../route-helpers.ts';
import type { RequestContext, Route } from '../router.ts';

// GET/POST /api/v1/functions/{name}/config (spec §2.10, 8.x): GET answers the source and
// metadata keyspaces; POST takes a whole `depcfg`, bindings included, and replaces the stored
// one. 8.x parses the body before looking the function up.

function getConfig(context: RequestContext): Reply {
  const record = existing(context, pathLocation(context));
  return payload(deploymentConfigView(record.definition.depcfg));
}

async function postConfig(context: RequestContext): Promise<Reply> {
  const body = await jsonBody(context);
  const problems: Problem[] = [];
  const depcfg = readDepCfg(body, problems);
  if (problems.length > 0) throw invalidRequest(describeProblems(problems));
  const location = pathLocation(context);
  await context.service.exclusive(async () => {
    const record = existing(context, location);
    await context.service.store(record.location, { ...record.definition, depcfg });
  });
  await context.service.persist();
  return message(`Function: ${formatLocation(location)} stored deployment config`);
}

export const functionConfigRoute: Route = {
  pattern: /^\/api\/v1\/functions\/(.+)\/config\/?$/,
  methods: { GET: getConfig, POST: postConfig },
};
