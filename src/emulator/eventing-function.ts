import type { FunctionDefinition } from '../definition/types.ts';
import type { AppLogEntry, FunctionStats, HandlerFailure } from '../runtime/index.ts';
import type { PendingTimer } from './timer-store.ts';

/** The `composite_status` values of GET /api/v1/status. */
export type CompositeStatus =
  | 'undeployed'
  | 'deploying'
  | 'deployed'
  | 'undeploying'
  | 'paused'
  | 'pausing'
  | 'resuming';

/**
 * A function in the emulator, as tests see it.
 *
 * @example
 * const fn = await em.deploy(definition);
 * await em.upsert('src', 'k1', { a: 1 });
 * expect(fn.stats.execution_stats.on_update_success).toBe(1);
 * await fn.pause();
 * await em.upsert('src', 'k1', { a: 2 });   // queued while paused
 * await fn.resume();                         // delivered now
 */
export interface EventingFunction {
  readonly name: string;
  readonly definition: FunctionDefinition;
  readonly status: CompositeStatus;
  /** Application log lines, oldest first, exactly as the server writes them. */
  readonly logs: readonly string[];
  /**
   * The same lines parsed: level, time, and the logged arguments as values, e.g.
   * `{ level: 'INFO', time, args: ['done', { id: 'k1' }], text: '"done" {"id":"k1"} ' }`.
   */
  readonly logEntries: readonly AppLogEntry[];
  /** Live counters with the server's names; a fresh deploy starts them again at zero. */
  readonly stats: FunctionStats;
  /** Every invocation that threw, timed out or ran out of memory, oldest first. */
  readonly failures: readonly HandlerFailure[];
  /** Timers waiting for their due time, earliest first. */
  readonly timers: readonly PendingTimer[];
  /** The server's id of the current deployment; new on every fresh deploy. */
  readonly handleruuid: number;
  /** `function_instance_id` (`<handleruuid>-<random>`); new on every fresh deploy. */
  readonly instanceId: string;
  /** Changes and timers waiting to be handled. */
  readonly backlog: number;
  /** Starts every statistics counter again at zero. */
  resetStats(): void;
  /** The newest app log lines within about `bytes` bytes, newest first (GET /getAppLog). */
  appLogTail(bytes: number): string[];
  /** Deploys an undeployed function (or resumes a paused one, as Couchbase Server 8 does). */
  deploy(): Promise<void>;
  /** Stops a deployed or paused function; its pending timers are deleted. */
  undeploy(): Promise<void>;
  /** Stops processing; changes of the source keyspace wait until resume. */
  pause(): Promise<void>;
  /** Resumes a paused function (or deploys an undeployed one, as Couchbase Server 8 does). */
  resume(): Promise<void>;
}
