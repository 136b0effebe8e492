import { createRequire } from 'node:module';
import type { Dispatcher } from 'undici';
import type { MinimalDispatcher } from './node-http-dispatcher.ts';

// undici's request API (the response body, its errors, abort signals), loaded on its own:
// undici's main module also loads its Agent, HTTP/2, fetch, WebSocket, caches and mocks, which
// would cost a management command a third of its 300 ms. The whole package is loaded only if
// undici ever moves this module.

const require = createRequire(import.meta.url);

type RequestFunction = (
  this: MinimalDispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;

function loadRequest(): RequestFunction {
  try {
    return require('undici/lib/api/api-request.js') as RequestFunction;
  } catch {
    const undici = require('undici') as typeof import('undici');
    return undici.Dispatcher.prototype.request as unknown as RequestFunction;
  }
}

const request = loadRequest();

/**
 * Sends one request through `dispatcher`, as undici's `dispatcher.request(options)` does; works
 * with any undici dispatcher (an injected MockAgent) and with {@link NodeHttpDispatcher}.
 */
export function sendRequest(
  dispatcher: MinimalDispatcher,
  options: Dispatcher.RequestOptions,
): Promise<Dispatcher.ResponseData> {
  return request.call(dispatcher, options);
}
