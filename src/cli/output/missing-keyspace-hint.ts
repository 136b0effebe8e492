import type { Keyspace } from '../../definition/keyspace.ts';

// What to do when the Data API (or, for `doc ls`, the Query service) answers that a keyspace's
// bucket, scope or collection does not exist: the cluster manager's REST calls that create it,
// on serve or on a cluster alike.

const MISSING_PART: Record<string, 'bucket' | 'scope' | 'collection' | 'keyspace'> = {
  BucketNotFound: 'bucket',
  ScopeNotFound: 'scope',
  CollectionNotFound: 'collection',
  // The Query service's "Keyspace not found" (`doc ls`) does not say which part is missing.
  '12003': 'keyspace',
};

/**
 * The hint lines for a Data API error named `errorName` about `keyspace`, or nothing when the
 * error is about something else.
 *
 * @example
 * missingKeyspaceHint('CollectionNotFound', parseKeyspace('shop.sales.orders'), 'http://127.0.0.1:8096', 'Administrator');
 * // ['hint: create it first: curl -u Administrator -X POST http://127.0.0.1:8096/pools/default/buckets/shop/scopes/sales/collections -d name=orders', ...]
 */
export function missingKeyspaceHint(
  errorName: string,
  keyspace: Keyspace,
  base: string,
  username: string,
): string[] {
  const missing = MISSING_PART[errorName];
  if (!missing) return [];
  const post = (path: string, form: string) =>
    `curl -u ${username} -X POST ${base.replace(/\/+$/, '')}/pools/default/buckets${path} ${form}`;
  const bucket = encodeURIComponent(keyspace.bucket);
  const scope = encodeURIComponent(keyspace.scope);
  const steps: string[] = [];
  if (missing === 'bucket' || missing === 'keyspace')
    steps.push(post('', `-d name=${keyspace.bucket} -d ramQuota=100`));
  if (missing !== 'collection' && keyspace.scope !== '_default') {
    steps.push(post(`/${bucket}/scopes`, `-d name=${keyspace.scope}`));
  }
  if (keyspace.collection !== '_default') {
    steps.push(post(`/${bucket}/scopes/${scope}/collections`, `-d name=${keyspace.collection}`));
  }
  return [
    missing === 'keyspace'
      ? 'hint: create what is missing of it first (a function whose source it is makes it exist too):'
      : `hint: create the ${missing} first (a function whose source it is makes it exist too):`,
    ...steps.map((step) => `  ${step}`),
  ];
}
