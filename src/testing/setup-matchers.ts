// Loaded by the vitest preset in every test file's worker: registers the Eventing matchers.
import { expect } from 'vitest';
import { eventingMatchers } from './matchers.ts';

expect.extend(eventingMatchers);
