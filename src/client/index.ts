// eventing-dev/client: the Eventing REST client, for scripts. Loads neither isolated-vm nor
// vitest. Explicit re-exports only.
export { EventingApiError } from './eventing-api-error.ts';
export { EventingClient, type EventingClientOptions } from './eventing-client.ts';
export { alreadyInState, type LifecycleOperation } from './lifecycle.ts';
export type {
  AppStatus,
  CompositeStatus,
  FunctionDefinitionJson,
  ImportResult,
  ListFilter,
  RestingStatus,
  ScopeOption,
} from './types.ts';
export type { WaitOptions, WaitProgress } from './wait-for-status.ts';
