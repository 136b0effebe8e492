// A loopback HTTP server for the curl tests, standing in for the Eventing functional-test
// endpoints: digest auth, cookies, redirects, an echo of what arrived, and a route that never
// answers. It listens on 127.0.0.1, port 0; nothing leaves the machine.

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The digest challenge the server issues; the password it accepts is `asdasd`. */
export const DIGEST = {
  realm: 'eventing',
  nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
  opaque: '5ccc069c403ebaf9f0171e9517f40e41',
};

/** What `/echo` (and every unknown path) answers: the request as the server saw it. */
export interface Echo {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoopbackServer {
  origin: string;
  /** `METHOD with|without <body>` per request to `/auth/digest`. */
  digestHits: string[];
  close(): Promise<void>;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Starts the server; close it in afterAll. */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const digestHits: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => route(req, res, Buffer.concat(chunks).toString(), digestHits));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    digestHits,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function route(
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  digestHits: string[],
): void {
  const url = new URL(req.url ?? '/', 'http://loopback');
  const left = Number(url.searchParams.get('n'));
  const redirect = redirectFor(url.pathname, left);
  if (redirect) {
    res.writeHead(redirect[0], { Location: redirect[1] }).end();
  } else if (url.pathname === '/auth/digest') {
    digestHits.push(`${req.method} ${req.headers.authorization ? 'with' : 'without'} ${body}`);
    if (digestValid(req)) echo(req, res, body);
    else challenge(res);
  } else if (url.pathname === '/cookies/set') {
    res.setHeader('Set-Cookie', 'cookie-key=cookie-value; Path=/').end();
  } else if (url.pathname !== '/hang') {
    echo(req, res, body);
  }
}

function redirectFor(pathname: string, left: number): [number, string] | undefined {
  if (pathname === '/redirect' && left > 0) return [302, `/redirect?n=${left - 1}`];
  if (pathname === '/loop') return [302, '/loop'];
  if (pathname === '/see-other') return [303, '/echo'];
  return undefined;
}

function echo(req: IncomingMessage, res: ServerResponse, body: string): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
}

// Checks the answer the way the Eventing test server does, with its own MD5 arithmetic.
function digestValid(req: IncomingMessage): boolean {
  const pairs = (req.headers.authorization ?? '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g);
  const fields = Object.fromEntries([...pairs].map((m) => [m[1], m[2] ?? m[3]]));
  const ha1 = md5(`${fields.username}:${DIGEST.realm}:asdasd`);
  const ha2 = md5(`${req.method}:${fields.uri}`);
  const expected = md5(`${ha1}:${DIGEST.nonce}:${fields.nc}:${fields.cnonce}:auth:${ha2}`);
  return fields.uri === req.url && fields.response === expected && fields.opaque === DIGEST.opaque;
}

function challenge(res: ServerResponse): void {
  const { realm, nonce, opaque } = DIGEST;
  res.setHeader(
    'WWW-Authenticate',
    `Digest realm="${realm}", qop="auth", nonce="${nonce}", opaque="${opaque}"`,
  );
  res.writeHead(401).end();
}
