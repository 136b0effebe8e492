import { validateDefinition } from '../definition/parse-definition.ts';
import type { FunctionDefinition } from '../definition/types.ts';
import type { Problem } from '../errors.ts';
import { invalidRequest } from './error-catalogue.ts';
import type { FunctionLocation } from './location.ts';

// Turning request bodies into stored definitions: validation with messages in the server's
// style, the function's location, and the curl secrets a client sent back masked.

/** What GET answers in place of a curl password or bearer key. */
export const SECRET_MASK = '*****';

/**
 * Validates one definition object of a request body.
 * @throws ServiceError ERR_INVALID_REQUEST listing the problems.
 */
export function readDefinition(input: unknown): FunctionDefinition {
  const result = validateDefinition(input);
  if (!result.ok) throw invalidRequest(describeProblems(result.problems));
  return result.definition;
}

/**
 * Problems as 8.x words them where it has a wording: `<key> <reason>` for settings, the bare
 * reason for the two status flags.
 */
export function describeProblems(problems: readonly Problem[]): string {
  return problems
    .map(({ path, message }) => {
      if (message === 'Invalid deployment and processing status' || path === 'appname') {
        return message;
      }
      const setting = /^settings\.(\w+)$/.exec(path)?.[1];
      if (setting === 'deployment_status' || setting === 'processing_status') return message;
      if (setting) return `${setting} ${message}`;
      return path === '(root)' || path === '(json)' ? message : `${path}: ${message}`;
    })
    .join('; ');
}

/** The definition as stored at `location`: its appname and function scope come from there. */
export function atLocation(
  definition: FunctionDefinition,
  location: FunctionLocation,
): FunctionDefinition {
  return {
    ...definition,
    appname: location.name,
    function_scope: { bucket: location.bucket, scope: location.scope },
  };
}

/**
 * Puts stored curl secrets back where a client sent `*****`, when the binding is the same one
 * (hostname, alias, auth type and username), as 8.x does.
 */
export function restoreSecrets(next: FunctionDefinition, stored: FunctionDefinition): void {
  for (const binding of next.depcfg.curl) {
    const same = stored.depcfg.curl.find(
      (old) =>
        old.hostname === binding.hostname &&
        old.value === binding.value &&
        old.auth_type === binding.auth_type &&
        old.username === binding.username,
    );
    if (!same) continue;
    if (binding.password === SECRET_MASK) binding.password = same.password;
    if (binding.bearer_key === SECRET_MASK) binding.bearer_key = same.bearer_key;
  }
}
