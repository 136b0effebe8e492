import type { EventingFunction } from '../../emulator/eventing-function.ts';
import { ServiceError } from '../error-catalogue.ts';
import type { FunctionRecord } from '../function-record.ts';
import { formatLocation } from '../location.ts';
import { message, payload, type Reply } from '../reply.ts';
import { existing, pathLocation, queryLocation } from '../route-helpers.ts';
import type { RequestContext, Route } from '../router.ts';

// Statistics (spec §2.16–2.18): GET /api/v1/stats[/{name}] in the 8.x shape, the 7.x
// /getExecutionStats, /getLatencyStats and /getFailureStats that Couchbase's documentation describes, and
// /resetStatsCounters. The counters are the runtime's live ones.

const PERCENTILES = ['50', '80', '90', '95', '99', '100'];

/** A function runs (and has statistics) while deployed or paused. */
function running(record: FunctionRecord): EventingFunction | undefined {
  const fn = record.function;
  return fn.status === 'deployed' || fn.status === 'paused' ? fn : undefined;
}

/** One function's statistics, keys in 8.x's order. */
function statsOf(record: FunctionRecord, managed: EventingFunction, full: boolean) {
  const { execution_stats, failure_stats, lcb_exception_stats } = managed.stats;
  // fidelity: the emulator counts what its runtime does; DCP-level figures are derived from
  // those counters, and latencies are not measured (every percentile reads 0).
  return {
    execution_stats: structuredClone(execution_stats),
    failure_stats: { ...failure_stats },
    event_processing_stats: {
      dcp_mutation_sent_to_worker: execution_stats.dcp_mutation_msg_counter,
      dcp_deletion_sent_to_worker: execution_stats.dcp_delete_msg_counter,
      dcp_expiry_sent_to_worker: 0,
      dcp_mutation_suppressed_counter: execution_stats.filtered_dcp_mutation_counter,
      dcp_deletion_suppressed_counter: execution_stats.filtered_dcp_delete_counter,
      worker_spawn_counter: 1,
    },
    lcb_exception_stats: { ...lcb_exception_stats },
    function_scope: {
      bucket_name: record.location.bucket,
      scope_name: record.location.scope,
    },
    function_name: formatLocation(record.location),
    function_id: record.handleruuid,
    dcp_feed_boundary: record.definition.settings.dcp_stream_boundary,
    events_remaining: { dcp_backlog: managed.backlog },
    latency_percentile_stats: Object.fromEntries(PERCENTILES.map((p) => [p, 0])),
    internal_vb_distribution_stats: {},
    worker_pids: { [`worker_${record.location.name}_0`]: process.pid },
    lcb_creds_request_counter: 0,
    gocb_creds_request_counter: 0,
    ...(full ? { latency_stats: {}, curl_latency_stats: {} } : {}),
  };
}

function isFull(query: URLSearchParams): boolean {
  return query.get('type') === 'full' || query.get('type') === 'debug';
}

function getAll(context: RequestContext): Reply {
  const { service } = context;
  const full = isFull(context.query);
  const stats = service.records.flatMap((record) => {
    const managed = running(record);
    return managed ? [statsOf(record, managed, full)] : [];
  });
  return payload(stats);
}

/** 8.x: the object, or `[]` for a function that is unknown or not running. */
function getOne(context: RequestContext): Reply {
  const record = context.service.find(pathLocation(context));
  const managed = record && running(record);
  return payload(record && managed ? statsOf(record, managed, isFull(context.query)) : []);
}

/**
 * The 7.x per-section routes: 404 for an unknown function, 406 for one that is not deployed.
 * fidelity: 8.x does not register them (plain 404); Couchbase's documentation describes them, so they answer.
 */
function section(pick: (managed: EventingFunction) => unknown) {
  return (context: RequestContext): Reply => {
    const location = queryLocation(context);
    const record = existing(context, location);
    const managed = running(record);
    if (!managed) {
      throw new ServiceError(
        'ERR_APP_NOT_DEPLOYED',
        `Function: ${formatLocation(location)} not deployed`,
      );
    }
    return payload(pick(managed));
  };
}

/** 8.x resets whatever it is asked to, known or not, and says it did. */
function resetStatsCounters(context: RequestContext): Reply {
  const record = context.service.find(queryLocation(context));
  record?.function.resetStats();
  return message('Done resetting counters');
}

export const statsRoutes: Route[] = [
  { pattern: /^\/api\/v1\/stats\/?$/, methods: { GET: getAll } },
  { pattern: /^\/api\/v1\/stats\/(.+?)\/?$/, methods: { GET: getOne } },
  {
    pattern: /^\/getExecutionStats\/?$/,
    methods: { GET: section((managed) => structuredClone(managed.stats.execution_stats)) },
  },
  // fidelity: no latency histogram is measured; the map is empty.
  { pattern: /^\/getLatencyStats\/?$/, methods: { GET: section(() => ({})) } },
  {
    pattern: /^\/getFailureStats\/?$/,
    methods: { GET: section((managed) => ({ ...managed.stats.failure_stats })) },
  },
  { pattern: /^\/resetStatsCounters\/?$/, methods: { '*': resetStatsCounters } },
];
