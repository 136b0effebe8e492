// The statistics one curl() call adds (spec runtime §6.4, §9.3), as data the caller applies to
// the function's counters. The server counts libcurl's result code — OK, timed out, anything
// else — and, when a response came back, whether it was a 200.

/** The HTTP methods curl() counts, as named under `execution_stats.curl`. */
export type CurlMethodCounter = 'get' | 'post' | 'put' | 'head' | 'delete';

/** Why a call throws in handler code; `invalid` covers a refused body and an unparsable reply. */
export type CurlFailureKind = 'timeout' | 'failure' | 'max_size' | 'invalid';

/** Counters one curl() call adds, named as in the stats JSON. */
export interface CurlStatUpdate {
  /** `execution_stats.curl.<method>`; absent when the request was refused before being sent. */
  method?: CurlMethodCounter;
  execution_stats: Array<'curl_success_count'>;
  failure_stats: Array<
    | 'curl_non_200_response'
    | 'curl_timeout_count'
    | 'curl_failure_count'
    | 'curl_max_resp_size_exceeded'
  >;
}

/** How a call ended, as far as counting goes. */
export interface CallSummary {
  ok: boolean;
  kind?: CurlFailureKind;
  /** The status of the response the call ended on, when one arrived. */
  status?: number;
}

/**
 * The counters for a call that was sent. A body over the size limit or one that does not parse
 * still counts as a libcurl success: the server checks both after the transfer completed.
 * fidelity: `curl_non_200_response` is taken literally (any status but 200).
 *
 * @example
 * curlStatsFor('get', { ok: true, status: 404 });
 * // { method: 'get', execution_stats: ['curl_success_count'], failure_stats: ['curl_non_200_response'] }
 */
export function curlStatsFor(method: CurlMethodCounter, call: CallSummary): CurlStatUpdate {
  if (!call.ok && call.kind === 'timeout') {
    return { method, execution_stats: [], failure_stats: ['curl_timeout_count'] };
  }
  if (!call.ok && call.kind === 'failure') {
    return { method, execution_stats: [], failure_stats: ['curl_failure_count'] };
  }
  const failures: CurlStatUpdate['failure_stats'] = [];
  if (call.status !== undefined && call.status !== 200) failures.push('curl_non_200_response');
  if (!call.ok && call.kind === 'max_size') failures.push('curl_max_resp_size_exceeded');
  return { method, execution_stats: ['curl_success_count'], failure_stats: failures };
}

/** A request refused before it was sent (its body and encoding do not go together) counts nothing. */
export const NOTHING_COUNTED: CurlStatUpdate = { execution_stats: [], failure_stats: [] };
