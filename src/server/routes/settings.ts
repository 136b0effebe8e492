import { applySettings, SETTINGS_TABLE } from '../../definition/settings.ts';
import type { FunctionDefinition } from '../../definition/types.ts';
import type { Problem } from '../../errors.ts';
import { describeProblems } from '../definition-input.ts';
import { settingsView } from '../definition-view.ts';
import { invalidRequest } from '../error-catalogue.ts';
import { formatLocation } from '../location.ts';
import { message, payload, type Reply } from '../reply.ts';
import { existing, jsonObjectBody, pathLocation } from '../route-helpers.ts';
import type { RequestContext, Route } from '../router.ts';

// GET/POST /api/v1/functions/{name}/settings (spec §2.9, 8.x rules). A POST merges the given
// keys over the stored settings; the status flags, when given, are a lifecycle request (the
// deprecated settings-based lifecycle of spec §2.19).

function getSettings(context: RequestContext): Reply {
  const record = existing(context, pathLocation(context));
  return payload(settingsView(record.definition.settings));
}

async function postSettings(context: RequestContext): Promise<Reply> {
  const body = await jsonObjectBody(
    context,
    'ERR_UNMARSHAL_PLD',
    'failed to unmarshal retry, err: ',
  );
  const location = pathLocation(context);
  await context.service.exclusive(async () => {
    const record = existing(context, location);
    await context.service.store(record.location, mergeSettings(record.definition, body));
  });
  await context.service.persist();
  return message(`Function: ${formatLocation(location)} stored settings`);
}

/**
 * The definition with the known keys of `body` merged into its settings; unknown keys are
 * dropped, as 8.x does, and an empty `handler_headers` keeps the stored headers.
 * @throws ServiceError ERR_INVALID_REQUEST `<key> <reason>` for the first bad value.
 */
export function mergeSettings(
  definition: FunctionDefinition,
  body: Record<string, unknown>,
): FunctionDefinition {
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!Object.hasOwn(SETTINGS_TABLE, key)) continue;
    if (key === 'handler_headers' && Array.isArray(value) && value.length === 0) continue;
    given[key] = value;
  }
  const problems: Problem[] = [];
  const checked = applySettings(given, 'settings', problems, []) as unknown as Record<
    string,
    unknown
  >;
  // The pair of status flags is judged on the merged settings (by the store), not on the body.
  const first = problems.find((p) => p.message !== 'Invalid deployment and processing status');
  if (first) throw invalidRequest(describeProblems([first]));
  const settings: Record<string, unknown> = { ...definition.settings };
  for (const key of Object.keys(given)) settings[key] = checked[key];
  return { ...definition, settings: settings as unknown as FunctionDefinition['settings'] };
}

export const settingsRoute: Route = {
  pattern: /^\/api\/v1\/functions\/(.+)\/settings\/?$/,
  methods: { GET: getSettings, POST: postSettings },
};
