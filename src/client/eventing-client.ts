import { EventingApiError } from './eventing-api-error.ts';
import { formatLocation, isAt, scopeQuery } from './function-location.ts';
import { FunctionRoutes } from './function-routes.ts';
import type {
  ApiMessage,
  AppStatus,
  FunctionDefinitionJson,
  FunctionStats,
  ImportResult,
  ListFilter,
  RestingStatus,
  ScopeOption,
  StatusList,
} from './types.ts';
import { type WaitOptions, waitForStatus } from './wait-for-status.ts';

// The service-wide routes (status, logs, lists, configuration, statistics, backup; spec
// rest-api.md §2.12–2.22) and the status waits, on top of the per-function routes.

/** `true`/`false` for a boolean filter; nothing when unset. */
const flag = (value: boolean | undefined) => (value === undefined ? undefined : String(value));

/**
 * A typed client of the Eventing REST API of Couchbase Server 6.6 to 8.x, and of
 * `eventing-dev serve`: one method per route. Function names may be written
 * `bucket/scope/name`, or passed with `{ scope }`. Refusals throw {@link EventingApiError};
 * an unreachable service throws EventingDevError `CLUSTER_UNREACHABLE` (or `API_TIMEOUT`).
 *
 * @example
 * const client = new EventingClient({ url: 'https://cb.example.com:18096', username, password, ca });
 * await client.deploy('enrich');
 * await client.waitForStatus('enrich', 'deployed', { onProgress: (p) => console.log(p.status) });
 * await client.close();
 */
export class EventingClient extends FunctionRoutes {
  /** GET /api/v1/status, with 7.x's `apps: null` read as `[]`. */
  async getStatuses(): Promise<StatusList> {
    const list = await this.json<{ apps?: AppStatus[] | null; num_eventing_nodes?: number }>({
      method: 'GET',
      path: '/api/v1/status',
    });
    return { apps: list.apps ?? [], num_eventing_nodes: list.num_eventing_nodes ?? 0 };
  }

  /** GET /api/v1/status/{name}; on 6.6, which lacks the route, the function's entry of the list. */
  async getStatus(name: string, options: ScopeOption = {}): Promise<AppStatus> {
    try {
      const spec = this.at('GET', name, options, '', {}, '/api/v1/status/');
      return (await this.json<{ app: AppStatus }>(spec)).app;
    } catch (error) {
      if (!(error instanceof EventingApiError) || error.name !== 'HTTP_404') throw error;
    }
    const location = this.locate(name, options);
    const app = (await this.getStatuses()).apps.find((entry) => isAt(entry, location));
    if (app) return app;
    throw new EventingApiError({
      status: 404,
      name: 'ERR_APP_NOT_FOUND_TS',
      code: 13,
      message: `Function: ${name} not found`,
      method: 'GET',
      path: '/api/v1/status',
    });
  }

  /**
   * Polls the status until the function is `target`. The transitional states on the way keep
   * the wait going (a resume shows as `deploying` on 7.x, `resuming` on 8.x); a function that is
   * already there returns at once.
   * @throws EventingDevError `API_TIMEOUT` after `timeoutMs`; `FUNCTION_STATE` when the function
   * settles elsewhere and no longer asks for `target`.
   */
  waitForStatus(
    name: string,
    target: RestingStatus,
    options: WaitOptions & ScopeOption = {},
  ): Promise<AppStatus> {
    const read = () => this.getStatus(name, options);
    return waitForStatus({ name, target, read, now: this.now, sleep: this.http.sleep }, options);
  }

