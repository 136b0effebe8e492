import type { Aggregate, CaseExpression, Expression, MetaCall } from './ast.ts';
import { defineField, isJsonObject, isTruthy } from './collation.ts';
import { callFunction } from './functions/library.ts';
import {
  and,
  applyBinary,
  between,
  isCondition,
  isDefinitelyFalse,
  negate,
  not,
  or,
} from './operators.ts';
import { parameterValue } from './parameters.ts';
import { QUERY_ERROR_CODE, QueryError } from './query-error.ts';
import type { SourceRow, StatementContext } from './query-store.ts';

/** What names in an expression refer to while it is evaluated. */
export interface Scope {
  /** The current document; undefined for a statement without FROM. */
  row: SourceRow | undefined;
  /** The statement being run: parameters, store, clock. */
  context: StatementContext;
  /** Aggregate values of the current group, by the call that asked for them. */
  aggregates?: ReadonlyMap<Aggregate, unknown>;
  /** The current result row's values by alias, which ORDER BY may name. */
  projected?: ReadonlyMap<string, unknown>;
  /** The enclosing statement's scope, for a subquery that names its aliases. */
  outer?: Scope;
}

/**
 * Evaluates an expression to a JSON value, or `undefined` for MISSING.
 *
 * @example
 * evaluate(expr, { row: { alias: 'a', document: { n: 1 }, meta }, context }); // for `a.n + 1`: 2
 */
export function evaluate(expression: Expression, scope: Scope): unknown {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'identifier':
      return resolveName(expression.name, scope);
    case 'field':
      return getField(evaluate(expression.target, scope), expression.name);
    case 'element':
      return element(evaluate(expression.target, scope), evaluate(expression.index, scope));
    case 'parameter':
      return parameterValue(scope.context.parameters, expression);
    case 'meta':
      return metaObject(expression, scope);
    case 'unary': {
      const operand = evaluate(expression.operand, scope);
      return expression.operator === 'not' ? not(operand) : negate(operand);
    }
    case 'binary':
      return applyBinary(
        expression.operator,
        evaluate(expression.left, scope),
        evaluate(expression.right, scope),
      );
    case 'logical':
      return logical(expression.operator, expression.left, expression.right, scope);
    case 'between': {
      const [value, low, high] = [expression.operand, expression.low, expression.high].map((part) =>
        evaluate(part, scope),
      );
      return between(value, low, high, expression.negated);
    }
    case 'is':
      return isCondition(
        evaluate(expression.operand, scope),
        expression.condition,
        expression.negated,
      );
    case 'array':
      // An array cannot hold MISSING; the server stores NULL in its place.
      return expression.items.map((item) => evaluate(item, scope) ?? null);
    case 'object':
      return buildObject(expression.entries, scope);
    case 'aggregate':
      return aggregateValue(expression, scope);
    case 'call':
      return callFunction(
        expression.name,
        expression.args.map((arg) => evaluate(arg, scope)),
        scope.context,
      );
    case 'case':
      return caseValue(expression, scope);
    case 'subquery':
      return scope.context.subquery(expression.select, scope);
    case 'exists': {
      const value = evaluate(expression.operand, scope);
      return Array.isArray(value) && value.length > 0;
    }
  }
}

/** The THEN of the first WHEN that holds (equals the operand, in the simple form), else ELSE or NULL. */
function caseValue(expression: CaseExpression, scope: Scope): unknown {
  const operand = expression.operand && evaluate(expression.operand, scope);
  for (const branch of expression.branches) {
    const when = evaluate(branch.when, scope);
    const holds = expression.operand ? applyBinary('=', operand, when) : when;
    if (isTruthy(holds)) return evaluate(branch.result, scope);
  }
  return expression.otherwise ? evaluate(expression.otherwise, scope) : null;
}

function resolveName(name: string, scope: Scope): unknown {
  if (scope.projected?.has(name)) return scope.projected.get(name);
  const row = scope.row;
  if (row && name === row.alias) return row.document;
  const outer = rowNamed(scope.outer, name);
  if (outer) return outer.document;
  // A name that is not an alias is a field of the document (`name` means `a.name`).
  return row ? getField(row.document, name) : undefined;
}

/** The row an alias names in this scope or an enclosing one. */
function rowNamed(scope: Scope | undefined, alias: string): SourceRow | undefined {
  for (let at = scope; at; at = at.outer) if (at.row?.alias === alias) return at.row;
  return undefined;
}

/** A field of an object; MISSING for absent fields, inherited names and non-objects. */
export function getField(value: unknown, name: string): unknown {
  return isJsonObject(value) && Object.hasOwn(value, name) ? value[name] : undefined;
}

function element(value: unknown, index: unknown): unknown {
  if (Array.isArray(value) && typeof index === 'number' && Number.isInteger(index)) {
    // Negative positions count from the end, as on the server.
    return value[index < 0 ? value.length + index : index];
  }
  if (typeof index === 'string') return getField(value, index);
  return undefined;
}

function logical(
  operator: 'and' | 'or',
  left: Expression,
  right: Expression,
  scope: Scope,
): unknown {
  const first = evaluate(left, scope);
  if (operator === 'and') {
    return isDefinitelyFalse(first) ? false : and(first, evaluate(right, scope));
  }
  return isTruthy(first) ? true : or(first, evaluate(right, scope));
}

function buildObject(
  entries: Array<{ name: Expression; value: Expression }>,
  scope: Scope,
): unknown {
  const result: Record<string, unknown> = {};
  for (const entry of entries) {
    const name = evaluate(entry.name, scope);
    const value = evaluate(entry.value, scope);
    if (typeof name === 'string' && value !== undefined) defineField(result, name, value);
  }
  return result;
}

function metaObject(call: MetaCall, scope: Scope): unknown {
  const row = call.alias === undefined ? scope.row : rowNamed(scope, call.alias);
  if (!row) {
    const named = call.alias === undefined ? 'META()' : `META(${call.alias})`;
    const problem = scope.row
      ? `the keyspace here is ${scope.row.alias}`
      : 'the statement reads no keyspace';
    throw new QueryError(QUERY_ERROR_CODE.semantics, `Invalid use of ${named}: ${problem}.`, {
      position: call.at,
    });
  }
  // Rows of a subquery in FROM are no documents: they have no META().
  if (!row.meta) return undefined;
  const { id, cas, expiration, flags } = row.meta;
  // The server sends CAS as a JSON number; a handler parsing it gets a double, so do we.
  return { cas: Number(cas), expiration, flags, id, type: 'json' };
}

function aggregateValue(call: Aggregate, scope: Scope): unknown {
  if (scope.aggregates?.has(call)) return scope.aggregates.get(call);
  throw new QueryError(QUERY_ERROR_CODE.semantics, 'Aggregates are not allowed here.', {
    position: call.at,
  });
}
