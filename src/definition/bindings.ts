// Readers for the three kinds of binding in `depcfg`. Each reports its problems at JSON paths
// like `depcfg.curl[0].hostname`, records its alias for the uniqueness check, and returns a
// normalised binding with the server's defaults filled in.
import type { Problem } from '../errors.ts';
import { type AliasUse, readAlias } from './aliases.ts';
import {
  isJsonObject,
  type JsonObject,
  joinPath,
  optionalBoolean,
  optionalString,
  requiredString,
} from './fields.ts';
import { isImpossibleKeyspace } from './keyspace.ts';
import type {
  BucketAccess,
  BucketBinding,
  ConstantBinding,
  UrlAuthType,
  UrlBinding,
} from './types.ts';

const DEFAULT = '_default';
const WILDCARD = '*';
const AUTH_TYPES: readonly string[] = ['no-auth', 'basic', 'bearer', 'digest'];

/** The object at `path`, or `undefined` after reporting that it is not one. */
function bindingObject(raw: unknown, path: string, problems: Problem[]): JsonObject | undefined {
  if (isJsonObject(raw)) return raw;
  problems.push({ path, message: 'must be an object' });
  return undefined;
}

function recordAlias(alias: string | undefined, path: string, aliases: AliasUse[]): string {
  if (alias !== undefined) aliases.push({ alias, path });
  return alias ?? '';
}

/**
 * A wildcard scope covers every collection, so naming one collection under it means nothing;
 * Couchbase refuses that combination for source keyspaces and bindings alike.
 */
export function checkWildcardScope(
  scope: { key: string; value: string },
  collection: { path: string; value: string },
  problems: Problem[],
): void {
  if (scope.value === WILDCARD && collection.value !== WILDCARD) {
    problems.push({ path: collection.path, message: `must be "*" when ${scope.key} is "*"` });
  }
}

/**
 * A named scope has no `_default` collection, and Couchbase cannot create one: the server
 * refuses to deploy a function naming it (ERR_COLLECTION_MISSING, "keyspace … doesn't exist").
 */
export function checkPossibleCollection(
  scope: string,
  collection: { path: string; value: string },
  problems: Problem[],
): void {
  if (!isImpossibleKeyspace({ scope, collection: collection.value })) return;
  problems.push({
    path: collection.path,
    message: `scope "${scope}" has no _default collection (only the _default scope has one); name a collection of the scope`,
  });
}

/** Names Couchbase can give: buckets (at most 100 characters) and scopes and collections. */
const NAME_RULES = {
  bucket: {
    pattern: /^[A-Za-z0-9._%-]{1,100}$/,
    text: 'at most 100 of A-Z, a-z, 0-9, _, ., - and %',
  },
  scope: { pattern: /^[A-Za-z0-9_%-]{1,251}$/, text: 'at most 251 of A-Z, a-z, 0-9, _, - and %' },
  collection: {
    pattern: /^[A-Za-z0-9_%-]{1,251}$/,
    text: 'at most 251 of A-Z, a-z, 0-9, _, - and %',
  },
} as const;

/**
 * A bucket, scope or collection name Couchbase cannot create never exists, and the server
 * refuses to deploy a function naming it (ERR_BUCKET_MISSING / ERR_COLLECTION_MISSING).
 */
export function checkKeyspaceNames(
  parts: ReadonlyArray<{ kind: keyof typeof NAME_RULES; path: string; value: string | undefined }>,
  problems: Problem[],
): void {
  for (const { kind, path, value } of parts) {
    if (value === undefined || value === '' || value === WILDCARD) continue;
    const rule = NAME_RULES[kind];
    if (rule.pattern.test(value)) continue;
    problems.push({
      path,
      message: `no ${kind} can be named "${value}": Couchbase ${kind} names have ${rule.text}`,
    });
  }
}

function readAccess(obj: JsonObject, path: string, problems: Problem[]): BucketAccess {
  const access = obj.access;
  // 8.x's default; 7.x defaulted a binding of the source bucket to "r".
  if (access === undefined || access === '') return 'rw';
  if (access === 'r' || access === 'rw') return access;
  // fidelity: 8.x silently turns any other value into "rw"; a typo here should not grant writes.
  problems.push({ path: joinPath(path, 'access'), message: 'must be "r" or "rw"' });
  return 'rw';
}

