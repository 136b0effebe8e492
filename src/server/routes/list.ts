import {
  keyspacesOverlap,
  mutatesOwnSource,
  sourceKeyspace,
} from '../../definition/function-keyspaces.ts';
import type { FunctionDefinition } from '../../definition/types.ts';
import { invalidRequest } from '../error-catalogue.ts';
import { formatLocation } from '../location.ts';
import { payload, type Reply } from '../reply.ts';
import type { RequestContext, Route } from '../router.ts';

// GET /api/v1/list/functions[/<anything>] (spec §2.14): location strings, filtered by
// `deployed`, `source_bucket` (with `source_scope`, `source_collection`) and `function_type`.

function listFunctions(context: RequestContext): Reply {
  const matches = filters(context.query);
  const functions = context.service.records
    .filter((record) => matches.every((match) => match(record.definition)))
    .map((record) => formatLocation(record.location));
  return payload({ functions });
}

type Filter = (definition: FunctionDefinition) => boolean;

function filters(query: URLSearchParams): Filter[] {
  const out: Filter[] = [];
  const deployed = query.get('deployed');
  if (deployed !== null) {
    if (deployed !== 'true' && deployed !== 'false') {
      throw invalidRequest(
        'invalid deployment status, supported deployment status are: true, false',
      );
    }
    // fidelity: as the docs and 7.x say (paused counts as deployed; no filter lists every
    // function). 8.0.x's code lists only undeployed functions when `deployed` is absent,
    // which looks like a server bug (spec §12).
    out.push((d) => d.settings.deployment_status === (deployed === 'true'));
  }
  const bucket = query.get('source_bucket');
  const scope = query.get('source_scope');
  const collection = query.get('source_collection');
  if (bucket !== null || scope !== null || collection !== null) {
    const pattern = { bucket: bucket || '*', scope: scope || '*', collection: collection || '*' };
    out.push((d) => keyspacesOverlap(pattern, sourceKeyspace(d)));
  }
  const type = query.get('function_type');
  if (type !== null) {
    // fidelity: 8.x answers these two refusals with `description: {}`; the text is kept here.
    if (type !== 'sbm' && type !== 'notsbm') {
      throw invalidRequest('invalid function type, supported function types are: sbm, notsbm');
    }
    out.push((d) => mutatesOwnSource(d) === (type === 'sbm'));
  }
  return out;
}

export const listRoute: Route = {
  pattern: /^\/api\/v1\/list\/functions(?:\/.*)?$/,
  methods: { GET: listFunctions },
};
