import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, type Dispatcher, MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExchangeRequest,
  exchange,
} from '../../../../src/runtime/bindings/curl/http-exchange.ts';

// A loopback server whose routes misbehave in the ways a transport must survive.
let server: Server;
let origin: string;
const agent = new Agent();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/mixed-case') {
      res.setHeader('X-Mixed-Case', 'yes');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.end('ok');
    } else if (req.url === '/big') {
      res.write('x'.repeat(600));
      res.end('y'.repeat(600));
    } else if (req.url === '/cut-body') {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('abc', () => res.socket?.destroy());
    } else if (req.url === '/cut-early') {
      req.socket.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await agent.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string, patch: Partial<ExchangeRequest> = {}): ExchangeRequest => ({
  method: 'GET',
  origin,
  path,
  headers: {},
  limitBytes: 0,
  ...patch,
});

describe('one HTTP exchange over undici', () => {
  it('keeps header names as the server wrote them, repeats included', async () => {
    const result = await exchange(agent, get('/mixed-case'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.headers).toEqual(
      expect.arrayContaining([
        ['X-Mixed-Case', 'yes'],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
      ]),
    );
    expect(new TextDecoder().decode(result.bytes)).toBe('ok');
  });

  it('stops reading a body that passes the size limit', async () => {
    expect(await exchange(agent, get('/big', { limitBytes: 1000 }))).toMatchObject({
      ok: false,
      kind: 'max_size',
    });
    expect(await exchange(agent, get('/big', { limitBytes: 1200 }))).toMatchObject({ ok: true });
  });

  it('reports a connection cut mid-body as a receive failure', async () => {
    expect(await exchange(agent, get('/cut-body'))).toEqual({
      ok: false,
      kind: 'failure',
      message: 'Unable to perform the request: Failure when receiving data from the peer',
    });
  });

  it('reports a connection closed before any reply as nothing returned', async () => {
    expect(await exchange(agent, get('/cut-early'))).toEqual({
      ok: false,
      kind: 'failure',
      message: 'Unable to perform the request: Server returned nothing (no headers, no data)',
    });
  });

  it('sends no body with HEAD', async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    let seen: unknown = 'unset';
    mock
      .get('http://api.test')
      .intercept({ path: '/h', method: 'HEAD' })
      .reply((options) => {
        seen = options.body;
        return { statusCode: 204, data: '' };
      });
    const result = await exchange(mock, {
      ...get('/h', { origin: 'http://api.test', method: 'HEAD' }),
      body: new Uint8Array([1]),
    });
    expect(result).toMatchObject({ ok: true, status: 204 });
    expect(seen ?? null).toBeNull();
    await mock.close();
  });

  it('accepts a dispatcher that ignores raw headers and answers with an object', async () => {
    const objectHeaders = {
      request: async () => ({
        statusCode: 200,
        headers: { 'set-cookie': ['a=1', 'b=2'], 'content-type': 'text/plain' },
        body: Object.assign((async function* () {})(), { destroy() {} }),
      }),
    };
    const result = await exchange(objectHeaders as unknown as Dispatcher, get('/'));
    expect(result).toMatchObject({
      ok: true,
      headers: [
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
        ['content-type', 'text/plain'],
      ],
    });
  });
});
