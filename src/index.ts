// The public API of eventing-dev. Explicit re-exports only.
import './testing/register-matchers.ts';

export type { Keyspace } from './definition/keyspace.ts';
export { parseDefinition, validateDefinition } from './definition/parse-definition.ts';
export type {
  BucketBinding,
  ConstantBinding,
  DepCfg,
  FunctionDefinition,
  FunctionSettings,
  LanguageCompatibility,
  UrlBinding,
} from './definition/types.ts';
export type { QueryAnswerData } from './emulator/answer-data.ts';
export type { LifecycleOp, LifecycleRoute } from './emulator/change-rules.ts';
export type { DocumentEdit } from './emulator/document-edit.ts';
export type { DocumentSnapshot, UpsertOptions } from './emulator/document-input.ts';
export { createEmulator, Emulator } from './emulator/emulator.ts';
export type { DeployOptions, EmulatorEvent, EmulatorOptions } from './emulator/emulator-options.ts';
export type { DocumentState, EmulatorState, FunctionState } from './emulator/emulator-state.ts';
export type { CompositeStatus, EventingFunction } from './emulator/eventing-function.ts';
export type { Stored, StoreOptions } from './emulator/function-registry.ts';
export type { KvFault, KvFaultError, KvFaultOp, KvFaultRule } from './emulator/kv-faults.ts';
export type {
  QueryAnswerOptions,
  QueryAnswers,
  QueryHandler,
  QueryMatcher,
} from './emulator/query-answers.ts';
export { FunctionRefusal, type RefusalName } from './emulator/refusal.ts';
export type { PendingTimer } from './emulator/timer-store.ts';
export {
  createManualTransitions,
  type ManualTransitions,
  type TransitionScheduler,
} from './emulator/transitions.ts';
export { EventingDevError, type EventingDevErrorCode, type Problem } from './errors.ts';
export type { AppLogEntry } from './runtime/bindings/log/app-log-entry.ts';
export type { HandlerFailure } from './runtime/handler-failure.ts';
export type { QueryRequest, QueryRows } from './runtime/ports.ts';
export type { ExecutionStats, FailureStats, FunctionStats } from './runtime/stats.ts';
