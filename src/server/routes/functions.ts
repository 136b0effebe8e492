import { isJsonObject } from '../../definition/fields.ts';
import type { FunctionDefinition } from '../../definition/types.ts';
import { readDefinition } from '../definition-input.ts';
import { definitionView } from '../definition-view.ts';
import { invalidRequest, ServiceError } from '../error-catalogue.ts';
import {
  checkName,
  type FunctionLocation,
  formatLocation,
  locationKey,
  queryNamesLocation,
} from '../location.ts';
import { message, payload, type Reply } from '../reply.ts';
import { existing, jsonBody, pathLocation } from '../route-helpers.ts';
import type { RequestContext, Route } from '../router.ts';

// Whole definitions: /api/v1/functions[/{name}], /api/v1/import, /api/v1/export (spec §2.5–2.8,
// 8.x behaviour: import honours the status flags, export equals GET of all functions).

const MAX_HANDLERUUID = 0xffffffff;

function getOne(context: RequestContext): Reply {
  const record = existing(context, pathLocation(context));
  return payload(definitionView(record.definition, record));
}

function getAll(context: RequestContext): Reply {
  return payload(
    context.service.records.map((record) => definitionView(record.definition, record)),
  );
}

/** Creates or replaces one function; 8.x takes its location from the query if it names one. */
async function postOne(context: RequestContext): Promise<Reply> {
  let body = await jsonBody(context);
  if (Array.isArray(body)) {
    if (body.length !== 1)
      throw invalidRequest('Only one function can be created/updated at a time');
    body = body[0];
  }
  let location: FunctionLocation | undefined;
  if (queryNamesLocation(context.query) && isJsonObject(body)) {
    location = pathLocation(context);
    checkName(location.name);
    body = { ...body, appname: location.name };
  }
  const definition = readDefinition(body);
  const target = location ?? locationOf(definition);
  await context.service.exclusive(() => context.service.store(target, definition));
  await context.service.persist();
  return message('Successfully stored');
}

/** Creates or replaces several functions, answering one result per element, in order. */
async function postMany(context: RequestContext): Promise<Reply> {
  const body = await jsonBody(context);
  const elements = Array.isArray(body) ? body : [body];
  const parsed = elements.map((element) => {
    try {
      return readDefinition(element);
    } catch (error) {
      return error as ServiceError;
    }
  });
  checkUnique(parsed);
  const results = await context.service.exclusive(async () => {
    const out: unknown[] = [];
    for (const item of parsed) out.push(await storeOne(context, item));
    return out;
  });
  await context.service.persist();
  return payload(results);
}

async function storeOne(context: RequestContext, item: FunctionDefinition | ServiceError) {
  if (item instanceof ServiceError) return { code: item.code, info: item.description };
  const location = locationOf(item);
  try {
    await context.service.store(location, item);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return { code: error.code, info: error.description };
  }
  const status = `Stored function: '${formatLocation(location)}' in metakv`;
  return { code: 0, warning_info: { status, warnings: null } };
}

/**
 * Couchbase's documentation: "Function names must be unique. When multiple Functions have the same name, an
 * error is reported." fidelity: the server's exact answer was not traced; nothing is stored.
 */
function checkUnique(parsed: ReadonlyArray<FunctionDefinition | ServiceError>): void {
  const seen = new Set<string>();
  for (const item of parsed) {
    if (item instanceof ServiceError) continue;
    const location = locationOf(item);
    const key = locationKey(location);
    if (seen.has(key)) {
      throw invalidRequest(
        `Function names must be unique: ${formatLocation(location)} appears more than once; nothing was stored`,
      );
    }
    seen.add(key);
  }
}

async function deleteOne(context: RequestContext): Promise<Reply> {
  const location = pathLocation(context);
  const wanted = context.query.get('handleruuid');
  if (wanted !== null && !isHandlerUuid(wanted))
    throw new ServiceError('ERR_INVALID_REQUEST', null);
  await context.service.exclusive(async () => {
    const record = existing(context, location);
    if (wanted !== null && Number(wanted) !== record.handleruuid) {
      throw new ServiceError(
        'ERR_APP_NOT_FOUND_TS',
        `Function: ${formatLocation(location)} with handlerID ${wanted} not found`,
      );
    }
    await context.service.remove(record);
  });
  await context.service.persist();
  return message('Succesfully deleted');
}

/** 8.x: deletes every undeployed function and says nothing about the others. */
async function deleteAll(context: RequestContext): Promise<Reply> {
  await context.service.exclusive(async () => {
    for (const record of context.service.records) {
      if (context.service.status(record) === 'undeployed') await context.service.remove(record);
    }
  });
  await context.service.persist();
  return message();
}

function locationOf(definition: FunctionDefinition): FunctionLocation {
  return { ...definition.function_scope, name: definition.appname };
}

function isHandlerUuid(text: string): boolean {
  return /^\d{1,10}$/.test(text) && Number(text) <= MAX_HANDLERUUID;
}

export const functionRoutes: Route[] = [
  {
    pattern: /^\/api\/v1\/functions\/?$/,
    methods: { GET: getAll, POST: postMany, DELETE: deleteAll },
  },
  { pattern: /^\/api\/v1\/import\/?$/, methods: { POST: postMany } },
  { pattern: /^\/api\/v1\/export\/?$/, methods: { GET: getAll } },
];

/** Matched after the routes with a suffix (/deploy, /settings, ...), which take precedence. */
export const functionRoute: Route = {
  pattern: /^\/api\/v1\/functions\/(.+?)\/?$/,
  methods: { GET: getOne, POST: postOne, DELETE: deleteOne },
  notAllowed: 'Method not allowed. Only GET, POST and DELETE are allowed',
};
