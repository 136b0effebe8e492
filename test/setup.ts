import { afterEach } from 'vitest';
import { runCleanups } from './helpers/after-each-test.ts';

// Run before every test file (see helpers/after-each-test.ts for why helpers do not register
// their own hooks).
afterEach(runCleanups);
