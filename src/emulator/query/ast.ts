import type { Keyspace } from '../../definition/keyspace.ts';
import type { SourcePosition } from './query-error.ts';

// The statements and expressions of the evaluator's SQL++ subset. Every expression keeps its span
// so errors can point at it and quote it the way the Query service does.

/** Where a node starts, and the offset just past its last character. */
export interface Span extends SourcePosition {
  end: number;
}

/** A constant; `value` is `undefined` for the literal MISSING. */
export interface Literal {
  kind: 'literal';
  value: unknown;
  at: Span;
}

export interface Identifier {
  kind: 'identifier';
  name: string;
  at: Span;
}

export interface FieldAccess {
  kind: 'field';
  target: Expression;
  name: string;
  at: Span;
}

export interface ElementAccess {
  kind: 'element';
  target: Expression;
  index: Expression;
  at: Span;
}

/** `$name` / `@name` (a string key) or `$1` / `?` (a 1-based number). */
export interface Parameter {
  kind: 'parameter';
  key: string | number;
  at: Span;
}

/** `META()` or `META(alias)`. */
export interface MetaCall {
  kind: 'meta';
  alias: string | undefined;
  at: Span;
}

export interface Unary {
  kind: 'unary';
  operator: 'negate' | 'not';
  operand: Expression;
  at: Span;
}

export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '||'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'like'
  | 'not like'
  | 'in'
  | 'not in';

export interface Binary {
  kind: 'binary';
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
  at: Span;
}

export interface Logical {
  kind: 'logical';
  operator: 'and' | 'or';
  left: Expression;
  right: Expression;
  at: Span;
}

export interface Between {
  kind: 'between';
  operand: Expression;
  low: Expression;
  high: Expression;
  negated: boolean;
  at: Span;
}

export interface IsTest {
  kind: 'is';
  operand: Expression;
  condition: 'null' | 'missing' | 'valued';
  negated: boolean;
  at: Span;
}

export interface ArrayConstructor {
  kind: 'array';
  items: Expression[];
  at: Span;
}

export interface ObjectConstructor {
  kind: 'object';
  entries: Array<{ name: Expression; value: Expression }>;
  at: Span;
}

export type AggregateFunction = 'count' | 'sum' | 'avg' | 'min' | 'max';

/** An aggregate call; `argument` is undefined for `COUNT(*)`. */
export interface Aggregate {
  kind: 'aggregate';
  fn: AggregateFunction;
  argument: Expression | undefined;
  distinct: boolean;
  at: Span;
}

/** A call of a function of the SQL++ library; `name` is upper-cased. */
export interface FunctionCall {
  kind: 'call';
  name: string;
  args: Expression[];
  at: Span;
}

/** `(SELECT ...)` used as a value: the array of its result rows. */
export interface Subquery {
  kind: 'subquery';
  select: SelectStatement;
  at: Span;
}

/** `CASE [operand] WHEN ... THEN ... [ELSE ...] END`. */
export interface CaseExpression {
  kind: 'case';
  /** The simple form's operand, compared with each WHEN; undefined for the searched form. */
  operand: Expression | undefined;
  branches: Array<{ when: Expression; result: Expression }>;
  otherwise: Expression | undefined;
  at: Span;
}

/** `EXISTS expr`: whether the value (usually a subquery's rows) is a non-empty array. */
export interface Exists {
  kind: 'exists';
  operand: Expression;
  at: Span;
}

export type Expression =
  | Exists
  | FunctionCall
  | Subquery
  | CaseExpression
  | Literal
  | Identifier
  | FieldAccess
  | ElementAccess
  | Parameter
  | MetaCall
  | Unary
  | Binary
  | Logical
  | Between
  | IsTest
  | ArrayConstructor
  | ObjectConstructor
  | Aggregate;

/** The keyspace a statement reads or writes, and the name its documents go by. */
export interface KeyspaceRef {
  keyspace: Keyspace;
  /** The explicit alias, else the last part of the path (`airline` for `travel.inventory.airline`). */
  alias: string;
  at: Span;
}

/** `(SELECT ...) [AS] alias` in FROM: its result rows are the statement's input. */
export interface SubqueryTerm {
  subquery: SelectStatement;
  alias: string;
  at: Span;
}

/** What a SELECT reads: a keyspace, or the rows of a subquery. */
export type FromTerm = KeyspaceRef | SubqueryTerm;

export type ResultTerm =
  | { kind: 'star'; at: Span }
  | { kind: 'path-star'; expression: Expression; at: Span }
  | { kind: 'term'; expression: Expression; as: string | undefined; at: Span };

/** `RAW expr` (also spelled VALUE or ELEMENT), or a list of result terms. */
export type Projection =
  | { kind: 'raw'; expression: Expression }
  | { kind: 'terms'; terms: ResultTerm[] };

export interface OrderTerm {
  expression: Expression;
  descending: boolean;
}

export interface SelectStatement {
  kind: 'select';
  distinct: boolean;
  projection: Projection;
  from: FromTerm | undefined;
  useKeys: Expression | undefined;
  where: Expression | undefined;
  groupBy: Expression[];
  having: Expression | undefined;
  orderBy: OrderTerm[];
  limit: Expression | undefined;
  offset: Expression | undefined;
}

export interface InsertStatement {
  kind: 'insert' | 'upsert';
  target: KeyspaceRef;
  values: Array<{ key: Expression; value: Expression }>;
  returning: Projection | undefined;
}

export interface SetTerm {
  path: Expression;
  value: Expression;
}

export interface UpdateStatement {
  kind: 'update';
  target: KeyspaceRef;
  useKeys: Expression | undefined;
  set: SetTerm[];
  unset: Expression[];
  where: Expression | undefined;
  limit: Expression | undefined;
  returning: Projection | undefined;
}

export interface DeleteStatement {
  kind: 'delete';
  target: KeyspaceRef;
  useKeys: Expression | undefined;
  where: Expression | undefined;
  limit: Expression | undefined;
  returning: Projection | undefined;
}

export type Statement = SelectStatement | InsertStatement | UpdateStatement | DeleteStatement;

/**
 * The direct sub-expressions of an expression, for walks that look for aggregates or check
 * what an expression depends on.
 *
 * @example
 * childExpressions(parseExpression(new TokenCursor('a + b'))); // the identifiers a and b
 */
export function childExpressions(expression: Expression): Expression[] {
  switch (expression.kind) {
    case 'literal':
    case 'identifier':
    case 'parameter':
    case 'meta':
      return [];
    case 'field':
      return [expression.target];
    case 'element':
      return [expression.target, expression.index];
    case 'unary':
      return [expression.operand];
    case 'binary':
    case 'logical':
      return [expression.left, expression.right];
    case 'between':
      return [expression.operand, expression.low, expression.high];
    case 'is':
      return [expression.operand];
    case 'array':
      return expression.items;
    case 'object':
      return expression.entries.flatMap((entry) => [entry.name, entry.value]);
    case 'aggregate':
      return expression.argument ? [expression.argument] : [];
    case 'call':
      return expression.args;
    case 'case':
      return [
        ...(expression.operand ? [expression.operand] : []),
        ...expression.branches.flatMap((branch) => [branch.when, branch.result]),
        ...(expression.otherwise ? [expression.otherwise] : []),
      ];
    case 'exists':
      return [expression.operand];
    case 'subquery':
      // A subquery's expressions belong to it: its aggregates are its own.
      return [];
  }
}
