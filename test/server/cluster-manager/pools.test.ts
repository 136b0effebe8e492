import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { ADMIN, definition, expectError, expectOk, serve } from '../serve-harness.ts';

// The cluster manager's discovery endpoints as serve answers them: the fields clients read
// (couchbase-cli, SDK bootstrap), the Eventing REST API under the cluster manager's /_p/event/
// prefix, and the cluster manager's own port.

const certificate = {
  cert: readFileSync(new URL('../fixtures/localhost-cert.pem', import.meta.url)),
  key: readFileSync(new URL('../fixtures/localhost-key.pem', import.meta.url)),
};

describe('GET /pools', () => {
  it('names the default pool and the server version as ns_server does, with no status header', async () => {
    const h = await serve();
    const answer = await h.call('GET', '/pools');
    expect(answer.status).toBe(200);
    expect(answer.headers.status).toBeUndefined();
    const body = answer.json() as Record<string, unknown>;
    expect(body).toMatchObject({
      isAdminCreds: true,
      isEnterprise: true,
      pools: [{ name: 'default', uri: expect.stringMatching(/^\/pools\/default\?uuid=\w+$/) }],
      implementationVersion: expect.stringMatching(/^8\.0\.\d+-\d{4}-enterprise$/),
    });
  });

  it('asks for credentials, as an initialised cluster does', async () => {
    const h = await serve();
    for (const path of ['/pools', '/pools/default', '/pools/default/nodeServices']) {
      const answer = await h.call('GET', path, { authorization: null });
      expect({ path, status: answer.status }).toEqual({ path, status: 401 });
    }
  });

  it('answers other methods with 405', async () => {
    const h = await serve();
    expect((await h.call('POST', '/pools')).status).toBe(405);
  });
});

describe('GET /pools/default', () => {
  it('lists one active node with its version and services', async () => {
    const h = await serve();
    const body = (await h.call('GET', '/pools/default')).json() as {
      name: string;
      nodes: Array<Record<string, unknown>>;
    };
    expect(body.name).toBe('default');
    expect(body.nodes).toHaveLength(1);
    expect(body.nodes[0]).toMatchObject({
      thisNode: true,
      clusterMembership: 'active',
      status: 'healthy',
      version: expect.stringMatching(/^8\.0\.\d+-\d{4}-enterprise$/),
      services: expect.arrayContaining(['eventing']),
    });
  });
});

describe('GET /pools/default/nodeServices', () => {
  it("gives serve's port as eventingAdminPort and mgmt, and no hostname", async () => {
    const h = await serve();
    const body = (await h.call('GET', '/pools/default/nodeServices')).json() as {
      nodesExt: Array<{ hostname?: string; services: Record<string, number>; thisNode: boolean }>;
    };
    expect(body.nodesExt).toEqual([
      {
        services: { mgmt: h.running.port, eventingAdminPort: h.running.port, n1ql: h.running.port },
        thisNode: true,
      },
    ]);
  });

  it('gives the TLS ports, eventingSSL and mgmtSSL, when serving TLS', async () => {
    const h = await serve({ tls: certificate });
    const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
    const response = await request(`${h.running.url}/pools/default/nodeServices`, {
      headers: { authorization: ADMIN },
      dispatcher,
    });
    const body = (await response.body.json()) as { nodesExt: Array<{ services: unknown }> };
    await dispatcher.close();
    expect(body.nodesExt[0]?.services).toEqual({
      mgmtSSL: h.running.port,
      eventingSSL: h.running.port,
      n1qlSSL: h.running.port,
    });
  });

  it("gives the cluster manager's port as mgmt when serve listens on one", async () => {
    const h = await serve({ clusterPort: 0 });
    const clusterPort = h.running.clusterPort as number;
    expect(clusterPort).toBeGreaterThan(0);
    const response = await request(`http://127.0.0.1:${clusterPort}/pools/default/nodeServices`, {
      headers: { authorization: ADMIN },
    });
    const body = (await response.body.json()) as { nodesExt: Array<{ services: unknown }> };
    expect(body.nodesExt[0]?.services).toEqual({
      mgmt: clusterPort,
      eventingAdminPort: h.running.port,
      n1ql: h.running.port,
    });
  });
});

describe('the Eventing REST API under /_p/event/', () => {
  it('answers every route there as well, as the cluster manager forwards them', async () => {
    const h = await serve();
    expectOk(await h.call('POST', '/_p/event/api/v1/functions/fn1', { body: definition('fn1') }));
    const fetched = expectOk(await h.call('GET', '/_p/event/api/v1/functions/fn1')) as {
      appname: string;
    };
    expect(fetched.appname).toBe('fn1');
    expect(expectOk(await h.call('GET', '/api/v1/functions/fn1'))).toEqual(fetched);
    expectError(await h.call('GET', '/_p/event/api/v1/functions/nope'), {
      http: 404,
      name: 'ERR_APP_NOT_FOUND_TS',
      code: 13,
    });
    expect((await h.call('GET', '/_p/event/pools')).status).toBe(404);
  });
});
