import type { Expression, Projection } from './ast.ts';
import { defineField, isJsonObject } from './collation.ts';
import { evaluate, getField, type Scope } from './expressions.ts';
import { QUERY_ERROR_CODE, QueryError } from './query-error.ts';

// Shaping result rows: `SELECT *` gives `{ alias: doc }`, `alias.*` spreads the document,
// `expr AS n` gives `{ n: value }`, and RAW gives the bare value. A MISSING value leaves its
// field out (and its whole row out, for RAW); NULL stays.

/** A projection with each term's output name worked out. */
export interface ResolvedProjection {
  projection: Projection;
  /** Per result term: its output name, or undefined for `*` and `alias.*`. */
  names: Array<string | undefined>;
}

/**
 * Names every result term as the server does: AS if given, else the last field or identifier of
 * the expression (`a.b.name` is `name`, `META().id` is `id`), else `$1`, `$2`, ... counting only
 * the terms that need such a name. Two terms with one name are an error.
 *
 * @example
 * resolveProjection(parseProjection(new TokenCursor('name, COUNT(*), 1 AS one'))).names; // ['name', '$1', 'one']
 */
export function resolveProjection(projection: Projection): ResolvedProjection {
  if (projection.kind === 'raw') return { projection, names: [] };
  let unnamed = 0;
  const seen = new Set<string>();
  const names = projection.terms.map((term) => {
    if (term.kind !== 'term') return undefined;
    let name = term.as ?? naturalName(term.expression);
    if (name === undefined) {
      unnamed += 1;
      name = `$${unnamed}`;
    }
    if (seen.has(name)) {
      throw new QueryError(
        QUERY_ERROR_CODE.duplicateAlias,
        `Duplicate result alias name ${name}.`,
        {
          position: term.at,
        },
      );
    }
    seen.add(name);
    return name;
  });
  return { projection, names };
}

function naturalName(expression: Expression): string | undefined {
  if (expression.kind === 'identifier' || expression.kind === 'field') return expression.name;
  return undefined;
}

/** One result row, or undefined when a RAW projection's value is MISSING. */
export function projectRow(resolved: ResolvedProjection, scope: Scope): unknown {
  const { projection, names } = resolved;
  if (projection.kind === 'raw') return evaluate(projection.expression, scope);
  const result: Record<string, unknown> = {};
  projection.terms.forEach((term, index) => {
    if (term.kind === 'star') {
      if (scope.row && scope.row.document !== undefined) {
        defineField(result, scope.row.alias, scope.row.document);
      }
    } else if (term.kind === 'path-star') {
      const value = evaluate(term.expression, scope);
      if (isJsonObject(value))
        for (const name of Object.keys(value)) defineField(result, name, value[name]);
    } else {
      const value = evaluate(term.expression, scope);
      if (value !== undefined) defineField(result, names[index]!, value);
    }
  });
  return result;
}

/** The named values of a result row, which ORDER BY may refer to by name. */
export function namedValues(resolved: ResolvedProjection, row: unknown): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const name of resolved.names) {
    if (name !== undefined) values.set(name, getField(row, name));
  }
  return values;
}
