import { SETTINGS_TABLE } from '../../definition/settings.ts';
import { EventingDevError } from '../../errors.ts';

// `key=value` arguments of `settings set` and `config set`, typed the way the server wants
// them: function settings by the 8.x settings table, anything else as JSON when it parses
// (numbers, true/false, arrays) and as a string otherwise.

/** Parsed pairs, in the order given, and the keys no table knows. */
export interface ParsedPairs {
  values: Record<string, unknown>;
  unknown: string[];
}

/**
 * Reads `key=value` arguments; with `table: 'settings'` each known setting's value is checked
 * against its kind (boolean, integer, string, list of strings).
 * @throws EventingDevError `CONFIG_INVALID` for a malformed pair or a value of the wrong kind.
 *
 * @example
 * parsePairs(['worker_count=4', 'description=nightly job'], 'settings').values;
 * // { worker_count: 4, description: 'nightly job' }
 */
export function parsePairs(pairs: readonly string[], table?: 'settings'): ParsedPairs {
  if (pairs.length === 0) {
    throw usage('Give at least one key=value', 'For example: worker_count=4 log_level=DEBUG');
  }
  const values: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      throw usage(
        `"${pair}" is not key=value`,
        'For example: worker_count=4 description="nightly job"',
      );
    }
    const key = pair.slice(0, equals);
    const text = pair.slice(equals + 1);
    if (table === 'settings' && Object.hasOwn(SETTINGS_TABLE, key)) {
      values[key] = typed(key, text);
    } else {
      if (table === 'settings') unknown.push(key);
      values[key] = loose(text);
    }
  }
  return { values, unknown };
}

function typed(key: string, text: string): unknown {
  const spec = SETTINGS_TABLE[key as keyof typeof SETTINGS_TABLE];
  switch (spec.kind) {
    case 'boolean':
      if (text === 'true' || text === 'false') return text === 'true';
      throw usage(`${key} takes true or false, not "${text}"`, `For example: ${key}=true`);
    case 'integer':
    case 'number': {
      const value = Number(text);
      if (text.trim() !== '' && Number.isFinite(value)) return value;
      throw usage(`${key} takes a number, not "${text}"`, `For example: ${key}=${spec.default}`);
    }
    case 'string-array': {
      if (!text.startsWith('[')) return [text];
      const value = loose(text);
      if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
      throw usage(
        `${key} takes a JSON array of strings`,
        `For example: ${key}='["first", "second"]'`,
      );
    }
    default:
      return text;
  }
}

/** JSON when the text is a JSON value, the text itself otherwise. */
function loose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function usage(message: string, hint: string): EventingDevError {
  return new EventingDevError('CONFIG_INVALID', message, { hint });
}