/** Reads `depcfg.buckets[i]`. */
export function readBucketBinding(
  raw: unknown,
  path: string,
  problems: Problem[],
  aliases: AliasUse[],
): BucketBinding | undefined {
  const obj = bindingObject(raw, path, problems);
  if (!obj) return undefined;
  const alias = recordAlias(readAlias(obj, 'alias', path, problems), `${path}.alias`, aliases);
  const bucket_name = requiredString(obj, 'bucket_name', path, problems) ?? '';
  const scope_name = optionalString(obj, 'scope_name', path, problems, DEFAULT);
  const collection_name = optionalString(obj, 'collection_name', path, problems, DEFAULT);
  checkWildcardScope(
    { key: 'scope_name', value: scope_name },
    { path: `${path}.collection_name`, value: collection_name },
    problems,
  );
  checkKeyspaceNames(
    [
      { kind: 'bucket', path: `${path}.bucket_name`, value: bucket_name },
      { kind: 'scope', path: `${path}.scope_name`, value: scope_name },
      { kind: 'collection', path: `${path}.collection_name`, value: collection_name },
    ],
    problems,
  );
  checkPossibleCollection(
    scope_name,
    { path: `${path}.collection_name`, value: collection_name },
    problems,
  );
  const access = readAccess(obj, path, problems);
  return { alias, bucket_name, scope_name, collection_name, access };
}

function readHostname(obj: JsonObject, path: string, problems: Problem[]): string {
  const hostname = requiredString(obj, 'hostname', path, problems);
  if (hostname === undefined) return '';
  const at = `${path}.hostname`;
  if (!hostname.startsWith('http://') && !hostname.startsWith('https://')) {
    problems.push({
      path: at,
      message:
        'URL starts with invalid scheme type. Please ensure URL starts with http:// or https://',
    });
  } else if (!URL.canParse(hostname)) {
    problems.push({ path: at, message: 'must be a valid URL' });
  }
  return hostname;
}

function readAuthType(obj: JsonObject, path: string, problems: Problem[]): UrlAuthType {
  const auth = obj.auth_type;
  const at = `${path}.auth_type`;
  if (auth === undefined) problems.push({ path: at, message: 'is required' });
  else if (typeof auth === 'string' && AUTH_TYPES.includes(auth)) return auth as UrlAuthType;
  else problems.push({ path: at, message: 'Invalid auth type' });
  return 'no-auth';
}

/** A credential the auth type needs is required; others are optional strings. */
function readSecret(
  obj: JsonObject,
  key: string,
  needed: boolean,
  path: string,
  problems: Problem[],
): string {
  if (needed) return requiredString(obj, key, path, problems) ?? '';
  return optionalString(obj, key, path, problems, '');
}

/** Reads `depcfg.curl[i]`. */
export function readUrlBinding(
  raw: unknown,
  path: string,
  problems: Problem[],
  aliases: AliasUse[],
): UrlBinding | undefined {
  const obj = bindingObject(raw, path, problems);
  if (!obj) return undefined;
  const hostname = readHostname(obj, path, problems);
  const value = recordAlias(readAlias(obj, 'value', path, problems), `${path}.value`, aliases);
  const auth_type = readAuthType(obj, path, problems);
  const userAndPassword = auth_type === 'basic' || auth_type === 'digest';
  return {
    hostname,
    value,
    auth_type,
    username: readSecret(obj, 'username', userAndPassword, path, problems),
    password: readSecret(obj, 'password', userAndPassword, path, problems),
    bearer_key: readSecret(obj, 'bearer_key', auth_type === 'bearer', path, problems),
    allow_cookies: optionalBoolean(obj, 'allow_cookies', path, problems, false),
    validate_ssl_certificate: optionalBoolean(
      obj,
      'validate_ssl_certificate',
      path,
      problems,
      false,
    ),
  };
}

/** Reads `depcfg.constants[i]`. */
export function readConstantBinding(
  raw: unknown,
  path: string,
  problems: Problem[],
  aliases: AliasUse[],
): ConstantBinding | undefined {
  const obj = bindingObject(raw, path, problems);
  if (!obj) return undefined;
  const value = recordAlias(readAlias(obj, 'value', path, problems), `${path}.value`, aliases);
  const literal = requiredString(obj, 'literal', path, problems) ?? '';
  return { value, literal };
}
