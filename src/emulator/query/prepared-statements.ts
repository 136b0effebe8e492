import type { KeyspaceRef, Statement } from './ast.ts';
import { keyspaceRefs } from './missing-keyspaces.ts';
import { parseStatement, type QueryContext } from './statement-parser.ts';

// Parsed statements, kept by their text and query context as the Query service keeps the plans
// it has prepared: a handler that runs the same statement once per mutation parses it once. A
// parsed statement is never changed by running it, so one copy serves every run.

/** A statement ready to run, with every keyspace it names (subqueries included). */
export interface PreparedStatement {
  statement: Statement;
  keyspaces: readonly KeyspaceRef[];
}

/** Enough for the distinct statements of many functions; the oldest goes first past it. */
const MAX_PREPARED = 512;

const prepared = new Map<string, PreparedStatement>();

/**
 * Parses a statement, or returns the parse of the same text in the same query context. Throws
 * what parseStatement throws; a statement that fails is not kept.
 *
 * @example
 * prepareStatement('SELECT RAW name FROM users USE KEYS $key').statement.kind; // 'select'
 */
export function prepareStatement(source: string, queryContext?: QueryContext): PreparedStatement {
  const key = queryContext
    ? `${queryContext.bucket}.${queryContext.scope}:${source}`
    : `:${source}`;
  const known = prepared.get(key);
  if (known) return known;
  const statement = parseStatement(source, queryContext);
  const entry = { statement, keyspaces: keyspaceRefs(statement) };
  if (prepared.size >= MAX_PREPARED) prepared.delete(prepared.keys().next().value as string);
  prepared.set(key, entry);
  return entry;
}
