// Loaded by the vitest preset in every test file's worker: registers the Eventing matchers and
// applies the project's test settings to the emulators the tests create.
import { expect } from 'vitest';
import { emulatorDefaults } from '../emulator/emulator-defaults.ts';
import { eventingMatchers } from './matchers.ts';
import { TIME_ZONE_VARIABLE } from './vitest-preset.ts';

expect.extend(eventingMatchers);

const timeZone = process.env[TIME_ZONE_VARIABLE];
if (timeZone) emulatorDefaults.timeZone = timeZone;
