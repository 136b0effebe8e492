// Binding aliases become globals of the handler's script in our runtime, so they follow the
// JavaScript identifier rule of the JSON schema and 7.x (spec runtime.md §2.5). fidelity: 8.x
// checks aliases against the function-name pattern instead (accepting `1x` and `a-b`, refusing
// `$x` and `_x`); we keep the identifier rule because anything else cannot be a global.
import type { Problem } from '../errors.ts';
import { type JsonObject, joinPath } from './fields.ts';
import { isJavaScriptReservedWord, isN1qlReservedWord } from './reserved-words.ts';

const ALIAS_PATTERN = /^[a-zA-Z_$][a-zA-Z0-9_$]*$/;
const MAX_ALIAS_LENGTH = 64;

/** One alias and the JSON path it was read from. */
export interface AliasUse {
  alias: string;
  path: string;
}

/**
 * Reads the alias at `obj[key]` and reports every rule it breaks. Returns it when usable, so the
 * caller can check uniqueness with {@link findDuplicateAliases}.
 */
export function readAlias(
  obj: JsonObject,
  key: string,
  path: string,
  problems: Problem[],
): string | undefined {
  const alias = obj[key];
  const at = joinPath(path, key);
  const fail = (message: string) => {
    problems.push({ path: at, message });
    return undefined;
  };
  if (alias === undefined) return fail('is required');
  if (typeof alias !== 'string') return fail('must be a string');
  if (!ALIAS_PATTERN.test(alias) || alias.length > MAX_ALIAS_LENGTH) {
    return fail(`must be a valid JavaScript identifier of 1 to ${MAX_ALIAS_LENGTH} characters`);
  }
  if (isJavaScriptReservedWord(alias)) return fail('must not be a JavaScript reserved word');
  if (isN1qlReservedWord(alias)) return fail('must not be a N1QL reserved word');
  return alias;
}

/**
 * Reports every alias used more than once across bucket, URL and constant bindings, at each
 * later use, naming the first. fidelity: 8.x (master) lets identical bindings share an alias;
 * two globals of one name cannot both exist, so we refuse every repeat.
 */
export function findDuplicateAliases(uses: readonly AliasUse[], problems: Problem[]): void {
  const firstUse = new Map<string, string>();
  for (const { alias, path } of uses) {
    const first = firstUse.get(alias);
    if (first === undefined) firstUse.set(alias, path);
    else problems.push({ path, message: `duplicate alias "${alias}" (also used at ${first})` });
  }
}
