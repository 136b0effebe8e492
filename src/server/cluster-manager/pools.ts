import { randomBytes } from 'node:crypto';
import type { Reply } from '../reply.ts';
import type { Route } from '../router.ts';

// The cluster manager's discovery endpoints, as ns_server answers them on port 8091: GET /pools,
// /pools/default and /pools/default/nodeServices. Clients such as couchbase-cli read the
// version from the first two and find each service's port in the third; serve is a one-node
// cluster whose every service answers on serve's own port.

/** Where this node answers, known once serve listens. */
export interface NodeAddress {
  /** The port of the Eventing REST API (and of every other service serve answers). */
  readonly servicePort: number;
  /** The cluster manager's port, when serve listens on one (`--cluster-port`). */
  readonly clusterPort?: number | undefined;
  /** Whether serve answers over TLS only. */
  readonly tls: boolean;
}

/** The Couchbase Server release serve behaves as, in ns_server's `implementationVersion` form. */
// fidelity: the build number is 0000; the release is the one whose REST rules serve follows.
export const IMPLEMENTATION_VERSION = '8.0.1-0000-enterprise';

/** The services serve's one node runs, in ns_server's names. */
const NODE_SERVICES = ['eventing', 'kv', 'n1ql'];

/** ns_server's answers carry no Eventing `status` header. */
function clusterJson(body: unknown): Reply {
  return { kind: 'json', httpStatus: 200, statusCode: -1, body };
}

/** The routes of the cluster manager's discovery endpoints for the node at `address()`. */
export function createPoolsRoutes(address: () => NodeAddress): Route[] {
  const uuid = randomBytes(16).toString('hex');
  return [
    { pattern: /^\/pools\/?$/, methods: { GET: () => clusterJson(poolsBody(uuid)) } },
    {
      pattern: /^\/pools\/default\/?$/,
      methods: { GET: () => clusterJson(poolDefaultBody(uuid, address())) },
    },
    {
      pattern: /^\/pools\/default\/nodeServices\/?$/,
      methods: { GET: () => clusterJson(nodeServicesBody(address())) },
    },
  ];
}

function poolsBody(uuid: string) {
  return {
    // fidelity: one administrator and no RBAC (see auth.ts): whoever gets in is an admin.
    isAdminCreds: true,
    isROAdminCreds: false,
    isEnterprise: true,
    prod: 'server',
    prodName: 'Couchbase Server',
    configProfile: 'default',
    allowedServices: NODE_SERVICES,
    isDeveloperPreview: false,
    packageVariant: '',
    pools: [
      {
        name: 'default',
        uri: `/pools/default?uuid=${uuid}`,
        streamingUri: `/poolsStreaming/default?uuid=${uuid}`,
      },
    ],
    settings: {
      maxParallelIndexers: `/settings/maxParallelIndexers?uuid=${uuid}`,
      viewUpdateDaemon: `/settings/viewUpdateDaemon?uuid=${uuid}`,
    },
    uuid,
    implementationVersion: IMPLEMENTATION_VERSION,
    componentsVersion: { ns_server: IMPLEMENTATION_VERSION },
  };
}

function managementPort(address: NodeAddress): number {
  return address.clusterPort ?? address.servicePort;
}

/** serve's one node as the cluster manager describes it in /pools/default and in buckets. */
export function nodeInfo(address: NodeAddress) {
  const mgmt = managementPort(address);
  return {
    hostname: `127.0.0.1:${mgmt}`,
    thisNode: true,
    clusterMembership: 'active',
    recoveryType: 'none',
    status: 'healthy',
    otpNode: 'ns_1@127.0.0.1',
    version: IMPLEMENTATION_VERSION,
    os: process.platform,
    services: NODE_SERVICES,
    ports: { httpsMgmt: address.tls ? mgmt : 18091, distTCP: 21100, distTLS: 21150 },
  };
}

function poolDefaultBody(uuid: string, address: NodeAddress) {
  return {
    name: 'default',
    nodes: [{ ...nodeInfo(address), nodeUUID: uuid }],
    buckets: { uri: `/pools/default/buckets?uuid=${uuid}` },
    nodeServicesUri: '/pools/default/nodeServices',
    clusterName: 'eventing-dev',
    balanced: true,
    rebalanceStatus: 'none',
  };
}

/**
 * `nodesExt` of a single node without `hostname`, so that clients keep using the host they
 * connected to (couchbase-cli does so for one-node clusters). The ports are those of the
 * scheme serve answers on: `eventingAdminPort`, `mgmt` and `n1ql` over HTTP, their `…SSL`
 * counterparts over TLS.
 */
function nodeServicesBody(address: NodeAddress) {
  const mgmt = managementPort(address);
  const service = address.servicePort;
  const services = address.tls
    ? { mgmtSSL: mgmt, eventingSSL: service, n1qlSSL: service }
    : { mgmt, eventingAdminPort: service, n1ql: service };
  return {
    rev: 1,
    revEpoch: 1,
    nodesExt: [{ services, thisNode: true }],
    clusterCapabilitiesVer: [1, 0],
    clusterCapabilities: {},
  };
}
