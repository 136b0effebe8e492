import type { Parameter } from './ast.ts';
import { describePosition, QUERY_ERROR_CODE, QueryError } from './query-error.ts';

/** Parameters as a caller gives them: named (an object) or positional (an array). */
export type QueryParams = Readonly<Record<string, unknown>> | readonly unknown[] | undefined;

/** Parameters ready for lookup: values are private JSON copies, undefined ones left out. */
export interface BoundParameters {
  named: ReadonlyMap<string, unknown>;
  positional: ReadonlyMap<number, unknown>;
}

/**
 * Binds a params object or array. Named keys may carry the `$` or `@` they have in the
 * statement (`{ $id: 1 }` and `{ id: 1 }` are the same, as in Eventing's N1QL()); each value is
 * copied through JSON, so the statement sees what the server would, and later changes by the
 * caller do not leak into results.
 *
 * @example
 * bindParameters({ $id: 7 }).named.get('id'); // 7
 * bindParameters(['a']).positional.get(1); // 'a'
 */
export function bindParameters(params: QueryParams): BoundParameters {
  const named = new Map<string, unknown>();
  const positional = new Map<number, unknown>();
  if (Array.isArray(params)) {
    params.forEach((value, index) => {
      setCopy(positional, index + 1, value);
    });
  } else if (params) {
    for (const [key, value] of Object.entries(params)) {
      setCopy(named, key.trim().replace(/^[$@]/, ''), value);
    }
  }
  return { named, positional };
}

function setCopy<K>(target: Map<K, unknown>, key: K, value: unknown): void {
  const text = JSON.stringify(value);
  if (text !== undefined) target.set(key, JSON.parse(text));
}

/**
 * The value of `$name`, `$1` or `?`; a parameter without a value fails with code 5010 in the
 * server's words, when the expression is evaluated (not before), as on the server.
 */
export function parameterValue(parameters: BoundParameters, parameter: Parameter): unknown {
  const { key } = parameter;
  if (typeof key === 'number') {
    if (parameters.positional.has(key)) return parameters.positional.get(key);
  } else if (parameters.named.has(key)) {
    return parameters.named.get(key);
  }
  const kind = typeof key === 'number' ? 'positional' : 'named';
  const where = describePosition(parameter.at);
  throw new QueryError(
    QUERY_ERROR_CODE.evaluation,
    `No value for ${kind} parameter $${key} (near ${where}).`,
    { position: parameter.at },
  );
}
