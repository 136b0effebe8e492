import type {
  DeleteStatement,
  Expression,
  FromTerm,
  InsertStatement,
  OrderTerm,
  SelectStatement,
  SetTerm,
  Statement,
  UpdateStatement,
} from './ast.ts';
import { parseAlias, parseKeyspaceRef, parseProjection, parseUseKeys } from './clause-parser.ts';
import { parseExpression, parsePath } from './expression-parser.ts';
import { QUERY_ERROR_CODE, QueryError } from './query-error.ts';
import { TokenCursor } from './token-cursor.ts';

// Whole statements. Anything the subset lacks is refused with an error naming it: statements
// this evaluator never runs, and clauses (JOIN, LET, UNION, ...) found where parsing stops.

const UNSUPPORTED_STATEMENTS: Record<string, string> = {
  ADVISE: 'ADVISE',
  ALTER: 'ALTER statements',
  ANALYZE: 'ANALYZE',
  BEGIN: 'transactions',
  BUILD: 'BUILD INDEX',
  COMMIT: 'transactions',
  CREATE: 'CREATE statements',
  DROP: 'DROP statements',
  EXECUTE: 'EXECUTE (prepared statements)',
  EXPLAIN: 'EXPLAIN',
  FLUSH: 'FLUSH',
  FROM: 'FROM-first SELECT',
  GRANT: 'GRANT',
  INFER: 'INFER',
  MERGE: 'MERGE',
  PREPARE: 'PREPARE',
  REVOKE: 'REVOKE',
  ROLLBACK: 'transactions',
  SAVEPOINT: 'transactions',
  SET: 'SET TRANSACTION',
  START: 'transactions',
  WITH: 'WITH (common table expressions)',
};

const UNSUPPORTED_CLAUSES: Record<string, string> = {
  EXCEPT: 'EXCEPT',
  EXCLUDE: 'SELECT ... EXCLUDE',
  FLATTEN: 'FLATTEN',
  INNER: 'JOIN',
  INTERSECT: 'INTERSECT',
  JOIN: 'JOIN',
  LEFT: 'JOIN',
  LET: 'LET',
  LETTING: 'LETTING',
  NEST: 'NEST',
  NULLS: 'NULLS FIRST / NULLS LAST',
  RIGHT: 'JOIN',
  UNION: 'UNION',
  UNNEST: 'UNNEST',
  WINDOW: 'WINDOW clauses',
};

/** The bucket and scope a request's `query_context` names. */
export interface QueryContext {
  bucket: string;
  scope: string;
}

/**
 * Parses one statement of the subset; a trailing `;` is allowed. With a query context, a
 * keyspace named by one part is a collection of its scope. Throws `QueryError` 3000 with
 * line and column for bad syntax, and 1020 naming the construct for SQL++ outside the subset.
 *
 * @example
 * parseStatement('SELECT RAW name FROM travel.inventory.airline WHERE id = $id').kind; // 'select'
 */
export function parseStatement(source: string, queryContext?: QueryContext): Statement {
  const cursor = new TokenCursor(source);
  cursor.selectParser = parseSelect;
  cursor.queryContext = queryContext;
  const statement = parseBody(cursor);
  cursor.acceptSymbol(';');
  const rest = cursor.peek();
  if (rest.kind === 'end') return statement;
  const clause = rest.kind === 'keyword' ? UNSUPPORTED_CLAUSES[rest.word] : undefined;
  throw clause === undefined ? cursor.fail() : cursor.unsupported(clause);
}

function parseBody(cursor: TokenCursor): Statement {
  const first = cursor.peek();
  if (first.kind === 'keyword') {
    if (first.word === 'SELECT') return parseSelect(cursor);
    if (first.word === 'INSERT' || first.word === 'UPSERT') return parseInsert(cursor);
    if (first.word === 'UPDATE') return parseUpdate(cursor);
    if (first.word === 'DELETE') return parseDelete(cursor);
    const construct = UNSUPPORTED_STATEMENTS[first.word];
    if (construct !== undefined) throw cursor.unsupported(construct);
  }
  if (cursor.isSymbol('(') && cursor.isKeyword('SELECT', 1)) {
    throw cursor.unsupported('parenthesised SELECT statements');
  }
  throw cursor.fail();
}

