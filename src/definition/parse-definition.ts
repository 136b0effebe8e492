// Turns what a user hands us (an object, an export file's one-element array, or JSON text) into
// a normalised FunctionDefinition, collecting every problem at once so one run shows them all.
import { EventingDevError, type Problem } from '../errors.ts';
import { readDepCfg } from './depcfg.ts';
import { isJsonObject, type JsonObject, requiredString } from './fields.ts';
import { applySettings } from './settings.ts';
import type { FunctionDefinition, FunctionScope } from './types.ts';

/** The outcome of {@link validateDefinition}. Warnings never make a definition invalid. */
export type DefinitionValidation =
  | { ok: true; definition: FunctionDefinition; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

const APPNAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;
const MAX_APPNAME_LENGTH = 100;
const MAX_HANDLERUUID = 0xffffffff;
const ROOT = '(root)';

/** The definition object inside `input`, or `undefined` after reporting why there is none. */
function unwrap(input: unknown, problems: Problem[]): JsonObject | undefined {
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      problems.push({ path: '(json)', message: (error as Error).message });
      return undefined;
    }
  }
  if (Array.isArray(value)) {
    // An export file is an array; one function per definition keeps every report about one app.
    if (value.length !== 1) {
      const message =
        value.length === 0
          ? 'expected one function definition, got an empty array'
          : `expected one function definition, got an array of ${value.length}; deploy them one at a time`;
      problems.push({ path: ROOT, message });
      return undefined;
    }
    value = value[0];
  }
  if (isJsonObject(value)) return value;
  problems.push({ path: ROOT, message: 'must be a function definition object' });
  return undefined;
}

/** Whether a function name is one the server accepts (and so a safe folder name too). */
export function isValidAppname(name: string): boolean {
  return APPNAME_PATTERN.test(name) && name.length <= MAX_APPNAME_LENGTH;
}

function readAppname(obj: JsonObject, problems: Problem[]): string {
  const name = requiredString(obj, 'appname', '', problems);
  if (name === undefined) return '';
  // The server checks the length first (application.go, NewAppLocation; service_manager's
  // validateName), with the text of its REST validation.
  if (name.length > MAX_APPNAME_LENGTH) {
    problems.push({
      path: 'appname',
      message: `Function name length must be less than ${MAX_APPNAME_LENGTH}`,
    });
  } else if (!APPNAME_PATTERN.test(name)) {
    problems.push({
      path: 'appname',
      message:
        'Function name can only start with characters in range A-Z, a-z, 0-9 and can only contain characters in range A-Z, a-z, 0-9, underscore and hyphen',
    });
  }
  return name;
}

function readFunctionScope(obj: JsonObject, problems: Problem[]): FunctionScope {
  const raw = obj.function_scope;
  if (raw === undefined) return { bucket: '*', scope: '*' };
  if (!isJsonObject(raw)) {
    problems.push({ path: 'function_scope', message: 'must be an object' });
    return { bucket: '*', scope: '*' };
  }
  return {
    bucket: requiredString(raw, 'bucket', 'function_scope', problems) ?? '*',
    scope: requiredString(raw, 'scope', 'function_scope', problems) ?? '*',
  };
}

function isUint32(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_HANDLERUUID;
}

/** The server-owned fields, kept only when given and well typed. */
function readServerFields(obj: JsonObject, problems: Problem[]): Partial<FunctionDefinition> {
  const out: Partial<FunctionDefinition> = {};
  const { version, enforce_schema, handleruuid, function_instance_id } = obj;
  // 8.x reads a numeric version as its internal format, so a number here is a real mistake.
  if (typeof version === 'string') out.version = version;
  else if (version !== undefined) problems.push({ path: 'version', message: 'must be a string' });
  if (typeof enforce_schema === 'boolean') out.enforce_schema = enforce_schema;
  else if (enforce_schema !== undefined) {
    problems.push({ path: 'enforce_schema', message: 'must be a boolean' });
  }
  if (isUint32(handleruuid)) out.handleruuid = handleruuid;
  else if (handleruuid !== undefined) {
    problems.push({ path: 'handleruuid', message: 'must be an unsigned 32-bit integer' });
  }
  if (typeof function_instance_id === 'string') out.function_instance_id = function_instance_id;
  else if (function_instance_id !== undefined) {
    problems.push({ path: 'function_instance_id', message: 'must be a string' });
  }
  return out;
}

/**
 * Validates a function definition and, when it is valid, returns a fresh normalised copy with
 * every default filled in. `input` may be the definition object, a one-element array (the
 * export format) or JSON text of either. Unknown top-level keys are ignored, as the server does.
 *
 * @example
 * const result = validateDefinition(text);
 * if (!result.ok) for (const p of result.problems) console.log(`${p.path}: ${p.message}`);
 */
export function validateDefinition(input: unknown): DefinitionValidation {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const obj = unwrap(input, problems);
  if (!obj) return { ok: false, problems, warnings };
  const appname = readAppname(obj, problems);
  const appcode = requiredString(obj, 'appcode', '', problems) ?? '';
  const depcfg = readDepCfg(obj.depcfg, problems);
  const settings = applySettings(obj.settings, 'settings', problems, warnings);
  const serverFields = readServerFields(obj, problems);
  const function_scope = readFunctionScope(obj, problems);
  if (problems.length > 0) return { ok: false, problems, warnings };
  const definition: FunctionDefinition = {
    appname,
    appcode,
    depcfg,
    settings,
    ...serverFields,
    function_scope,
  };
  return { ok: true, definition, warnings };
}

/**
 * Like {@link validateDefinition}, but throws `DEFINITION_INVALID` listing every problem.
 *
 * @example
 * const { definition, warnings } = parseDefinition(await readFile('fn1.json', 'utf8'));
 */
export function parseDefinition(input: unknown): {
  definition: FunctionDefinition;
  warnings: Problem[];
} {
  const result = validateDefinition(input);
  if (result.ok) return { definition: result.definition, warnings: result.warnings };
  throw new EventingDevError('DEFINITION_INVALID', 'Function definition is invalid', {
    problems: result.problems,
    hint: 'Fix each problem listed (paths point into the definition JSON) and try again.',
  });
}
