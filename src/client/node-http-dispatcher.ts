import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Dispatcher } from 'undici';

// The client's default connection layer: an undici dispatcher whose connections are Node's own
// http/https, with keep-alive. undici's Agent parses HTTP with llhttp compiled to WebAssembly,
// and V8 finishes optimising that module before a process may exit: about 200 ms added to the
// end of every management command (`eventing-dev functions list` must take at most 300 ms).
// Node's http parser is native. Everything above the connection (the request API, response
// bodies, MockAgent in tests) stays undici's.

/** The part of an undici Dispatcher the client uses. */
export interface MinimalDispatcher {
  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean;
  close(): Promise<void>;
}

/** TLS settings of the https connections. */
export interface NodeHttpDispatcherOptions {
  ca?: string | Buffer;
  insecure?: boolean;
}

/**
 * A dispatcher over node:http and node:https, driving an undici handler (the request API's)
 * through undici's controller interface.
 *
 * @example
 * const dispatcher = new NodeHttpDispatcher({ ca: readFileSync('ca.pem') });
 * await sendRequest(dispatcher, { origin: 'https://cb:18096', path: '/api/v1/status', method: 'GET' });
 */
export class NodeHttpDispatcher implements MinimalDispatcher {
  readonly #http = new http.Agent({ keepAlive: true });
  readonly #https: https.Agent;

  constructor(options: NodeHttpDispatcherOptions = {}) {
    this.#https = new https.Agent({
      keepAlive: true,
      ...(options.ca ? { ca: options.ca } : {}),
      rejectUnauthorized: !options.insecure,
    });
  }

  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const url = new URL(options.path, options.origin ?? undefined);
    const secure = url.protocol === 'https:';
    const request = (secure ? https : http).request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port,
      path: options.path,
      method: options.method,
      headers: (options.headers ?? {}) as OutgoingHttpHeaders,
      agent: secure ? this.#https : this.#http,
    });
    let response: IncomingMessage | undefined;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      handler.onResponseError?.(controller, error);
    };
    const controller: Dispatcher.DispatchController = {
      aborted: false,
      paused: false,
      reason: null,
      abort(reason: Error) {
        if (this.aborted) return;
        Object.assign(this, { aborted: true, reason });
        request.destroy(reason);
        response?.destroy(reason);
        fail(reason);
      },
      pause() {
        Object.assign(this, { paused: true });
        response?.pause();
      },
      resume() {
        Object.assign(this, { paused: false });
        response?.resume();
      },
    };
    request.on('error', fail);
    request.on('response', (res) => {
      response = res;
      controller.rawHeaders = res.rawHeaders;
      res.on('error', fail);
      res.on('data', (chunk: Buffer) => handler.onResponseData?.(controller, chunk));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        handler.onResponseEnd?.(controller, res.trailers);
      });
      handler.onResponseStart?.(controller, res.statusCode ?? 0, res.headers, res.statusMessage);
      if (controller.paused) res.pause();
    });
    handler.onRequestStart?.(controller, {});
    if (controller.aborted) return true;
    const body = options.body;
    if (typeof body === 'string' || Buffer.isBuffer(body) || body instanceof Uint8Array) {
      request.end(body);
    } else {
      request.end();
    }
    return true;
  }

  /** Closes every kept-alive connection. */
  async close(): Promise<void> {
    this.#http.destroy();
    this.#https.destroy();
  }
}