function parseSelect(cursor: TokenCursor): SelectStatement {
  cursor.expectKeyword('SELECT');
  const distinct = cursor.acceptKeyword('DISTINCT');
  if (!distinct) cursor.acceptKeyword('ALL');
  const projection = parseProjection(cursor);
  const from = cursor.acceptKeyword('FROM') ? parseFromTerm(cursor) : undefined;
  const useKeys = from && !('subquery' in from) ? parseUseKeys(cursor) : undefined;
  if (from) refuseSecondFromTerm(cursor);
  const where = parseWhere(cursor);
  const groupBy = cursor.acceptKeyword('GROUP') ? parseGroupBy(cursor) : [];
  const having =
    groupBy.length > 0 && cursor.acceptKeyword('HAVING') ? parseExpression(cursor) : undefined;
  const orderBy = parseOrderBy(cursor);
  const { limit, offset } = parseLimitOffset(cursor);
  return {
    kind: 'select',
    distinct,
    projection,
    from,
    useKeys,
    where,
    groupBy,
    having,
    orderBy,
    limit,
    offset,
  };
}

/** A keyspace, or `(SELECT ...) [AS] alias`. */
function parseFromTerm(cursor: TokenCursor): FromTerm {
  if (!cursor.isSymbol('(') || !cursor.isKeyword('SELECT', 1)) return parseKeyspaceRef(cursor);
  const start = cursor.next();
  const subquery = cursor.subquery();
  const at = cursor.spanFrom(start.at);
  const alias = parseAlias(cursor);
  if (alias === undefined) {
    throw new QueryError(
      QUERY_ERROR_CODE.noTermName,
      'FROM Subquery term must have a name or alias',
      {
        position: start.at,
      },
    );
  }
  return { subquery, alias, at };
}

function refuseSecondFromTerm(cursor: TokenCursor): void {
  if (cursor.isSymbol(',')) throw cursor.unsupported('more than one FROM term');
  if (cursor.isKeyword('ON')) throw cursor.unsupported('JOIN');
}

function parseWhere(cursor: TokenCursor): Expression | undefined {
  return cursor.acceptKeyword('WHERE') ? parseExpression(cursor) : undefined;
}

function parseGroupBy(cursor: TokenCursor): Expression[] {
  cursor.expectKeyword('BY');
  const keys: Expression[] = [];
  do keys.push(parseExpression(cursor));
  while (cursor.acceptSymbol(','));
  return keys;
}

function parseOrderBy(cursor: TokenCursor): OrderTerm[] {
  if (!cursor.acceptKeyword('ORDER')) return [];
  cursor.expectKeyword('BY');
  const terms: OrderTerm[] = [];
  do {
    const expression = parseExpression(cursor);
    const descending = cursor.acceptKeyword('DESC');
    if (!descending) cursor.acceptKeyword('ASC');
    terms.push({ expression, descending });
  } while (cursor.acceptSymbol(','));
  return terms;
}

/** LIMIT and OFFSET, each at most once, in either order. */
function parseLimitOffset(cursor: TokenCursor): {
  limit: Expression | undefined;
  offset: Expression | undefined;
} {
  let limit: Expression | undefined;
  let offset: Expression | undefined;
  for (;;) {
    if (limit === undefined && cursor.acceptKeyword('LIMIT')) limit = parseExpression(cursor);
    else if (offset === undefined && cursor.acceptKeyword('OFFSET'))
      offset = parseExpression(cursor);
    else return { limit, offset };
  }
}

function parseLimit(cursor: TokenCursor): Expression | undefined {
  return cursor.acceptKeyword('LIMIT') ? parseExpression(cursor) : undefined;
}

