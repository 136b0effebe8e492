import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ISOLATE_NODE_FLAGS } from '../runtime/isolate/node-flags.ts';

// The vitest configuration `eventing-dev test` runs with, also usable in a project's own
// vitest.config: workers in child processes started with the isolate flags, test files in the
// function folders, the Eventing matchers registered, and `eventing-dev`, `vitest` and
// `fast-check` resolved to the copies that come with eventing-dev, so a project needs nothing
// else installed.

// This file runs as .ts from a source checkout and as .js from the built package.
const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const own = (path: string) => fileURLToPath(new URL(`../${path}.${extension}`, import.meta.url));
const dependency = (name: string) => fileURLToPath(import.meta.resolve(name));
// The built package is loaded by Node itself rather than transformed by vite, as vitest does
// for anything under node_modules; that also holds when it is linked from elsewhere.
const ownPackage = fileURLToPath(new URL('..', import.meta.url));

export interface PresetOptions {
  /** The project root (default: the working directory). */
  root?: string;
  /** Folder of the function folders, relative to the root (default `functions`). */
  functions?: string;
  /**
   * The Eventing node's time zone (IANA name): the default `timeZone` of every emulator the
   * tests create, and the zone of the test code itself (TZ).
   */
  timeZone?: string;
}

/** How the preset hands the project's time zone to the setup file in each worker. */
export const TIME_ZONE_VARIABLE = 'EVENTING_DEV_TIME_ZONE';

/**
 * A vitest configuration for Eventing function tests.
 *
 * @example
 * // vitest.config.ts
 * import { defineConfig } from 'vitest/config';
 * import { vitestPreset } from 'eventing-dev/testing';
 * export default defineConfig(vitestPreset());
 */
export function vitestPreset(options: PresetOptions = {}) {
  const functions = options.functions ?? 'functions';
  return {
    ...(options.root ? { root: options.root } : {}),
    resolve: {
      alias: [
        { find: /^eventing-dev$/, replacement: own('index') },
        { find: /^eventing-dev\/testing$/, replacement: own('testing/index') },
        { find: /^vitest$/, replacement: dependency('vitest') },
        { find: /^fast-check$/, replacement: dependency('fast-check') },
      ],
    },
    test: {
      pool: 'forks' as const,
      // Test files share a worker (and its warm isolate pool) instead of one worker each: about
      // twice as fast for a project of several functions. Each test creates its own emulator.
      isolate: false,
      execArgv: [...ISOLATE_NODE_FLAGS],
      ...(options.timeZone
        ? { env: { TZ: options.timeZone, [TIME_ZONE_VARIABLE]: options.timeZone } }
        : {}),
      include: [`${functions}/**/*.{test,spec}.{js,mjs,ts,mts}`],
      setupFiles: [
        own('testing/setup-matchers'),
        own('testing/coverage/setup-coverage'),
        own('testing/setup-inspector'),
      ],
      // Tests read handler.js and function.json from disk rather than importing them, so vitest
      // cannot see that a test depends on them: in watch mode, a change reruns the tests beside.
      watchTriggerPatterns: [
        {
          pattern: /[/\\](handler\.js|function\.json)$/,
          testsToRun: (file: string) => testsBeside(file),
        },
      ],
      ...(extension === 'js' ? { server: { deps: { external: [ownPackage] } } } : {}),
    },
  };
}

const TEST_FILE = /\.(test|spec)\.(js|mjs|ts|mts)$/;

function testsBeside(file: string): string[] {
  const folder = dirname(file);
  try {
    return readdirSync(folder)
      .filter((name) => TEST_FILE.test(name))
      .map((name) => join(folder, name));
  } catch {
    return [];
  }
}
