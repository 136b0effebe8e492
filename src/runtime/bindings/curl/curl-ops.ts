import type { LanguageCompatibility, UrlBinding } from '../../../definition/types.ts';
import { doorError } from '../../door-errors.ts';
import type { CurlAnswer } from '../../door-protocol.ts';
import type { Clock, HttpPort } from '../../ports.ts';
import type { FunctionStats } from '../../stats.ts';
import type { CookieJar } from './cookie-jar.ts';
import { type CurlRequest, type CurlResult, performCurl } from './perform-request.ts';
import { type Eventually, isPromise } from './steps.ts';

// The door's side of curl(): turns the shim's JSON request into a CurlRequest, runs it against
// the function's URL binding, counts the statistics and answers with the response or the
// CurlError to throw. Cookies live for one invocation per binding (spec §6.4).

export interface CurlContext {
  http: HttpPort;
  bindings: readonly UrlBinding[];
  languageCompatibility: LanguageCompatibility;
  maxResponseMiB: number;
  stats: FunctionStats;
  clock: Clock;
  /** This invocation's cookies, per binding; emptied when the invocation ends. */
  jars: Map<number, CookieJar>;
}

/** The answer comes at once when the request did not have to wait (see performCurl). */
export function curlCall(
  context: CurlContext,
  index: number,
  method: string,
  requestJson: string,
  body: ArrayBuffer | undefined,
): Eventually<CurlAnswer> {
  const binding = context.bindings[index];
  if (!binding) throw new Error(`the shim named URL binding ${index}, which does not exist`);
  const fields = JSON.parse(requestJson) as Omit<CurlRequest, 'method' | 'body'> & {
    body?: { bytes?: true; text?: string; json?: unknown };
  };
  const request = { ...fields, method, body: requestBody(fields.body, body) } as CurlRequest;
  let jar = context.jars.get(index);
  if (!jar) {
    jar = new Map();
    context.jars.set(index, jar);
  }
  const result = performCurl(request, {
    dispatcher: context.http.dispatcher,
    ...(context.http.insecureDispatcher
      ? { insecureDispatcher: context.http.insecureDispatcher }
      : {}),
    inProcess: context.http.inProcess === true,
    binding,
    languageCompatibility: context.languageCompatibility,
    maxResponseMiB: context.maxResponseMiB,
    cookieJar: jar,
    now: () => context.clock.now(),
  });
  if (!isPromise(result)) return answer(context, result);
  // A port that expected to answer every request at once learns that it did not.
  context.http.answeredLater?.();
  return result.then((done) => answer(context, done));
}

/** Counts the call's statistics and turns its result into what the shim receives. */
function answer(context: CurlContext, result: CurlResult): CurlAnswer {
  const { execution_stats, failure_stats } = context.stats;
  if (result.stats.method) execution_stats.curl[result.stats.method]++;
  for (const name of result.stats.execution_stats) execution_stats[name]++;
  for (const name of result.stats.failure_stats) failure_stats[name]++;
  if (!result.ok) return doorError('CurlError', result.message);
  const responseBody = result.body instanceof Uint8Array ? toArrayBuffer(result.body) : result.body;
  return { status: result.status, headers: result.headers, body: responseBody };
}

function requestBody(
  fields: { bytes?: true; text?: string; json?: unknown } | undefined,
  bytes: ArrayBuffer | undefined,
): CurlRequest['body'] {
  if (!fields) return undefined;
  if (fields.bytes) return { bytes: new Uint8Array(bytes ?? new ArrayBuffer(0)) };
  if (fields.text !== undefined) return { text: fields.text };
  return { json: fields.json };
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
