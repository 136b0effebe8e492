import type { TimerPort } from '../../ports.ts';
import type { FunctionStats } from '../../stats.ts';

// Host side of createTimer and cancelTimer: the shim validated the arguments; this stores and
// counts (spec §5).

export interface TimerContext {
  port: TimerPort;
  stats: FunctionStats;
}

export function createTimer(
  context: TimerContext,
  callback: string,
  dueSeconds: number,
  reference: string | null,
  timerContext: string,
): string {
  const stored = context.port.create(callback, dueSeconds, reference, timerContext);
  context.stats.execution_stats.timer_create_counter++;
  return stored;
}

export function cancelTimer(context: TimerContext, callback: string, reference: string): boolean {
  const removed = context.port.cancel(callback, reference);
  if (removed) context.stats.execution_stats.timer_cancel_counter++;
  return removed;
}
