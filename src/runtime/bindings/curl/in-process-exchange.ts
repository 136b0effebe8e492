// One HTTP exchange with a dispatcher that answers from memory (the emulator's undici MockAgent).
// `dispatcher.request()` always hands the response over a stream and a few event-loop turns
// later; driving `dispatch()` with a handler of our own instead takes a reply the mock has at
// once in the same turn, so a curl() call from handler code costs no wait at all. A reply the
// mock delays (or passes on to the network) arrives later through the same handler, and the
// exchange then answers with a promise. Outcomes are those of `exchange()`: the same statuses,
// raw headers, bytes and failures.

import type { Dispatcher } from 'undici';
import type { ExchangeRequest, ExchangeResult } from './http-exchange.ts';
import { type HeaderList, maxSizeFailure } from './response-body.ts';
import type { Eventually } from './steps.ts';
import { describeTransportError } from './transport-error.ts';

/**
 * Sends one request through `dispatcher.dispatch()` and collects the whole response.
 *
 * @example
 * const result = exchangeInProcess(mockAgent, { method: 'GET', origin: 'http://h', path: '/', headers: {}, limitBytes: 0 });
 * // a result at once when the interceptor replies without delay, else a promise of it
 */
export function exchangeInProcess(
  dispatcher: Dispatcher,
  request: ExchangeRequest,
): Eventually<ExchangeResult> {
  const { signal } = request;
  const context = { method: request.method, origin: request.origin, path: request.path };
  const failed = (error: unknown, phase: 'request' | 'response') =>
    describeTransportError(error, { ...context, phase, timedOut: signal?.aborted === true });
  if (signal?.aborted) return failed(signal.reason, 'request');

  let outcome: ExchangeResult | undefined;
  let deliver: ((result: ExchangeResult) => void) | undefined;
  let controller: Dispatcher.DispatchController | undefined;
  const abortOnDeadline = () => controller?.abort(signal?.reason);
  const finish = (result: ExchangeResult) => {
    if (outcome) return;
    outcome = result;
    signal?.removeEventListener('abort', abortOnDeadline);
    deliver?.(result);
  };
  const response = collectResponse(request.limitBytes, finish, failed);
  const handler: Dispatcher.DispatchHandler = {
    ...response,
    onRequestStart(started) {
      controller = started;
      if (signal?.aborted) started.abort(signal.reason);
    },
  };
  // The same options `exchange()` gives `request()`, so interceptors and call history see the
  // same request.
  dispatcher.dispatch(
    {
      origin: request.origin,
      path: request.path,
      method: request.method,
      headers: request.headers,
      body: request.method === 'HEAD' ? null : (request.body ?? null),
      signal: signal ?? null,
      responseHeaders: 'raw',
    } as Dispatcher.DispatchOptions,
    handler,
  );
  if (outcome) return outcome;
  signal?.addEventListener('abort', abortOnDeadline, { once: true });
  return new Promise((resolve) => {
    deliver = resolve;
  });
}

/** The response half of the handler: status, raw headers, and the body within the limit. */
function collectResponse(
  limitBytes: number,
  finish: (result: ExchangeResult) => void,
  failed: (error: unknown, phase: 'request' | 'response') => ExchangeResult,
): Omit<Dispatcher.DispatchHandler, 'onRequestStart'> {
  let status = 0;
  let headers: HeaderList = [];
  let phase: 'request' | 'response' = 'request';
  const chunks: Uint8Array[] = [];
  let total = 0;
  return {
    onResponseStart(controller, statusCode) {
      // Informational (1xx) responses precede the real one, as `request()` skips them.
      if (statusCode < 200) return;
      status = statusCode;
      headers = rawPairs(controller.rawHeaders);
      phase = 'response';
    },
    onResponseData(controller, chunk) {
      total += chunk.byteLength;
      if (limitBytes > 0 && total > limitBytes) {
        finish(maxSizeFailure(limitBytes));
        controller.abort(new Error('response body over the size limit'));
        return;
      }
      chunks.push(chunk);
    },
    onResponseEnd() {
      finish({ ok: true, status, headers, bytes: Buffer.concat(chunks, total) });
    },
    onResponseError(_controller, error) {
      finish(failed(error, phase));
    },
  };
}

// Raw headers as undici hands them to `request()` with `responseHeaders: 'raw'`: names as
// text, values read as latin1, the way HTTP/1.1 header bytes are.
function rawPairs(raw: Dispatcher.DispatchController['rawHeaders']): HeaderList {
  const pairs: Array<readonly [string, string]> = [];
  if (!Array.isArray(raw)) {
    for (const [name, value] of Object.entries(raw ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) pairs.push([name, String(item)]);
    }
    return pairs;
  }
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as Buffer | string;
    const value = raw[i + 1] as Buffer | string;
    pairs.push([
      typeof name === 'string' ? name : name.toString(),
      typeof value === 'string' ? value : value.toString('latin1'),
    ]);
  }
  return pairs;
}
