import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { EventingDevError } from '../../errors.ts';
import {
  disableInspector,
  enableInspector,
} from '../../runtime/isolate/inspector/inspector-hub.ts';
import { isAllowedHost, refusedHostMessage } from '../serve-safety.ts';

// The debugger's way in, as Node's own `--inspect` offers it: the discovery endpoints that
// Chrome DevTools and VS Code query (/json/version, /json/list) and a WebSocket carrying the
// Chrome DevTools Protocol to the process's handler isolates, seen as one JavaScript target.

/** Where the inspector listens: loopback by default, as Node's `--inspect`. */
export interface InspectorAddress {
  host: string;
  port: number;
}

export const DEFAULT_INSPECTOR_ADDRESS: InspectorAddress = { host: '127.0.0.1', port: 9229 };

/** A running inspector endpoint. */
export interface InspectorServer {
  /** The WebSocket address debuggers connect to. */
  readonly webSocketUrl: string;
  /** The address to open in Chrome. */
  readonly devtoolsUrl: string;
  /** Stops listening, lets every debugger go, and ends debugging in this process. */
  close(): Promise<void>;
}

/**
 * Parses `host:port`, `port` or nothing (the default), as `--inspect[=host:port]` takes it.
 * @throws EventingDevError `ARGUMENT_INVALID`
 */
export function parseInspectorAddress(text: string | true | undefined): InspectorAddress {
  if (text === undefined || text === true || text === '') return DEFAULT_INSPECTOR_ADDRESS;
  const match = /^(?:(\[[^\]]+\]|[^:]+):)?(\d+)$/.exec(text);
  const port = Number(match?.[2]);
  if (!match || port > 65535) {
    throw new EventingDevError('ARGUMENT_INVALID', `"${text}" is not an inspector address`, {
      hint: 'Give a port (9229) or host:port (127.0.0.1:9229), as for node --inspect.',
    });
  }
  return { host: (match[1] ?? DEFAULT_INSPECTOR_ADDRESS.host).replace(/^\[|\]$/g, ''), port };
}

/** Starts the inspector endpoint over this process's handler isolates. */
export async function startInspectorServer(address: InspectorAddress): Promise<InspectorServer> {
  const hub = enableInspector();
  const id = randomUUID();
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true });
  await listen(server, address);
  const { port } = server.address() as AddressInfo;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  const hostPort = `${host}:${port}`;
  const webSocketUrl = `ws://${hostPort}/${id}`;
  const devtoolsUrl = `devtools://devtools/bundled/js_app.html?experiments=true&v8only=true&ws=${hostPort}/${id}`;
  // As Node's own inspector does, requests naming a host other than an address or localhost are
  // refused: a web page could otherwise reach the debugger through DNS rebinding.
  const hosts = { listenHost: address.host };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!isAllowedHost(request.headers.host, hosts)) {
      response.writeHead(403, { 'content-type': 'text/plain' });
      const remedy = 'Connect the debugger to an IP address or localhost.';
      response.end(`${refusedHostMessage(request.headers.host ?? '', remedy)}\n`);
      return;
    }
    const body = discovery(request.url ?? '/', { id, hostPort, webSocketUrl, devtoolsUrl });
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json; charset=UTF-8' });
    response.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  server.on('upgrade', (request, socket, head) => {
    if (request.url !== `/${id}` || !isAllowedHost(request.headers.host, hosts)) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const port = hub.connect((message) => ws.send(message));
      ws.on('message', (data) => port.receive(String(data)));
      ws.on('close', () => port.close());
      ws.on('error', () => port.close());
    });
  });
  // The inspector must never keep a finished test run or a stopped serve alive.
  server.unref();
  return {
    webSocketUrl,
    devtoolsUrl,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      disableInspector();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Endpoint {
  id: string;
  hostPort: string;
  webSocketUrl: string;
  devtoolsUrl: string;
}

function discovery(url: string, endpoint: Endpoint): unknown {
  const path = url.split('?')[0];
  if (path === '/json/version') return { Browser: 'eventing-dev', 'Protocol-Version': '1.3' };
  if (path !== '/json' && path !== '/json/list') return undefined;
  return [
    {
      description: 'Couchbase Eventing handlers run by eventing-dev',
      devtoolsFrontendUrl: endpoint.devtoolsUrl,
      devtoolsFrontendUrlCompat: endpoint.devtoolsUrl.replace('js_app', 'inspector'),
      faviconUrl: 'https://nodejs.org/static/images/favicons/favicon.ico',
      id: endpoint.id,
      title: 'eventing-dev handlers',
      type: 'node',
      url: `file://${process.cwd()}`,
      webSocketDebuggerUrl: endpoint.webSocketUrl,
    },
  ];
}

function listen(server: Server, address: InspectorAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new EventingDevError(
          'ARGUMENT_INVALID',
          `The inspector cannot listen on ${address.host}:${address.port}: ${error.code ?? error.message}`,
          { hint: 'Choose another port with --inspect=<port>, or stop what is using it.' },
        ),
      );
    });
    server.listen(address.port, address.host, () => resolve());
  });
}

/** What `--inspect` prints, as Node's own does: where debuggers attach. */
export function describeInspector(server: InspectorServer): string {
  const address = server.webSocketUrl.replace(/^ws:\/\//, '').replace(/\/[^/]*$/, '');
  return [
    `Debugger listening on ${server.webSocketUrl}`,
    `For Chrome DevTools, open ${server.devtoolsUrl}`,
    `For VS Code, attach to ${address} (the launch configuration "Debug function tests" does)`,
    '',
  ].join('\n');
}
