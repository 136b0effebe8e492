// The runtime as the emulator reaches it: one entry point. The emulator builds a function's V8
// world with createFunctionRuntime and serves it through the ports below; the Query service
// reads SQL++ with the handler transpiler's lexer. Everything else in runtime/ is the
// runtime's own business.

export { type AppLogEntry, parseAppLogLine } from './bindings/log/app-log-entry.ts';
export { decodeQuoted, type SqlToken, tokenizeSql } from './compile/sql-tokens.ts';
export type { DocumentChange, DocumentMutation } from './document-change.ts';
export type { AdvancedOp } from './door-protocol.ts';
export type { EntryMode } from './entry-plan.ts';
export type { FunctionEvent, OnDeployAction } from './function-event.ts';
export {
  createFunctionRuntime,
  type FunctionRuntime,
  readyRuntime,
} from './function-runtime.ts';
export type { HandlerFailure } from './handler-failure.ts';
export { assertIsolateNodeFlags } from './isolate/node-flags.ts';
export {
  type CasWriteOptions,
  type Clock,
  type HttpPort,
  type KeyspacePort,
  KvFailure,
  type KvFailureName,
  type KvRefusal,
  type LookupInResult,
  type LookupInSpec,
  type MutateInSpec,
  type QueryPort,
  type QueryRequest,
  type QueryRows,
  type StoredDocument,
  type TimerPort,
  type WriteOptions,
} from './ports.ts';
export { functionWrites, type RecursionProblem, recursionProblems } from './recursion.ts';
export { createFunctionStats, type FunctionStats, resetStats } from './stats.ts';
export type { TimerFire } from './timer-fire.ts';
