import type { Expression } from './ast.ts';
import { defineField, isJsonObject } from './collation.ts';
import { evaluate, type Scope } from './expressions.ts';
import { QUERY_ERROR_CODE, QueryError, unsupported } from './query-error.ts';

// The targets of UPDATE's SET and UNSET: paths into the document such as `a.b[0].c`, where a
// leading keyspace alias is the document itself.

/** One step down a path: a field name or an array position. */
export type PathStep = string | number;

/**
 * The steps of a SET/UNSET path below the document, with bracketed positions evaluated in
 * `scope`; undefined when a position is neither a whole number nor a string (nothing to do).
 *
 * @example
 * pathSteps(parsePath(new TokenCursor('a.tags[0]')), 'a', scope); // ['tags', 0]
 */
export function pathSteps(path: Expression, alias: string, scope: Scope): PathStep[] | undefined {
  switch (path.kind) {
    case 'identifier':
      if (path.name === alias) throw unsupported('SET or UNSET of the whole document', path.at);
      return [path.name];
    case 'field': {
      const parent = parentSteps(path.target, alias, scope);
      return parent && [...parent, path.name];
    }
    case 'element': {
      const parent = parentSteps(path.target, alias, scope);
      const step = positionStep(evaluate(path.index, scope));
      return parent && step !== undefined ? [...parent, step] : undefined;
    }
    case 'meta':
      throw unsupported('SET or UNSET of META() fields (document expiration)', path.at);
    default:
      throw new QueryError(
        QUERY_ERROR_CODE.semantics,
        'SET and UNSET need a path such as a.b[0].c.',
        {
          position: path.at,
        },
      );
  }
}

function parentSteps(target: Expression, alias: string, scope: Scope): PathStep[] | undefined {
  return target.kind === 'identifier' && target.name === alias
    ? []
    : pathSteps(target, alias, scope);
}

function positionStep(index: unknown): PathStep | undefined {
  if (typeof index === 'string') return index;
  return typeof index === 'number' && Number.isInteger(index) ? index : undefined;
}

/**
 * Sets a copy of `value` at `steps` inside `document`; the copy keeps `SET a.copy = a.b,
 * a.b.c = 1` from changing `copy` too. Setting MISSING removes the field, as the server does.
 * Nothing happens when the parent of the last step is absent or of the wrong type, or when a
 * position is past an array's end: the server sets a path only where its parent exists, so
 * `SET a.b.c = 1` without `a.b` leaves the document as it was.
 */
export function setPath(document: unknown, steps: readonly PathStep[], value: unknown): void {
  const parent = walk(document, steps.slice(0, -1));
  const last = steps[steps.length - 1];
  if (last === undefined || parent === undefined) return;
  if (value === undefined) {
    removeStep(parent, last);
    return;
  }
  const copy: unknown = JSON.parse(JSON.stringify(value));
  if (typeof last === 'string' && isJsonObject(parent)) {
    defineField(parent, last, copy);
  } else if (typeof last === 'number' && Array.isArray(parent)) {
    const index = last < 0 ? parent.length + last : last;
    if (index >= 0 && index < parent.length) parent[index] = copy;
  }
}

/** Removes the field (or array element) at `steps`, if it exists. */
export function unsetPath(document: unknown, steps: readonly PathStep[]): void {
  const parent = walk(document, steps.slice(0, -1));
  const last = steps[steps.length - 1];
  if (last !== undefined && parent !== undefined) removeStep(parent, last);
}

function removeStep(parent: unknown, step: PathStep): void {
  if (typeof step === 'string' && isJsonObject(parent)) {
    delete parent[step];
  } else if (typeof step === 'number' && Array.isArray(parent)) {
    const index = step < 0 ? parent.length + step : step;
    if (index >= 0 && index < parent.length) parent.splice(index, 1);
  }
}

/** Follows `steps` from `value`; undefined as soon as a step does not apply. */
function walk(value: unknown, steps: readonly PathStep[]): unknown {
  let current = value;
  for (const step of steps) {
    if (typeof step === 'string' && isJsonObject(current)) {
      current = Object.hasOwn(current, step) ? current[step] : undefined;
    } else if (typeof step === 'number' && Array.isArray(current)) {
      current = current[step < 0 ? current.length + step : step];
    } else {
      return undefined;
    }
  }
  return current;
}
