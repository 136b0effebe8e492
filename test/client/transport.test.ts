import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackUrl, normalizeBaseUrl } from '../../src/client/base-url.ts';
import { parseErrorAnswer } from '../../src/client/eventing-api-error.ts';
import { formatLocation, parseLocation } from '../../src/client/function-location.ts';
import { EventingDevError } from '../../src/errors.ts';
import { newClient } from './client-harness.ts';

// Addresses, names and the failures below HTTP: refused connections and silent servers.

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;

describe('normalizeBaseUrl', () => {
  it.each([
    ['cb.example.com', 'http://cb.example.com:8096'],
    ['cb.example.com:9000', 'http://cb.example.com:9000'],
    ['https://cb.example.com', 'https://cb.example.com:18096'],
    ['http://cb.example.com/', 'http://cb.example.com:8096'],
    ['http://cb.example.com:80', 'http://cb.example.com'],
    ['http://node1:8091/_p/event/', 'http://node1:8091/_p/event'],
    ['[::1]:8096', 'http://[::1]:8096'],
  ])('%s → %s', (text, url) => {
    expect(normalizeBaseUrl(text)).toBe(url);
  });

  it.each([
    ['ftp://cb.example.com', 'uses ftp:, not http: or https:'],
    ['http://admin:secret@cb.example.com', 'The cluster URL must not hold credentials'],
    ['http://cb.example.com/?x=1', 'has a query or fragment'],
    ['http://', 'is not a cluster URL'],
  ])('refuses %s', (text, message) => {
    const error = (() => {
      try {
        normalizeBaseUrl(text);
      } catch (e) {
        return e as EventingDevError;
      }
    })();
    expect(error?.code).toBe('CONFIG_INVALID');
    expect(error?.message).toContain(message);
    expect(error?.message).not.toContain('secret');
  });

  it('knows loopback addresses', () => {
    expect(isLoopbackUrl('http://127.0.0.1:8096')).toBe(true);
    expect(isLoopbackUrl('http://localhost:8096')).toBe(true);
    expect(isLoopbackUrl('http://cb.example.com:8096')).toBe(false);
  });
});

describe('function locations', () => {
  it('reads name and bucket/scope/name, and writes them back', () => {
    expect(parseLocation('fn1')).toEqual({ name: 'fn1' });
    const scoped = parseLocation('travel/inventory/fn1');
    expect(scoped).toEqual({ name: 'fn1', scope: { bucket: 'travel', scope: 'inventory' } });
    expect(formatLocation(scoped)).toBe('travel/inventory/fn1');
    expect(formatLocation({ name: 'fn1', scope: { bucket: '*', scope: '*' } })).toBe('fn1');
    expect(() => parseLocation('a/b')).toThrow('"a/b" is not a function name');
  });
});

describe('parseErrorAnswer', () => {
  it('joins a 7.x list of per-function results into one message', () => {
    const error = parseErrorAnswer(
      400,
      JSON.stringify({
        name: 'ERR_INVALID_REQUEST',
        code: 63,
        description: [
          { code: 20, info: 'fn1 is deployed' },
          { code: 38, info: 'fn2 is invalid' },
        ],
      }),
      { method: 'POST', path: '/api/v1/import' },
    );
    expect(error.message).toBe('fn1 is deployed; fn2 is invalid');
  });

  it('names answers that are not envelopes HTTP_<status>', () => {
    const error = parseErrorAnswer(404, '404 page not found\n', { method: 'GET', path: '/x' });
    expect([error.name, error.code, error.message]).toEqual(['HTTP_404', -1, '404 page not found']);
    const empty = parseErrorAnswer(500, '', { method: 'GET', path: '/x' });
    expect(empty.message).toBe('HTTP 500 from GET /x');
  });

  it("reads the Data API's and the Query service's error bodies", () => {
    const data = parseErrorAnswer(
      404,
      JSON.stringify({ code: 'DocumentNotFound', message: "Document 'k' not found in 'b/s/c'." }),
      { method: 'GET', path: '/v1/buckets/b/scopes/s/collections/c/documents/k' },
    );
    expect([data.name, data.message]).toEqual([
      'DocumentNotFound',
      "Document 'k' not found in 'b/s/c'.",
    ]);
    const query = parseErrorAnswer(
      400,
      JSON.stringify({ status: 'fatal', errors: [{ code: 3000, msg: 'syntax error' }] }),
      { method: 'POST', path: '/query/service' },
    );
    expect([query.name, query.message]).toEqual(['3000', 'syntax error']);
  });
});

describe('transport failures', () => {
  it('says CLUSTER_UNREACHABLE with the URL when nothing listens', async () => {
    const server = await listen(() => undefined);
    const port = portOf(server);
    await new Promise((resolve) => server.close(resolve));
    servers.pop();
    const client = newClient({ url: `http://127.0.0.1:${port}` });
    const error = await client.getStatuses().catch((e) => e);
    expect(error).toBeInstanceOf(EventingDevError);
    expect(error.code).toBe('CLUSTER_UNREACHABLE');
    expect(error.message).toMatch(
      new RegExp(
        `^Cannot reach the Eventing service at http://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`,
      ),
    );
  });

  it('says API_TIMEOUT when the server never answers', async () => {
    const server = await listen(() => undefined);
    const client = newClient({
      url: `http://127.0.0.1:${portOf(server)}`,
      timeoutMs: 50,
      retries: 0,
    });
    const error = await client.getStatuses().catch((e) => e);
    expect([error.code, error.message]).toEqual([
      'API_TIMEOUT',
      `No answer from GET http://127.0.0.1:${portOf(server)}/api/v1/status within 50 ms`,
    ]);
  });

  it('retries a GET whose connection was dropped, and not a POST', async () => {
    let calls = 0;
    const server = await listen((request, response) => {
      calls += 1;
      if (calls === 1 || request.method === 'POST') {
        request.socket.destroy();
        return;
      }
      response.setHeader('content-type', 'application/json');
      response.end('{"apps":[],"num_eventing_nodes":1}');
    });
    const client = newClient({ url: `http://127.0.0.1:${portOf(server)}`, retryDelayMs: 0 });
    expect(await client.getStatuses()).toEqual({ apps: [], num_eventing_nodes: 1 });
    expect(calls).toBe(2);
    const error = await client.deploy('fn1').catch((e) => e);
    expect(error.code).toBe('CLUSTER_UNREACHABLE');
    expect(calls).toBe(3);
  });
});
