// Statistics with the server's counter names (spec runtime §9.3), so users can assert on the
// same numbers they read from GET /api/v1/stats.

const EXECUTION_COUNTERS = [
  'on_update_success',
  'on_update_failure',
  'on_delete_success',
  'on_delete_failure',
  'no_op_counter',
  'timer_callback_success',
  'timer_callback_failure',
  'timer_create_failure',
  'messages_parsed',
  'dcp_delete_msg_counter',
  'dcp_mutation_msg_counter',
  'timer_msg_counter',
  'timer_create_counter',
  'timer_cancel_counter',
  'lcb_retry_failure',
  'filtered_dcp_delete_counter',
  'num_processed_events',
  'processed_events_size',
  'filtered_dcp_mutation_counter',
  'dcp_mutation_checkpoint_cas_mismatch',
  'enqueued_dcp_mutation_msg_counter',
  'enqueued_dcp_delete_msg_counter',
  'uv_try_write_failure_counter',
  'curl_success_count',
  'agg_queue_size',
  'agg_queue_memory',
] as const;

const FAILURE_COUNTERS = [
  'bucket_op_exception_count',
  'bucket_op_cache_miss_count',
  'bucket_cache_overflow_count',
  'bkt_ops_cas_mismatch_count',
  'n1ql_op_exception_count',
  'analytics_op_exception_count',
  'search_op_exception_count',
  'timeout_count',
  'debugger_events_lost',
  'timer_context_size_exceeded_counter',
  'timer_callback_missing_counter',
  'dcp_mutation_checkpoint_failure',
  'curl_non_200_response',
  'curl_timeout_count',
  'curl_failure_count',
  'curl_max_resp_size_exceeded',
] as const;

export type ExecutionCounter = (typeof EXECUTION_COUNTERS)[number];
export type FailureCounter = (typeof FAILURE_COUNTERS)[number];
export type CurlMethodCounter = 'get' | 'post' | 'delete' | 'head' | 'put';

export type ExecutionStats = Record<ExecutionCounter, number> & {
  curl: Record<CurlMethodCounter, number>;
};
export type FailureStats = Record<FailureCounter, number>;

/** A deployed function's counters, updated in place by the runtime and the emulator. */
export interface FunctionStats {
  execution_stats: ExecutionStats;
  failure_stats: FailureStats;
  /** Count per libcouchbase error code of KV errors thrown to handler code. */
  lcb_exception_stats: Record<string, number>;
}

/** Fresh counters, every one present and zero, as a newly deployed function reports them. */
export function createFunctionStats(): FunctionStats {
  const execution = Object.fromEntries(EXECUTION_COUNTERS.map((name) => [name, 0]));
  const failure = Object.fromEntries(FAILURE_COUNTERS.map((name) => [name, 0]));
  return {
    execution_stats: {
      ...(execution as Record<ExecutionCounter, number>),
      curl: { get: 0, post: 0, delete: 0, head: 0, put: 0 },
    },
    failure_stats: failure as FailureStats,
    lcb_exception_stats: {},
  };
}

const FAILURE_COUNTER_NAMES: ReadonlySet<string> = new Set(FAILURE_COUNTERS);
const EXECUTION_COUNTER_NAMES: ReadonlySet<string> = new Set(EXECUTION_COUNTERS);

/**
 * Increments the counter of that name in execution_stats or failure_stats, for counters the
 * shim names at run time; unknown names are ignored.
 */
export function countStat(stats: FunctionStats, name: string): void {
  if (FAILURE_COUNTER_NAMES.has(name)) stats.failure_stats[name as FailureCounter]++;
  else if (EXECUTION_COUNTER_NAMES.has(name)) stats.execution_stats[name as ExecutionCounter]++;
}

/** Sets every counter of `stats` back to zero, in place. */
export function resetStats(stats: FunctionStats): void {
  const fresh = createFunctionStats();
  Object.assign(stats.execution_stats, fresh.execution_stats, { curl: fresh.execution_stats.curl });
  Object.assign(stats.failure_stats, fresh.failure_stats);
  for (const code of Object.keys(stats.lcb_exception_stats)) delete stats.lcb_exception_stats[code];
}
