// eventing-dev/testing: helpers for tests of Eventing functions. Explicit re-exports only.
import './register-matchers.ts';

export { createEmulator, Emulator } from '../emulator/emulator.ts';
export { applyMutations } from './apply-mutations.ts';
export type { Mutation, MutationsOptions } from './arbitraries.ts';
export * as arbitraries from './arbitraries.ts';
export { defineFunction, type FunctionSpec, type UrlSpec } from './define-function.ts';
export { loadFunction } from './load-function.ts';
export { eventingMatchers } from './matchers.ts';
export { type PresetOptions, vitestPreset } from './vitest-preset.ts';
