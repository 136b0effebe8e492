import type { InspectorAddress } from '../server/inspector/inspector-server.ts';

/** Where a test worker learns to open its handler isolates to debuggers (set by the run). */
export const INSPECT_VARIABLE = 'EVENTING_DEV_INSPECT';

/** `--inspect` / `--inspect-brk` of `eventing-dev test`. */
export interface InspectOptions {
  address: InspectorAddress;
  /** Hold the tests until a debugger has attached (`--inspect-brk`). */
  wait: boolean;
}

/**
 * The vitest settings of a run under a debugger: one worker (one inspector port), and no time
 * limit on tests or hooks, which may sit at a breakpoint for as long as the person debugging
 * likes.
 */
export function inspectedRun(options: InspectOptions) {
  process.env[INSPECT_VARIABLE] = JSON.stringify(options);
  return { fileParallelism: false, maxWorkers: 1, testTimeout: 0, hookTimeout: 0 };
}
