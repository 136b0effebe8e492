import { isImpossibleKeyspace, type Keyspace } from '../definition/keyspace.ts';
import { EventingDevError } from '../errors.ts';

// Which buckets, scopes and collections exist in the emulated cluster. On a cluster they are
// created by an administrator, and a handler's KV operation on one that does not exist fails
// (the client library's LCB_ERR_SCOPE_NOT_FOUND / LCB_ERR_COLLECTION_NOT_FOUND). Here a keyspace
// exists once something names it outside handler code: a function definition (the server
// refuses to deploy one whose keyspaces are missing), a document written by a test or restored,
// the `keyspaces` option, `em.createKeyspace()`, or the local service's collections API.

const DEFAULT = '_default';
const WILDCARD = '*';

/** A bucket, a scope of a bucket, or a collection of a scope, to create or drop. */
export interface KeyspacePath {
  bucket: string;
  scope?: string;
  collection?: string;
}

/** The part of a keyspace that does not exist, the outermost first. */
export type MissingPart = 'bucket' | 'scope' | 'collection';

/** One bucket as the catalogue lists it: scopes and collections sorted by name. */
export interface CatalogueBucket {
  name: string;
  scopes: Array<{ name: string; collections: string[] }>;
}

export interface KeyspaceCatalogue {
  /**
   * Creates whatever of `path` does not exist yet. A new bucket comes with its `_default`
   * scope and collection; a `*` part stops the path there (`b.*.*` creates bucket `b` only).
   * @throws EventingDevError `KEYSPACE_INVALID` for a form Couchbase cannot create: a
   *   `_default` collection in a named scope.
   */
  create(path: KeyspacePath): void;
  /** The outermost part of `keyspace` that does not exist, or undefined when it all does. */
  missing(keyspace: Keyspace): MissingPart | undefined;
  /**
   * Drops a bucket, a scope (with its collections) or a collection, and the documents they
   * hold; true when there was one. The `_default` scope cannot be dropped, as on the server. A
   * keyspace still named by a function definition exists again at the next look.
   */
  drop(path: KeyspacePath): boolean;
  /** Every bucket with its scopes and collections, sorted by name. */
  buckets(): CatalogueBucket[];
  /** Forgets what existed only because it was named (for a reset); created keyspaces stay. */
  forgetNamed(): void;
}

export interface KeyspaceCatalogueOptions {
  /**
   * Keyspaces that exist because something else names them: function definitions, stored
   * documents. Consulted when a keyspace is not known yet, and remembered until forgetNamed.
   */
  named?: () => Iterable<Keyspace>;
  /** Called with what was dropped, for its documents to go with it. */
  dropped?: (path: KeyspacePath) => void;
  /** Called with each collection a create makes exist, for the store to keep it. */
  created?: (keyspace: Keyspace) => void;
}

/** Buckets to scopes to collections. */
type Tree = Map<string, Map<string, Set<string>>>;

/**
 * The emulated cluster's buckets, scopes and collections.
 *
 * @example
 * const catalogue = createKeyspaceCatalogue();
 * catalogue.create({ bucket: 'shop', scope: 'sales', collection: 'orders' });
 * catalogue.missing({ bucket: 'shop', scope: 'sales', collection: 'refunds' }); // 'collection'
 */
export function createKeyspaceCatalogue(options: KeyspaceCatalogueOptions = {}): KeyspaceCatalogue {
  const created: Tree = new Map();
  let remembered: Tree = new Map();

  const find = (keyspace: Keyspace): MissingPart | undefined => {
    const inCreated = findIn(created, keyspace);
    if (inCreated === undefined) return undefined;
    const inRemembered = findIn(remembered, keyspace);
    if (inRemembered === undefined) return undefined;
    return PARTS[Math.max(PARTS.indexOf(inCreated), PARTS.indexOf(inRemembered))];
  };

  const absorbNamed = (): void => {
    for (const keyspace of options.named?.() ?? []) {
      if (keyspace.bucket !== WILDCARD && !isImpossibleKeyspace(keyspace)) {
        addTo(remembered, keyspace);
      }
    }
  };

  return {
    create(path) {
      if (isImpossibleKeyspace(path)) {
        throw new EventingDevError(
          'KEYSPACE_INVALID',
          `Cannot create ${describe(path)}: the _default collection exists only in the _default scope`,
          {
            hint: 'Name a collection of the _default scope, or a named collection of a named scope.',
          },
        );
      }
      addTo(created, path);
      const collection = path.scope === undefined ? DEFAULT : path.collection;
      if (collection !== undefined && collection !== WILDCARD && path.scope !== WILDCARD) {
        options.created?.({ bucket: path.bucket, scope: path.scope ?? DEFAULT, collection });
      }
    },
    missing(keyspace) {
      if (find(keyspace) === undefined) return undefined;
      absorbNamed();
      return find(keyspace);
    },
    drop(path) {
      absorbNamed();
      const fromCreated = dropFrom(created, path);
      const fromRemembered = dropFrom(remembered, path);
      if (!fromCreated && !fromRemembered) return false;
      options.dropped?.(path);
      return true;
    },
    buckets() {
      absorbNamed();
      const merged: Tree = new Map();
      for (const tree of [created, remembered]) {
        for (const [bucket, scopes] of tree) {
          addTo(merged, { bucket });
          for (const [scope, collections] of scopes) {
            addTo(merged, { bucket, scope });
            for (const collection of collections) addTo(merged, { bucket, scope, collection });
          }
        }
      }
      return listOf(merged);
    },
    forgetNamed() {
      remembered = new Map();
    },
  };
}

const PARTS: readonly MissingPart[] = ['bucket', 'scope', 'collection'];

function findIn(tree: Tree, keyspace: Keyspace): MissingPart | undefined {
  const scopes = tree.get(keyspace.bucket);
  if (!scopes) return 'bucket';
  const collections = scopes.get(keyspace.scope);
  if (!collections) return 'scope';
  return collections.has(keyspace.collection) ? undefined : 'collection';
}

function addTo(tree: Tree, path: KeyspacePath): void {
  let scopes = tree.get(path.bucket);
  if (!scopes) {
    scopes = new Map([[DEFAULT, new Set([DEFAULT])]]);
    tree.set(path.bucket, scopes);
  }
  if (path.scope === undefined || path.scope === WILDCARD) return;
  let collections = scopes.get(path.scope);
  if (!collections) {
    collections = new Set();
    scopes.set(path.scope, collections);
  }
  if (path.collection === undefined || path.collection === WILDCARD) return;
  collections.add(path.collection);
}

function dropFrom(tree: Tree, path: KeyspacePath): boolean {
  const scopes = tree.get(path.bucket);
  if (!scopes) return false;
  if (path.scope === undefined) return tree.delete(path.bucket);
  if (path.collection === undefined) return path.scope !== DEFAULT && scopes.delete(path.scope);
  return scopes.get(path.scope)?.delete(path.collection) ?? false;
}

function listOf(tree: Tree): CatalogueBucket[] {
  const byName = <T>(entries: Iterable<[string, T]>) =>
    [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return byName(tree).map(([name, scopes]) => ({
    name,
    scopes: byName(scopes).map(([scope, collections]) => ({
      name: scope,
      collections: [...collections].sort(),
    })),
  }));
}

function describe(path: KeyspacePath): string {
  return [path.bucket, path.scope, path.collection].filter((part) => part !== undefined).join('.');
}
