import { describe, expect, it } from 'vitest';
import { curlStatsFor, NOTHING_COUNTED } from '../../../../src/runtime/bindings/curl/curl-stats.ts';

describe('curl statistics (spec §6.4, §9.3)', () => {
  it('counts the method and a success for a 200', () => {
    expect(curlStatsFor('post', { ok: true, status: 200 })).toEqual({
      method: 'post',
      execution_stats: ['curl_success_count'],
      failure_stats: [],
    });
  });

  it('counts any other status as non-200, still a success', () => {
    for (const status of [201, 204, 302, 401, 500]) {
      expect(curlStatsFor('get', { ok: true, status })).toEqual({
        method: 'get',
        execution_stats: ['curl_success_count'],
        failure_stats: ['curl_non_200_response'],
      });
    }
  });

  it('counts a timeout and a transport failure, with no success', () => {
    expect(curlStatsFor('head', { ok: false, kind: 'timeout' })).toEqual({
      method: 'head',
      execution_stats: [],
      failure_stats: ['curl_timeout_count'],
    });
    expect(curlStatsFor('delete', { ok: false, kind: 'failure', status: 302 })).toEqual({
      method: 'delete',
      execution_stats: [],
      failure_stats: ['curl_failure_count'],
    });
  });

  it('counts an oversized body as a completed transfer over the limit', () => {
    expect(curlStatsFor('put', { ok: false, kind: 'max_size', status: 500 })).toEqual({
      method: 'put',
      execution_stats: ['curl_success_count'],
      failure_stats: ['curl_non_200_response', 'curl_max_resp_size_exceeded'],
    });
  });

  it('counts an unparsable body as a completed transfer', () => {
    expect(curlStatsFor('get', { ok: false, kind: 'invalid', status: 200 })).toEqual({
      method: 'get',
      execution_stats: ['curl_success_count'],
      failure_stats: [],
    });
  });

  it('counts nothing, not even the method, for a request refused before sending', () => {
    expect(NOTHING_COUNTED).toEqual({ execution_stats: [], failure_stats: [] });
  });
});
