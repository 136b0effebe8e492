import { childExpressions, type Expression, type Identifier } from './ast.ts';
import { canonicalKey } from './collation.ts';
import { evaluate, type Scope } from './expressions.ts';
import { QUERY_ERROR_CODE, QueryError } from './query-error.ts';

// GROUP BY: bucketing rows by their group-key values, and the rule that after grouping an
// expression may use only group keys, aggregates and constants.

/**
 * A string equal for expressions that mean the same, whatever their spacing: spans are
 * dropped and a bare field name `x` counts as `alias.x`, since that is what it refers to.
 *
 * @example
 * const parse = (text: string) => parseExpression(new TokenCursor(text));
 * expressionKey(parse('name'), 'a') === expressionKey(parse('a.name'), 'a'); // true
 */
export function expressionKey(expression: Expression, alias: string | undefined): string {
  return JSON.stringify(expression, (key, value: unknown) => {
    if (key === 'at') return undefined;
    if (alias !== undefined && isIdentifier(value) && value.name !== alias) {
      return { kind: 'field', target: { kind: 'identifier', name: alias }, name: value.name };
    }
    return value;
  });
}

function isIdentifier(value: unknown): value is Identifier {
  return typeof value === 'object' && value !== null && (value as Identifier).kind === 'identifier';
}

/** Rows bucketed by the values of the group keys, in order of each group's first row. */
export function groupRows(rows: readonly Scope[], keys: readonly Expression[]): Scope[][] {
  const groups = new Map<string, Scope[]>();
  for (const row of rows) {
    const groupKey = canonicalKey(keys.map((key) => evaluate(key, row) ?? null));
    const group = groups.get(groupKey);
    if (group) group.push(row);
    else groups.set(groupKey, [row]);
  }
  return [...groups.values()];
}

/** What an expression may refer to once rows are grouped. */
export interface GroupedContext {
  /** `expressionKey`s of the GROUP BY expressions. */
  groupKeys: ReadonlySet<string>;
  alias: string | undefined;
  /** Result names, which ORDER BY may use after grouping. */
  resultNames: ReadonlySet<string>;
  source: string;
}

/**
 * Throws 4210, quoting the expression, unless it depends only on group keys, aggregates,
 * constants and parameters (and result names, for ORDER BY).
 */
export function checkGrouped(expression: Expression, context: GroupedContext): void {
  if (dependsOnGroup(expression, context)) return;
  const text = context.source.slice(expression.at.offset, expression.at.end);
  throw new QueryError(
    QUERY_ERROR_CODE.notGroupKey,
    `Expression (${text}) must depend only on group keys or aggregates.`,
    { position: expression.at },
  );
}

function dependsOnGroup(expression: Expression, context: GroupedContext): boolean {
  if (context.groupKeys.has(expressionKey(expression, context.alias))) return true;
  switch (expression.kind) {
    case 'aggregate':
    case 'literal':
    case 'parameter':
      return true;
    case 'identifier':
      return context.resultNames.has(expression.name);
    case 'meta':
      return false;
    default:
      return childExpressions(expression).every((child) => dependsOnGroup(child, context));
  }
}
