import { describe, expect, it } from 'vitest';
import {
  describeTransportError,
  type TransportContext,
} from '../../../../src/runtime/bindings/curl/transport-error.ts';

const context: TransportContext = {
  method: 'GET',
  origin: 'http://api.test',
  path: '/users?id=1',
  phase: 'request',
  timedOut: false,
};
const coded = (code: string, cause?: unknown) => Object.assign(new Error(code), { code, cause });

describe('curl transport errors use libcurl texts', () => {
  it.each([
    ['ENOTFOUND', "Couldn't resolve host name"],
    ['EAI_AGAIN', "Couldn't resolve host name"],
    ['ECONNREFUSED', "Couldn't connect to server"],
    ['EHOSTUNREACH', "Couldn't connect to server"],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'Transferred a partial file'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SSL peer certificate or SSH remote key was not OK'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'SSL connect error'],
    ['UND_ERR_SOCKET', 'Server returned nothing (no headers, no data)'],
    ['SOMETHING_NEW', "Couldn't connect to server"],
  ])('%s → %s', (code, text) => {
    expect(describeTransportError(coded(code), context)).toEqual({
      ok: false,
      kind: 'failure',
      message: `Unable to perform the request: ${text}`,
    });
  });

  it('reports any undici timeout, or the deadline firing, as Timeout was reached', () => {
    const timeout = {
      ok: false,
      kind: 'timeout',
      message: 'Unable to perform the request: Timeout was reached',
    };
    for (const code of [
      'UND_ERR_CONNECT_TIMEOUT',
      'UND_ERR_HEADERS_TIMEOUT',
      'UND_ERR_BODY_TIMEOUT',
    ]) {
      expect(describeTransportError(coded(code), context)).toEqual(timeout);
    }
    expect(
      describeTransportError(new DOMException('aborted', 'TimeoutError'), {
        ...context,
        timedOut: true,
      }),
    ).toEqual(timeout);
  });

  it('uses the innermost code undici wrapped', () => {
    const wrapped = coded('UND_ERR_SOCKET', coded('ECONNREFUSED'));
    expect(describeTransportError(wrapped, context).message).toBe(
      "Unable to perform the request: Couldn't connect to server",
    );
  });

  it('calls a failure while reading the body a receive failure', () => {
    expect(
      describeTransportError(coded('ECONNRESET'), { ...context, phase: 'response' }).message,
    ).toBe('Unable to perform the request: Failure when receiving data from the peer');
  });

  it('calls a path undici refuses a bad URL', () => {
    expect(describeTransportError(coded('UND_ERR_INVALID_ARG'), context).message).toBe(
      'Unable to perform the request: URL using bad/illegal format or missing URL (UND_ERR_INVALID_ARG)',
    );
  });

  it('tells how to add an interceptor when a MockAgent had none', () => {
    const result = describeTransportError(coded('UND_MOCK_ERR_MOCK_NOT_MATCHED'), context);
    expect(result.kind).toBe('failure');
    expect(result.message).toBe(
      "Unable to perform the request: Couldn't connect to server (offline: no HTTP interceptor " +
        "matches GET http://api.test/users?id=1; add one with em.http.get('http://api.test')" +
        ".intercept({ path: '/users?id=1', method: 'GET' }).reply(200, body))",
    );
  });

  it('copes with thrown non-errors', () => {
    expect(describeTransportError('boom', context).message).toBe(
      "Unable to perform the request: Couldn't connect to server",
    );
  });
});
