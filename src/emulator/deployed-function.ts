import { randomBytes } from 'node:crypto';
import type { Keyspace } from '../definition/keyspace.ts';
import type { FunctionDefinition } from '../definition/types.ts';
import type { DocumentChange } from '../runtime/document-change.ts';
import type { EntryMode } from '../runtime/entry-plan.ts';
import { createFunctionRuntime, type FunctionRuntime } from '../runtime/function-runtime.ts';
import type { HandlerFailure } from '../runtime/handler-failure.ts';
import type { Clock, KeyspacePort } from '../runtime/ports.ts';
import { createFunctionStats, type FunctionStats } from '../runtime/stats.ts';
import { AppLog } from './app-log.ts';
import { ChangeQueue } from './change-queue.ts';
import { filterChange } from './event-filter.ts';

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
 * expect(fn.logs.at(-1)).toMatch(/\[INFO\] "k1"/);
 */
export interface EventingFunction {
  readonly name: string;
  readonly definition: FunctionDefinition;
  readonly status: CompositeStatus;
  /** Application log lines, oldest first, exactly as the server writes them. */
  readonly logs: readonly string[];
  /** Live counters with the server's names. */
  readonly stats: FunctionStats;
  /** Every invocation that threw, timed out or ran out of memory, oldest first. */
  readonly failures: readonly HandlerFailure[];
}

export interface DeployContext {
  keyspaces: KeyspacePort;
  clock: Clock;
  memoryLimitMb: number | undefined;
  entryMode: EntryMode | undefined;
  filename: string;
}

/** A deployed function: its runtime, its queue of pending changes and its records. */
export class DeployedFunction implements EventingFunction {
  readonly definition: FunctionDefinition;
  readonly stats: FunctionStats = createFunctionStats();
  readonly failures: HandlerFailure[] = [];
  readonly instanceId = randomBytes(8).toString('hex');
  readonly sourceKeyspace: Keyspace;
  readonly queue = new ChangeQueue();
  readonly runtime: FunctionRuntime;
  status: CompositeStatus = 'deployed';
  readonly #log: AppLog;

  constructor(definition: FunctionDefinition, context: DeployContext) {
    this.definition = definition;
    const { settings, depcfg } = definition;
    this.sourceKeyspace = {
      bucket: depcfg.source_bucket,
      scope: depcfg.source_scope,
      collection: depcfg.source_collection,
    };
    this.#log = new AppLog(settings.app_log_max_size * settings.app_log_max_files);
    this.runtime = createFunctionRuntime({
      definition,
      functionInstanceId: this.instanceId,
      filename: context.filename,
      keyspaces: context.keyspaces,
      clock: context.clock,
      stats: this.stats,
      onAppLog: (line) => this.#log.append(line),
      onFailure: (failure) => this.failures.push(failure),
      ...(context.memoryLimitMb === undefined ? {} : { memoryLimitMb: context.memoryLimitMb }),
      ...(context.entryMode === undefined ? {} : { entryMode: context.entryMode }),
    });
  }

  get name(): string {
    return this.definition.appname;
  }

  get logs(): readonly string[] {
    return this.#log.lines;
  }

  /** Queues a change of the source keyspace unless the filtering rules drop it. */
  offer(change: DocumentChange, suppressFor: string | undefined): void {
    const verdict = filterChange(change, suppressFor, {
      instanceId: this.instanceId,
      settings: this.definition.settings,
    });
    if (verdict === 'deliver') {
      this.queue.push(change);
      return;
    }
    const counters = this.stats.execution_stats;
    if (change.kind === 'mutation') counters.filtered_dcp_mutation_counter++;
    else counters.filtered_dcp_delete_counter++;
  }

  dispose(): void {
    this.queue.clear();
    this.runtime.dispose();
  }
}