function parseReturning(cursor: TokenCursor) {
  return cursor.acceptKeyword('RETURNING') ? parseProjection(cursor) : undefined;
}

function parseInsert(cursor: TokenCursor): InsertStatement {
  const verb = cursor.next();
  const kind = verb.kind === 'keyword' && verb.word === 'UPSERT' ? 'upsert' : 'insert';
  cursor.expectKeyword('INTO');
  const target = parseKeyspaceRef(cursor);
  if (cursor.acceptSymbol('(')) parseKeyValueHeader(cursor);
  if (cursor.isKeyword('SELECT')) throw cursor.unsupported(`${kind.toUpperCase()} ... SELECT`);
  cursor.expectKeyword('VALUES');
  const values: InsertStatement['values'] = [];
  do {
    cursor.acceptKeyword('VALUES');
    values.push(parseValuesPair(cursor));
  } while (cursor.acceptSymbol(','));
  return { kind, target, values, returning: parseReturning(cursor) };
}

/** `(KEY, VALUE)`: the optional header of the VALUES form; `(KEY k, ...)` starts INSERT SELECT. */
function parseKeyValueHeader(cursor: TokenCursor): void {
  cursor.expectKeyword('KEY');
  if (!cursor.isSymbol(',')) throw cursor.unsupported('INSERT ... SELECT');
  cursor.next();
  cursor.expectKeyword('VALUE');
  if (cursor.isSymbol(',')) throw cursor.unsupported('OPTIONS (document expiration) in VALUES');
  cursor.expectSymbol(')');
}

function parseValuesPair(cursor: TokenCursor): { key: Expression; value: Expression } {
  cursor.expectSymbol('(');
  const key = parseExpression(cursor);
  cursor.expectSymbol(',');
  const value = parseExpression(cursor);
  if (cursor.isSymbol(',')) throw cursor.unsupported('OPTIONS (document expiration) in VALUES');
  cursor.expectSymbol(')');
  return { key, value };
}

function parseUpdate(cursor: TokenCursor): UpdateStatement {
  cursor.expectKeyword('UPDATE');
  if (cursor.isKeyword('STATISTICS')) throw cursor.unsupported('UPDATE STATISTICS');
  const target = parseKeyspaceRef(cursor);
  const useKeys = parseUseKeys(cursor);
  const set = cursor.acceptKeyword('SET') ? parseSetTerms(cursor) : [];
  const unset = cursor.acceptKeyword('UNSET') ? parseUnsetPaths(cursor) : [];
  if (set.length === 0 && unset.length === 0) throw cursor.fail();
  const where = parseWhere(cursor);
  const limit = parseLimit(cursor);
  return {
    kind: 'update',
    target,
    useKeys,
    set,
    unset,
    where,
    limit,
    returning: parseReturning(cursor),
  };
}

function parseSetTerms(cursor: TokenCursor): SetTerm[] {
  const terms: SetTerm[] = [];
  do {
    const path = parsePath(cursor);
    cursor.expectSymbol('=');
    terms.push({ path, value: parseExpression(cursor) });
    refuseUpdateFor(cursor);
  } while (cursor.acceptSymbol(','));
  return terms;
}

function parseUnsetPaths(cursor: TokenCursor): Expression[] {
  const paths: Expression[] = [];
  do {
    paths.push(parsePath(cursor));
    refuseUpdateFor(cursor);
  } while (cursor.acceptSymbol(','));
  return paths;
}

function refuseUpdateFor(cursor: TokenCursor): void {
  if (cursor.isKeyword('FOR')) throw cursor.unsupported('SET / UNSET ... FOR (array updates)');
}

function parseDelete(cursor: TokenCursor): DeleteStatement {
  cursor.expectKeyword('DELETE');
  cursor.expectKeyword('FROM');
  const target = parseKeyspaceRef(cursor);
  const useKeys = parseUseKeys(cursor);
  const where = parseWhere(cursor);
  const limit = parseLimit(cursor);
  return { kind: 'delete', target, useKeys, where, limit, returning: parseReturning(cursor) };
}
