import type { FunctionDefinition } from '../definition/types.ts';

/**
 * How the host enters a function's isolate.
 * - `sync`: on the Node thread; host calls are plain function calls. Fastest.
 * - `async`: on isolated-vm's thread pool; host calls may wait on asynchronous work (HTTP for
 *   curl, asynchronous query handlers) while Node's event loop runs. A function planned async
 *   still enters on the Node thread while every answer it may ask for would come at once (see
 *   {@link EntryPlan.asyncFor}).
 */
export type EntryMode = 'sync' | 'async';

export interface EntryPlan {
  mode: EntryMode;
  /**
   * Why the plan chose async: the function calls curl() (it has URL bindings or mentions it),
   * or runs queries. A batch may still enter on the Node thread while every port named here
   * would answer at once. Both false when the mode is sync or was forced.
   */
  asyncFor: { curl: boolean; queries: boolean };
  /** Most events handed to one entry into the isolate. */
  maxBatch: number;
}

const MAX_BATCH = 256;

// Built-ins whose host side may have to wait for I/O; only they need the asynchronous entry.
const CURL = /\bcurl\b/;
const QUERY_BUILTINS = /\b(?:N1QL|n1qlQuery|N1qlQuery|analyticsQuery|searchQuery)\b/;

// Code that can queue microtasks. Those run when the host's call into the isolate unwinds, so
// such handlers get one event per entry, and each invocation's microtasks finish before the
// next invocation starts, as on the server.
const MICROTASK_SOURCES = /\b(?:async|await|Promise|then|eval|Function)\b/;

/**
 * Decides the entry mode and batch size from the definition and the handler code with comments
 * and strings blanked out.
 */
export function planEntry(
  definition: FunctionDefinition,
  blankedCode: string,
  forced?: EntryMode,
): EntryPlan {
  const curl = definition.depcfg.curl.length > 0 || CURL.test(blankedCode);
  const queries = QUERY_BUILTINS.test(blankedCode);
  const mode = forced ?? (curl || queries ? 'async' : 'sync');
  const planned = forced === undefined;
  return {
    mode,
    asyncFor: { curl: planned && curl, queries: planned && queries },
    maxBatch: MICROTASK_SOURCES.test(blankedCode) ? 1 : MAX_BATCH,
  };
}
