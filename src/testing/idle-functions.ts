import { formatKeyspace } from '../definition/keyspace.ts';
import type { Emulator } from '../emulator/emulator.ts';
import type { EventingFunction } from '../emulator/eventing-function.ts';

// When an expectation fails because nothing happened, the likely cause is a write to a
// keyspace the function does not listen to ('source' where it listens to
// 'bulk.data.source'). The matchers' failure messages then say so, with what it listens to.

/** How many events reached the function: mutations, deletions and timers. */
function eventsReceived(fn: EventingFunction): number {
  const stats = fn.stats.execution_stats;
  return stats.dcp_mutation_msg_counter + stats.dcp_delete_msg_counter + stats.timer_msg_counter;
}

/** One line: the function, its status, its source keyspace and its bindings. */
export function describeFunction(fn: EventingFunction): string {
  const { depcfg } = fn.definition;
  const source = formatKeyspace({
    bucket: depcfg.source_bucket,
    scope: depcfg.source_scope || '_default',
    collection: depcfg.source_collection || '_default',
  });
  const bindings = [
    ...depcfg.buckets.map(
      (binding) =>
        `${binding.alias} → ${formatKeyspace({
          bucket: binding.bucket_name,
          scope: binding.scope_name || '_default',
          collection: binding.collection_name || '_default',
        })} (${binding.access === 'rw' ? 'read-write' : 'read-only'})`,
    ),
    ...depcfg.curl.map((binding) => `${binding.value} → ${binding.hostname} (URL)`),
    ...depcfg.constants.map((binding) => `${binding.value} = ${binding.literal} (constant)`),
  ];
  return `${fn.name} (${fn.status}) listens to ${source}; bindings: ${bindings.join(', ') || 'none'}`;
}

/**
 * A note for a failure message about `fn` when it received no events, else ''.
 *
 * @example
 * `expected the log to contain "copied"${idleNote(fn)}`
 */
export function idleNote(fn: EventingFunction): string {
  if (eventsReceived(fn) > 0) return '';
  return `\n\n${fn.name} received no events. Did the test write to its source keyspace?\n  ${describeFunction(fn)}`;
}

/** A note for a failure message about the emulator when no function received any event. */
export function idleEmulatorNote(em: Emulator): string {
  const functions = em.functions;
  if (functions.length === 0 || functions.some((fn) => eventsReceived(fn) > 0)) return '';
  const lines = functions.map((fn) => `  ${describeFunction(fn)}`);
  return `\n\nNo function received an event. Did the test write to their source keyspaces?\n${lines.join('\n')}`;
}