  /**
   * Polls GET /api/v1/functions/{name} until it answers 404: a delete finishes in the
   * background and the function can stay visible briefly (spec §9.1). Resolves to whether it
   * went within `timeoutMs` (default 60 s).
   */
  async waitForDeletion(name: string, options: WaitOptions & ScopeOption = {}): Promise<boolean> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const started = this.now();
    for (let interval = options.intervalMs ?? 100; ; interval = Math.min(interval * 2, 1000)) {
      try {
        await this.getFunction(name, options);
      } catch (error) {
        if (error instanceof EventingApiError && error.status === 404) return true;
        throw error;
      }
      if (this.now() - started >= timeoutMs) return false;
      await this.http.sleep(interval);
    }
  }

  /**
   * GET /getAppLog: the function's recent application log lines, newest first as the server
   * sends them; about `size` bytes (default 40960), from every node with `aggregate`.
   */
  async getAppLog(
    name: string,
    options: ScopeOption & { aggregate?: boolean; size?: number } = {},
  ): Promise<string[]> {
    const location = this.locate(name, options);
    const query = scopeQuery(location, {
      name: location.name,
      aggregate: flag(options.aggregate),
      size: options.size?.toString(),
    });
    const answer = await this.http.send({ method: 'GET', path: '/getAppLog', query });
    return answer.text.split('\n').filter((line) => line !== '');
  }

  /** GET /api/v1/list/functions: location strings, filtered. */
  async listFunctions(filter: ListFilter = {}): Promise<string[]> {
    const query = new URLSearchParams();
    const set = (key: string, value: string | undefined) => {
      if (value !== undefined) query.set(key, value);
    };
    set('deployed', flag(filter.deployed));
    set('source_bucket', filter.sourceBucket);
    set('source_scope', filter.sourceScope);
    set('source_collection', filter.sourceCollection);
    set('function_type', filter.functionType);
    const answer = await this.json<{ functions?: string[] | null }>({
      method: 'GET',
      path: '/api/v1/list/functions',
      query,
    });
    return answer.functions ?? [];
  }

  /** GET /api/v1/config: the service's settings (8.x: of a bucket or scope with `scope`). */
  getGlobalConfig(options: { scope?: { bucket: string; scope?: string } } = {}) {
    return this.json<Record<string, unknown>>({
      method: 'GET',
      path: '/api/v1/config',
      query: namespaceQuery(options.scope),
    });
  }

  /**
   * POST /api/v1/config: merges `values`. 7.x answers `{restart: false}` (as `info`), 8.x a
   * message.
   */
  setGlobalConfig(
    values: Record<string, unknown>,
    options: { scope?: { bucket: string; scope?: string } } = {},
  ): Promise<ApiMessage> {
    const query = namespaceQuery(options.scope);
    return this.message({ method: 'POST', path: '/api/v1/config', query, json: values });
  }

  /** DELETE /api/v1/config?bucket=&scope= (8.x): drops a bucket's or scope's own settings. */
  deleteGlobalConfig(options: { scope: { bucket: string; scope?: string } }): Promise<ApiMessage> {
    const query = namespaceQuery(options.scope);
    return this.message({ method: 'DELETE', path: '/api/v1/config', query });
  }

  /** GET /api/v1/stats[?type=full]: one entry per running (deployed or paused) function. */
  async getStats(options: { full?: boolean } = {}): Promise<FunctionStats[]> {
    const query = new URLSearchParams(options.full ? { type: 'full' } : {});
    const stats = await this.json<FunctionStats[] | null>({
      method: 'GET',
      path: '/api/v1/stats',
      query,
    });
    return stats ?? [];
  }

  /**
   * GET /api/v1/stats/{name} (7.6+), or the function's entry of the list where the route is
   * missing; undefined when the function is not running (8.x answers `[]`, 7.6 a 422).
   */
  async getFunctionStats(
    name: string,
    options: ScopeOption & { full?: boolean } = {},
  ): Promise<FunctionStats | undefined> {
    const location = this.locate(name, options);
    const type = options.full ? 'full' : undefined;
    // 7.6 insists on bucket and scope, `*` for global functions.
    const scope = location.scope ?? { bucket: '*', scope: '*' };
    const query = new URLSearchParams({ bucket: scope.bucket, scope: scope.scope });
    if (type) query.set('type', type);
    try {
      const path = `/api/v1/stats/${encodeURIComponent(location.name)}`;
      const stats = await this.json<FunctionStats | unknown[]>({ method: 'GET', path, query });
      return Array.isArray(stats) ? undefined : stats;
    } catch (error) {
      if (!(error instanceof EventingApiError)) throw error;
      // 7.6 says "<fn> is not deployed" with this name (sic, spec §2.16).
      if (error.name === 'ERR_APP_ALREADY_DEPLOYED') return undefined;
      if (error.name !== 'HTTP_404') throw error;
    }
    const all = await this.getStats(options);
    const wanted = formatLocation(location);
    return all.find((entry) => entry.function_name === wanted);
  }

  /** GET /getExecutionStats (6.6–7.6; 8.x removed it). */
  getExecutionStats(name: string, options: ScopeOption = {}) {
    return this.statsSection('/getExecutionStats', name, options);
  }

  /** GET /getLatencyStats (6.6–7.6): latency histogram, µs bucket → count. */
  getLatencyStats(name: string, options: ScopeOption = {}) {
    return this.statsSection('/getLatencyStats', name, options);
  }

  /** GET /getFailureStats (6.6–7.6). */
  getFailureStats(name: string, options: ScopeOption = {}) {
    return this.statsSection('/getFailureStats', name, options);
  }

  /** GET /resetStatsCounters?appName= (7.0+): zeroes the function's counters on every node. */
  resetStats(name: string, options: ScopeOption = {}): Promise<ApiMessage> {
    const location = this.locate(name, options);
    const query = scopeQuery(location, { appName: location.name });
    return this.message({ method: 'GET', path: '/resetStatsCounters', query });
  }

  /** GET /getErrorCodes: the server's error catalogue (unreliable on 7.x, spec §2.20). */
  getErrorCodes(): Promise<unknown> {
    return this.json({ method: 'GET', path: '/getErrorCodes' });
  }

  /** GET /version: e.g. `evt-7.6.2-3721-ee`. */
  async getVersion(): Promise<string> {
    return (await this.http.send({ method: 'GET', path: '/version' })).text.trim();
  }

  /** GET /uuid: the node's UUID. */
  async getUuid(): Promise<string> {
    return (await this.http.send({ method: 'GET', path: '/uuid' })).text.trim();
  }

  /** GET /api/v1/backup (7.0+): definitions, filtered by keyspaces (`bucket[.scope[.collection]]`). */
  backup(options: { include?: string[]; exclude?: string[] } = {}) {
    const query = new URLSearchParams();
    if (options.include) query.set('include', options.include.join(','));
    if (options.exclude) query.set('exclude', options.exclude.join(','));
    return this.json<FunctionDefinitionJson[]>({ method: 'GET', path: '/api/v1/backup', query });
  }

  /** POST /api/v1/backup (7.0+): restores definitions, keyspaces renamed by `remap` (`from:to`). */
  restore(
    definitions: readonly FunctionDefinitionJson[],
    options: { remap?: Record<string, string> } = {},
  ): Promise<ImportResult[]> {
    const remap = Object.entries(options.remap ?? {}).map(([from, to]) => `${from}:${to}`);
    const query = new URLSearchParams(remap.length > 0 ? { remap: remap.join(',') } : {});
    return this.results({ method: 'POST', path: '/api/v1/backup', query, json: definitions });
  }

  private statsSection(path: string, name: string, options: ScopeOption) {
    const location = this.locate(name, options);
    const query = scopeQuery(location, { name: location.name });
    return this.json<Record<string, unknown>>({ method: 'GET', path, query });
  }
}

function namespaceQuery(scope: { bucket: string; scope?: string } | undefined): URLSearchParams {
  const query = new URLSearchParams();
  if (scope) {
    query.set('bucket', scope.bucket);
    if (scope.scope !== undefined) query.set('scope', scope.scope);
  }
  return query;
}

export type { EventingClientOptions } from './function-routes.ts';
