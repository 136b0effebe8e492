import type { EmulatorOptions } from './emulator-options.ts';

/**
 * Options every emulator of this process starts from, below those given to createEmulator. The
 * vitest preset sets the project's `test.timeZone` here, so tests need not repeat it.
 */
export const emulatorDefaults: Pick<EmulatorOptions, 'timeZone'> = {};
