import { childExpressions, type Expression, type KeyspaceRef } from './ast.ts';
import { compareStrings } from './collation.ts';
import { evaluate, type Scope } from './expressions.ts';
import { readRows, type StatementContext, useKeysList } from './query-store.ts';

// The documents a statement over a keyspace reads, as they are taken: USE KEYS, else the keys
// that WHERE pins META().id to (`=` or IN a value that does not depend on the row), else a
// scan in key order. Only a scan costs the size of the keyspace, so a lookup by key costs the
// same with a hundred documents or a million, as with the server's primary index.

/** A statement's keyspace input: where it reads, its USE KEYS and its WHERE. */
export interface KeyspaceInput {
  ref: KeyspaceRef;
  useKeys: Expression | undefined;
  where: Expression | undefined;
}

/**
 * The input rows of a keyspace as scopes, read lazily.
 *
 * @example
 * [...keyspaceScopes({ ref, useKeys: undefined, where: parsed('META().id = "k1"') }, context)];
 * // one scope, for k1, without scanning the keyspace
 */
export function* keyspaceScopes(
  input: KeyspaceInput,
  context: StatementContext,
  outer?: Scope,
): Generator<Scope, void, undefined> {
  const base: Scope = { row: undefined, context, ...(outer ? { outer } : {}) };
  const keys = input.useKeys
    ? useKeysList(evaluate(input.useKeys, base))
    : keysFromWhere(input.where, input.ref.alias, base);
  for (const row of readRows(context.store, input.ref, keys)) yield { ...base, row };
}

/**
 * The document keys WHERE restricts the statement to, sorted as an index scan returns them,
 * or undefined when WHERE does not pin META().id.
 */
function keysFromWhere(
  where: Expression | undefined,
  alias: string,
  base: Scope,
): string[] | undefined {
  for (const term of conjuncts(where)) {
    if (term.kind !== 'binary' || (term.operator !== '=' && term.operator !== 'in')) continue;
    const [id, other] = isMetaId(term.left, alias)
      ? [term.left, term.right]
      : [term.right, term.left];
    if (!isMetaId(id, alias) || !isRowFree(other)) continue;
    if (term.operator === 'in' && id !== term.left) continue;
    const value = evaluate(other, base);
    const keys = term.operator === 'in' ? (Array.isArray(value) ? value : []) : [value];
    const strings = keys.filter((key): key is string => typeof key === 'string');
    return [...new Set(strings)].sort(compareStrings);
  }
  return undefined;
}

function conjuncts(where: Expression | undefined): Expression[] {
  if (!where) return [];
  if (where.kind === 'logical' && where.operator === 'and')
    return [...conjuncts(where.left), ...conjuncts(where.right)];
  return [where];
}

/** `META().id` or `META(alias).id` of this statement's keyspace. */
function isMetaId(expression: Expression, alias: string): boolean {
  return (
    expression.kind === 'field' &&
    expression.name === 'id' &&
    expression.target.kind === 'meta' &&
    (expression.target.alias === undefined || expression.target.alias === alias)
  );
}

/** True when the value cannot change from one row to the next (constants and parameters). */
function isRowFree(expression: Expression): boolean {
  switch (expression.kind) {
    case 'identifier':
    case 'meta':
    case 'aggregate':
    case 'subquery':
      return false;
    default:
      return childExpressions(expression).every(isRowFree);
  }
}
