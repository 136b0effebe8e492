import type { Expression, Projection, Statement } from './ast.ts';
import { resolveProjection } from './projection.ts';

// The `signature` of the Query service's answer: each result name with the type the service
// gives its expression (`{"name":"json"}`, `{"*":"*"}` for `*` and `alias.*`, `{"$1":"number"}`
// for `SELECT 1+1`), the type alone for RAW, and nothing for DML without RETURNING.
// fidelity: a function call is typed by a table of the common functions, `json` otherwise.

/** A value type as the Query service names it. */
type ValueType = 'missing' | 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'json';

/**
 * The signature of a statement's results, or undefined when it has none.
 *
 * @example
 * statementSignature(parseStatement('SELECT name, 1+1 FROM b')); // { name: 'json', $1: 'number' }
 */
export function statementSignature(statement: Statement): unknown {
  const projection = statement.kind === 'select' ? statement.projection : statement.returning;
  return projection && projectionSignature(projection);
}

function projectionSignature(projection: Projection): unknown {
  if (projection.kind === 'raw') return typeOf(projection.expression);
  const { names } = resolveProjection(projection);
  const signature: Record<string, string> = {};
  projection.terms.forEach((term, index) => {
    if (term.kind === 'term') signature[names[index] as string] = typeOf(term.expression);
    else signature['*'] = '*';
  });
  return signature;
}

const BINARY_TYPES: Record<string, ValueType> = {
  '+': 'number',
  '-': 'number',
  '*': 'number',
  '/': 'number',
  '%': 'number',
  '||': 'string',
};

function typeOf(expression: Expression): ValueType {
  switch (expression.kind) {
    case 'literal':
      return literalType(expression.value);
    case 'unary':
      return expression.operator === 'negate' ? 'number' : 'boolean';
    case 'binary':
      return BINARY_TYPES[expression.operator] ?? 'boolean';
    case 'logical':
    case 'between':
    case 'is':
    case 'exists':
      return 'boolean';
    case 'array':
    case 'subquery':
      return 'array';
    case 'object':
    case 'meta':
      return 'object';
    case 'aggregate':
      return expression.fn === 'min' || expression.fn === 'max' ? 'json' : 'number';
    case 'call':
      return FUNCTION_TYPES[expression.name] ?? 'json';
    case 'case': {
      const results = expression.branches.map((branch) => typeOf(branch.result));
      if (expression.otherwise) results.push(typeOf(expression.otherwise));
      return results.every((type) => type === results[0]) ? (results[0] ?? 'json') : 'json';
    }
    default:
      return 'json';
  }
}

function literalType(value: unknown): ValueType {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'boolean' || type === 'number' || type === 'string') return type;
  return type === 'object' ? 'object' : 'json';
}

const typed = (type: ValueType, names: string) =>
  Object.fromEntries(names.split(' ').map((name) => [name, type]));

/** The result types of the common functions, as the Query service declares them. */
const FUNCTION_TYPES: Record<string, ValueType> = {
  ...typed(
    'string',
    'CONCAT INITCAP LOWER LTRIM REPEAT REPLACE REVERSE RTRIM SUBSTR TITLE TOSTR TOSTRING TO_STR TO_STRING TRIM UPPER NOW_STR NOW_UTC NOW_LOCAL CLOCK_STR CLOCK_UTC CLOCK_LOCAL MILLIS_TO_STR MILLIS_TO_UTC DATE_ADD_STR DATE_TRUNC_STR TYPE TYPENAME',
  ),
  ...typed(
    'number',
    'ABS CEIL FLOOR LENGTH POSITION POWER ROUND SIGN SQRT TRUNC TONUMBER TONUM TO_NUMBER TO_NUM ARRAY_LENGTH ARRAY_COUNT ARRAY_SUM ARRAY_AVG ARRAY_POSITION OBJECT_LENGTH NOW_MILLIS CLOCK_MILLIS STR_TO_MILLIS DATE_PART_STR DATE_PART_MILLIS DATE_DIFF_STR DATE_DIFF_MILLIS DATE_ADD_MILLIS DATE_TRUNC_MILLIS',
  ),
  ...typed(
    'boolean',
    'CONTAINS REGEXP_CONTAINS REGEXP_LIKE ARRAY_CONTAINS ISARRAY ISBOOLEAN ISNUMBER ISOBJECT ISSTRING IS_ARRAY IS_BOOLEAN IS_NUMBER IS_OBJECT IS_STRING TOBOOLEAN TOBOOL TO_BOOLEAN TO_BOOL',
  ),
  ...typed(
    'array',
    'ARRAY_APPEND ARRAY_CONCAT ARRAY_DISTINCT ARRAY_FLATTEN ARRAY_INSERT ARRAY_PREPEND ARRAY_PUT ARRAY_RANGE ARRAY_REMOVE ARRAY_REPEAT ARRAY_REPLACE ARRAY_REVERSE ARRAY_SORT SPLIT OBJECT_NAMES OBJECT_PAIRS OBJECT_VALUES TOARRAY TO_ARRAY',
  ),
  ...typed('object', 'OBJECT_ADD OBJECT_PUT OBJECT_REMOVE OBJECT_CONCAT TOOBJECT TO_OBJECT'),
};
