import { createBucketRoutes } from './cluster-manager/buckets.ts';
import { createCollectionsRoutes } from './cluster-manager/collections.ts';
import { createPoolsRoutes, type NodeAddress } from './cluster-manager/pools.ts';
import { binaryRoutes } from './data-api/binary-routes.ts';
import { documentRoutes } from './data-api/document-routes.ts';
import { queryRoutes } from './query/query-routes.ts';
import { ROUTES } from './route-table.ts';
import type { Route } from './router.ts';

// Every face serve answers on one port, as the services of a one-node cluster: the Data API,
// the Query service's endpoint, the cluster manager's endpoints, and Couchbase's Eventing REST API both on its own port's
// paths and under `/_p/event/`, where the cluster manager (port 8091) forwards it.

/** The prefix under which the cluster manager forwards requests to the Eventing service. */
export const EVENTING_PROXY_PREFIX = '/_p/event';

/** The routes of serve for the node at `address()`. */
export function createServiceRoutes(address: () => NodeAddress): Route[] {
  return [
    ...documentRoutes,
    ...binaryRoutes,
    ...queryRoutes,
    ...createPoolsRoutes(address),
    ...createBucketRoutes(address),
    ...createCollectionsRoutes(),
    ...ROUTES,
    ...underPrefix(EVENTING_PROXY_PREFIX, ROUTES),
  ];
}

/** The same routes, answered under `prefix` as well. */
function underPrefix(prefix: string, routes: readonly Route[]): Route[] {
  return routes.map((route) => {
    const { source, flags } = route.pattern;
    if (!source.startsWith('^')) throw new Error(`route ${source} is not anchored`);
    return { ...route, pattern: new RegExp(`^${escapeRegExp(prefix)}${source.slice(1)}`, flags) };
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
