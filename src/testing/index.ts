// eventing-dev/testing: helpers for tests of Eventing functions. Explicit re-exports only.
export { createEmulator, Emulator } from '../emulator/emulator.ts';
export { defineFunction, type FunctionSpec, type UrlSpec } from './define-function.ts';
