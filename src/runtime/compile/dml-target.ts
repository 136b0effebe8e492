import { isName, isSymbol, isWord, type SqlToken } from './sql-tokens.ts';

/** The statements whose target keyspace the deploy-time guard checks (spec runtime.md §1.7). */
export type DmlKind = 'insert' | 'upsert' | 'delete' | 'update' | 'merge';

/** The keyspace an inline DML statement writes to. */
export interface DmlTarget {
  kind: DmlKind;
  /** `bucket.scope.collection`, names as written without backticks. */
  keyspace: string;
}

/** The word between the keyword and the keyspace, if any. */
const JOINER: Readonly<Record<DmlKind, string | undefined>> = {
  insert: 'into',
  upsert: 'into',
  merge: 'into',
  delete: 'from',
  update: undefined,
};

const DEFAULT = '_default';

/**
 * The target of an `INSERT INTO`, `UPSERT INTO`, `DELETE FROM`, `UPDATE` or `MERGE INTO`
 * statement (leading `(`s allowed), or undefined for any other statement. The server asks the
 * query parser for the keyspace's full name and splits it at the first `:` and `.`s
 * (`application_impl.go` `constructKeyspaceFromN1QL`); we read the same path from the tokens:
 * an optional namespace (`default:`), then one to three names, each a word or a backtick
 * identifier. Missing parts are `_default`: `b` is `b._default._default` and `b.s` is
 * `b.s._default` [inferred: the server's split gives that for a two-part name].
 *
 * fidelity: the server splits the unquoted full name at every `.`, so a backtick name holding
 * a dot (`` `my.bucket` ``) is misread there as bucket `my`, scope `bucket`. We keep it whole.
 *
 * @example
 * dmlTarget(tokenizeSql('UPSERT INTO `travel-sample`.inventory.hotel VALUES ($k, $v)').tokens)
 * // => { kind: 'upsert', keyspace: 'travel-sample.inventory.hotel' }
 */
export function dmlTarget(tokens: readonly SqlToken[]): DmlTarget | undefined {
  let at = 0;
  while (isSymbol(tokens[at], '(')) at++;
  const kind = dmlKind(tokens[at]);
  if (kind === undefined) return undefined;
  at++;
  const joiner = JOINER[kind];
  if (joiner !== undefined) {
    if (!isWord(tokens[at], joiner)) return undefined;
    at++;
  }
  const path = keyspacePath(tokens, at);
  if (path === undefined) return undefined;
  const [bucket, scope = DEFAULT, collection = DEFAULT] = path;
  return { kind, keyspace: `${bucket}.${scope}.${collection}` };
}

function dmlKind(token: SqlToken | undefined): DmlKind | undefined {
  const word = token?.kind === 'word' ? token.text.toLowerCase() : '';
  return Object.hasOwn(JOINER, word) ? (word as DmlKind) : undefined;
}

/** One to three names from `at`, after an optional `namespace:`; undefined if there are none or more. */
function keyspacePath(tokens: readonly SqlToken[], from: number): string[] | undefined {
  let at = from;
  if (isName(tokens[at]) && isSymbol(tokens[at + 1], ':')) at += 2;
  if (!isName(tokens[at])) return undefined;
  const parts = [tokens[at]!.value];
  at++;
  while (isSymbol(tokens[at], '.') && isName(tokens[at + 1])) {
    parts.push(tokens[at + 1]!.value);
    at += 2;
  }
  return parts.length <= 3 ? parts : undefined;
}
