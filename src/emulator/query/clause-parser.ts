import type { Keyspace } from '../../definition/keyspace.ts';
import type { Expression, KeyspaceRef, Projection, ResultTerm } from './ast.ts';
import { parseExpression } from './expression-parser.ts';
import type { Token } from './lexer.ts';
import { QUERY_ERROR_CODE, QueryError } from './query-error.ts';
import type { TokenCursor } from './token-cursor.ts';

// Clauses shared by SELECT and the DML statements: the keyspace reference, USE KEYS and the
// projection (SELECT's list and RETURNING's).

const DEFAULT_NAMESPACE = 'default';
const DEFAULT_COLLECTION = '_default';

/**
 * `[namespace:]bucket[.scope.collection] [[AS] alias]`. One part means the bucket's default
 * collection without a query context, and a collection of its scope with one.
 *
 * @example
 * parseKeyspaceRef(new TokenCursor('`travel-sample`.inventory.airline a')).alias; // 'a'
 */
export function parseKeyspaceRef(cursor: TokenCursor): KeyspaceRef {
  const start = cursor.peek();
  const named = start.kind === 'identifier' || start.kind === 'keyword';
  const namespaced = named && cursor.isSymbol(':', 1);
  if (namespaced) parseNamespace(cursor);
  const path = cursor.peek();
  if (!isPathPart(path)) throw fromTermProblem(cursor, path);
  const parts = parsePathParts(cursor);
  const context = namespaced ? undefined : cursor.queryContext;
  const keyspace =
    context && parts.length === 1
      ? { bucket: context.bucket, scope: context.scope, collection: parts[0] as string }
      : toKeyspace(parts, cursor.source.slice(path.at.offset, cursor.peek().at.offset));
  const at = cursor.spanFrom(start.at);
  const alias = parseAlias(cursor) ?? parts[parts.length - 1]!;
  return { keyspace, alias, at };
}

function parsePathParts(cursor: TokenCursor): string[] {
  const parts = [pathPart(cursor)];
  while (parts.length < 3 && cursor.acceptSymbol('.')) parts.push(pathPart(cursor));
  return parts;
}

function parseNamespace(cursor: TokenCursor): void {
  const token = cursor.next();
  cursor.expectSymbol(':');
  const name = token.kind === 'identifier' ? token.name : token.text.toLowerCase();
  if (name === DEFAULT_NAMESPACE) return;
  if (name === 'system') throw cursor.unsupported('system keyspaces', token);
  throw new QueryError(QUERY_ERROR_CODE.keyspaceNotFound, `Namespace not found: ${name}`, {
    position: token.at,
  });
}

/** Identifiers, plus the reserved word DEFAULT, which clusters accept as a bucket name. */
function isPathPart(token: Token): boolean {
  return token.kind === 'identifier' || (token.kind === 'keyword' && token.word === 'DEFAULT');
}

function pathPart(cursor: TokenCursor): string {
  const token = cursor.peek();
  if (!isPathPart(token)) throw cursor.fail();
  cursor.next();
  return token.kind === 'identifier' ? token.name : token.text;
}

function toKeyspace(parts: string[], text: string): Keyspace {
  const [bucket, scope, collection] = parts;
  if (parts.length === 3 && bucket && scope && collection) return { bucket, scope, collection };
  if (parts.length === 1 && bucket) {
    return { bucket, scope: DEFAULT_COLLECTION, collection: DEFAULT_COLLECTION };
  }
  // Two parts name a collection only relative to a query context, which Eventing never sets.
  throw new QueryError(
    QUERY_ERROR_CODE.keyspaceNotFound,
    `Keyspace not found in CB datastore: default:${text.trim()} ` +
      '(write bucket.scope.collection; Eventing runs statements without a query context)',
  );
}

function fromTermProblem(cursor: TokenCursor, token: Token): QueryError {
  if (token.kind === 'symbol' && token.symbol === '(') {
    return cursor.unsupported('subqueries in FROM');
  }
  const expressionStart =
    token.kind === 'string' ||
    token.kind === 'number' ||
    token.kind === 'named-param' ||
    token.kind === 'positional-param' ||
    (token.kind === 'symbol' && (token.symbol === '[' || token.symbol === '{'));
  return expressionStart ? cursor.unsupported('FROM over an expression') : cursor.fail();
}

/** `AS name` or a bare (unreserved or quoted) name. */
export function parseAlias(cursor: TokenCursor): string | undefined {
  if (cursor.acceptKeyword('AS')) return cursor.expectIdentifier();
  return cursor.acceptIdentifier();
}

/** `USE [PRIMARY] KEYS expr`, if present. */
export function parseUseKeys(cursor: TokenCursor): Expression | undefined {
  if (!cursor.isKeyword('USE')) return undefined;
  const use = cursor.next();
  cursor.acceptKeyword('PRIMARY');
  if (cursor.isKeyword('INDEX')) throw cursor.unsupported('USE INDEX', use);
  if (cursor.isKeyword('NL') || cursor.isKeyword('HASH')) {
    throw cursor.unsupported('join hints (USE NL/HASH)', use);
  }
  cursor.expectKeyword('KEYS');
  return parseExpression(cursor);
}

/**
 * A projection: `RAW expr` (or VALUE / ELEMENT), or result terms `*`, `alias.*`,
 * `expr [[AS] name]`.
 */
export function parseProjection(cursor: TokenCursor): Projection {
  if (
    cursor.acceptKeyword('RAW') ||
    cursor.acceptKeyword('VALUE') ||
    cursor.acceptKeyword('ELEMENT')
  ) {
    return { kind: 'raw', expression: parseExpression(cursor) };
  }
  const terms: ResultTerm[] = [];
  do terms.push(parseResultTerm(cursor));
  while (cursor.acceptSymbol(','));
  return { kind: 'terms', terms };
}

function parseResultTerm(cursor: TokenCursor): ResultTerm {
  const start = cursor.peek();
  if (cursor.acceptSymbol('*')) return { kind: 'star', at: cursor.spanFrom(start.at) };
  const expression = parseExpression(cursor);
  if (cursor.isSymbol('.') && cursor.isSymbol('*', 1)) {
    cursor.next();
    cursor.next();
    return { kind: 'path-star', expression, at: cursor.spanFrom(start.at) };
  }
  const as = parseAlias(cursor);
  return { kind: 'term', expression, as, at: cursor.spanFrom(start.at) };
}
