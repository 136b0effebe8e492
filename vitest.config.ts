import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { ISOLATE_NODE_FLAGS } from './src/runtime/isolate/node-flags.ts';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^eventing-dev$/, replacement: src('index.ts') },
      { find: /^eventing-dev\/testing$/, replacement: src('testing/index.ts') },
    ],
  },
  test: {
    pool: 'forks',
    execArgv: [...ISOLATE_NODE_FLAGS],
    // Two workers even on two cores: many tests wait on a child process or a socket, and the
    // other worker runs meanwhile (vitest's default is one fewer than the cores).
    maxWorkers: 2,
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // Test files share a worker's module graph (as the preset's do) instead of importing
          // src/ again for each of them: fakes are per test, nothing global is left behind.
          isolate: false,
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'examples',
          include: ['examples/**/*.test.{js,ts}'],
          setupFiles: ['src/testing/setup-matchers.ts'],
        },
      },
    ],
  },
});
