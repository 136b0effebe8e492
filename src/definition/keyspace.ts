// Keyspaces as people type them (CLI flags, config files): `bucket` or `bucket.scope.collection`.
// Bucket names may contain dots, so a part can be quoted with backticks as in SQL++.
import { EventingDevError } from '../errors.ts';

/** A bucket, scope and collection. In a pattern, scope and collection may be `*`. */
export interface Keyspace {
  bucket: string;
  scope: string;
  collection: string;
}

const WILDCARD = '*';
const DEFAULT = '_default';

const KEYSPACE_HINT =
  'Write a keyspace as `bucket` (meaning bucket._default._default) or `bucket.scope.collection`; ' +
  'quote a part that contains a dot with backticks, e.g. `my.bucket`.scope.collection.';

function invalid(text: string, reason: string): EventingDevError {
  return new EventingDevError('KEYSPACE_INVALID', `Invalid keyspace "${text}": ${reason}`, {
    hint: KEYSPACE_HINT,
  });
}

/** Splits on dots outside backticks; returns the reason as a string when it cannot. */
function splitParts(text: string): string[] | string {
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    let part: string;
    if (text[at] === '`') {
      const close = text.indexOf('`', at + 1);
      if (close < 0) return 'unclosed backtick';
      part = text.slice(at + 1, close);
      at = close + 1;
      if (at < text.length && text[at] !== '.') return 'a quoted part must end at a dot';
    } else {
      const dot = text.indexOf('.', at);
      const end = dot < 0 ? text.length : dot;
      part = text.slice(at, end);
      if (part.includes('`')) return 'a backtick may only open or close a whole part';
      at = end;
    }
    if (part === '') return 'empty part';
    parts.push(part);
    if (at >= text.length) return parts;
    at += 1; // the dot
    if (at >= text.length) return 'empty part';
  }
}

/**
 * Parses `bucket` (the default collection) or `bucket.scope.collection`; any part may be quoted
 * with backticks. Throws `KEYSPACE_INVALID` for anything else.
 *
 * @example
 * parseKeyspace('travel'); // { bucket: 'travel', scope: '_default', collection: '_default' }
 * parseKeyspace('`my.bucket`.inventory.hotels'); // { bucket: 'my.bucket', scope: 'inventory', collection: 'hotels' }
 */
export function parseKeyspace(text: string): Keyspace {
  const parts = splitParts(text);
  if (typeof parts === 'string') throw invalid(text, parts);
  const [bucket, scope, collection] = parts;
  if (parts.length === 1 && bucket !== undefined) {
    return { bucket, scope: DEFAULT, collection: DEFAULT };
  }
  if (
    parts.length === 3 &&
    bucket !== undefined &&
    scope !== undefined &&
    collection !== undefined
  ) {
    return { bucket, scope, collection };
  }
  throw invalid(text, `expected 1 or 3 parts, got ${parts.length}`);
}

function formatPart(part: string): string {
  return part.includes('.') ? `\`${part}\`` : part;
}

/**
 * Formats a keyspace as `bucket.scope.collection`, quoting parts that contain a dot so the text
 * parses back to the same keyspace.
 *
 * @example
 * formatKeyspace({ bucket: 'src', scope: '_default', collection: '_default' }); // 'src._default._default'
 */
export function formatKeyspace(keyspace: Keyspace): string {
  return [keyspace.bucket, keyspace.scope, keyspace.collection].map(formatPart).join('.');
}

/**
 * True when `keyspace` falls under `pattern`, where any part of the pattern may be `*`.
 *
 * @example
 * keyspaceMatches({ bucket: 'b', scope: '*', collection: '*' }, parseKeyspace('b.s.c')); // true
 */
export function keyspaceMatches(pattern: Keyspace, keyspace: Keyspace): boolean {
  const part = (want: string, got: string) => want === WILDCARD || want === got;
  return (
    part(pattern.bucket, keyspace.bucket) &&
    part(pattern.scope, keyspace.scope) &&
    part(pattern.collection, keyspace.collection)
  );
}

/**
 * Couchbase has a `_default` collection only in the `_default` scope, and no other collection
 * name may start with `_`: a named scope's `_default` collection can never exist.
 *
 * @example
 * isImpossibleKeyspace({ scope: 'sales', collection: '_default' }); // true
 */
export function isImpossibleKeyspace(keyspace: { scope?: string; collection?: string }): boolean {
  const { scope, collection } = keyspace;
  return collection === DEFAULT && scope !== undefined && scope !== DEFAULT && scope !== WILDCARD;
}
