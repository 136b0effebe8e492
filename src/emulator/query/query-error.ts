// Errors of the SQL++ evaluator. They mirror the Query service's numeric codes so that what a
// handler sees in `N1QLError` reads like a real cluster's answer; the lead turns them into that
// error at the door.

/** Where in the statement text something is: 0-based offset, 1-based line and column. */
export interface SourcePosition {
  offset: number;
  line: number;
  column: number;
}

/**
 * Codes from the Query service's own table (couchbase/query `errors/codes.go`), for the
 * situations this evaluator can meet.
 */
export const QUERY_ERROR_CODE = {
  /** E_SERVICE_NOT_IMPLEMENTED: valid SQL++ that this evaluator does not implement. */
  notImplemented: 1020,
  /** E_PARSE_SYNTAX. */
  syntax: 3000,
  /** E_SEMANTICS: parses, but means nothing (an aggregate in WHERE, ...). */
  semantics: 3100,
  /** E_NO_TERM_NAME: a subquery in FROM without an alias. */
  noTermName: 4010,
  /** E_DUPLICATE_ALIAS. */
  duplicateAlias: 4020,
  /** E_NOT_GROUP_KEY_OR_AGG. */
  notGroupKey: 4210,
  /** E_EVALUATION_ABORT: for example a parameter without a value. */
  evaluation: 5010,
  /** E_INVALID_VALUE: for example a negative LIMIT. */
  invalidValue: 5030,
  /** E_INSERT_VALUE / E_UPSERT_VALUE: a VALUES pair whose value is MISSING. */
  insertValue: 5060,
  /** E_INSERT_KEY_TYPE / E_UPSERT_KEY_TYPE: a document key that is not a string. */
  insertKeyType: 5070,
  upsertKeyType: 5078,
  /** E_CB_KEYSPACE_NOT_FOUND. */
  keyspaceNotFound: 12003,
  /** E_CB_DML: the document already exists. */
  duplicateKey: 12009,
} as const;

export interface QueryErrorOptions {
  position?: SourcePosition;
  /** The SQL++ construct this evaluator does not implement, when that is the problem. */
  unsupported?: string;
}

/**
 * A statement the evaluator refused or could not run. `code` follows the Query service's error
 * codes; `unsupported` names the construct when the statement is valid SQL++ that eventing-dev
 * cannot answer (code 1020), so callers can route it to a recorded answer instead.
 *
 * @example
 * try { runQuery({ statement: 'SELECT * FROM a JOIN b ON ...' }, store); } catch (e) {
 *   if (e instanceof QueryError && e.unsupported) console.log(`needs a stub: ${e.unsupported}`);
 * }
 */
export class QueryError extends Error {
  readonly code: number;
  readonly position: SourcePosition | undefined;
  readonly unsupported: string | undefined;

  constructor(code: number, message: string, options: QueryErrorOptions = {}) {
    super(message);
    this.name = 'QueryError';
    this.code = code;
    this.position = options.position;
    this.unsupported = options.unsupported;
  }
}

/** `line 2, column 7`, the way the Query service points into a statement. */
export function describePosition(position: SourcePosition): string {
  return `line ${position.line}, column ${position.column}`;
}

const NEAR_LENGTH = 24;

/**
 * A syntax error in the Query service's words: `syntax error - line 1, column 7, near 'SLECT',
 * at: name`, where `near` is the text just before the problem and `at` the problem itself.
 */
export function syntaxError(source: string, position: SourcePosition, at: string): QueryError {
  const before = source.slice(0, position.offset).replace(/\s+/g, ' ').trim();
  const near = before.length > NEAR_LENGTH ? `...${before.slice(-NEAR_LENGTH)}` : before;
  const message = `syntax error - ${describePosition(position)}, near '${near}', at: ${at}`;
  return new QueryError(QUERY_ERROR_CODE.syntax, message, { position });
}

/**
 * Valid SQL++ outside the evaluator's subset. The message says how to answer the statement
 * anyway, because a handler author meets it in a test and needs the next step, not a shrug.
 */
export function unsupported(construct: string, position?: SourcePosition): QueryError {
  const where = position ? ` (${describePosition(position)})` : '';
  const message =
    `eventing-dev's SQL++ evaluator does not support ${construct}${where}; ` +
    'answer this statement with em.query.on(...)';
  return new QueryError(QUERY_ERROR_CODE.notImplemented, message, {
    unsupported: construct,
    position,
  });
}
