import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EventingDevError, type Problem } from '../errors.ts';
import {
  type CoverageOptions,
  parseCoverageOptions,
} from '../testing/coverage/coverage-options.ts';

// eventing-dev.json, the project file at the root of a function project: where the function
// folders live, the clusters it talks to and the environments it is promoted to.

export const PROJECT_FILE = 'eventing-dev.json';

/** A cluster's Eventing REST endpoint. Passwords never live here (environment variables do). */
export interface ClusterConfig {
  /** e.g. `http://127.0.0.1:8096` or `https://cb.example.com:18096`. */
  url: string;
  username?: string;
}

/** Where a function goes and how its definition changes on the way. */
export interface EnvironmentConfig {
  /** Name of a cluster of `clusters`. */
  cluster: string;
  /** Keyspace renames: `{ "travel-sample": "travel" }` or full `bucket.scope.collection` names. */
  keyspaces?: Record<string, string>;
  /** URL-binding host renames: `{ "https://api.test": "https://api.example.com" }`. */
  urls?: Record<string, string>;
}

export interface ProjectConfig {
  /** The folder holding one folder per function, relative to the project root. */
  functions: string;
  clusters: Record<string, ClusterConfig>;
  environments: Record<string, EnvironmentConfig>;
  /** Handler coverage of `eventing-dev test --coverage`, named as vitest's coverage settings. */
  coverage?: CoverageOptions;
  /** How `eventing-dev test` runs the project's tests. */
  test?: TestConfig;
}

export interface TestConfig {
  /**
   * The Eventing node's time zone (IANA name) for handlers, their app logs and the test code:
   * the default `timeZone` of every emulator the tests create.
   */
  timeZone?: string;
}

const OPTIONAL_FIELDS = ['$schema', 'coverage', 'test'];

/** A project: its root folder and its configuration. */
export interface Project {
  root: string;
  config: ProjectConfig;
  /** Absolute path of the functions folder. */
  functionsDir: string;
}

/** The nearest folder at or above `from` holding an eventing-dev.json, if any. */
export function findProjectRoot(from: string): string | undefined {
  let folder = resolve(from);
  for (;;) {
    if (existsSync(join(folder, PROJECT_FILE))) return folder;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/**
 * Reads the project at or above `from`. Without an eventing-dev.json, `from` is the root and
 * the defaults apply (functions in `functions/`, no clusters or environments).
 * @throws EventingDevError `CONFIG_INVALID` listing every problem of the file.
 */
export function loadProject(from: string): Project {
  const root = findProjectRoot(from) ?? resolve(from);
  const file = join(root, PROJECT_FILE);
  const config = existsSync(file)
    ? parseProjectConfig(readFileSync(file, 'utf8'), file)
    : defaultConfig();
  return { root, config, functionsDir: resolve(root, config.functions) };
}

export function defaultConfig(): ProjectConfig {
  return { functions: 'functions', clusters: {}, environments: {} };
}

/** Validates the text of an eventing-dev.json. */
export function parseProjectConfig(text: string, file = PROJECT_FILE): ProjectConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw invalid(file, [{ path: '(json)', message: (cause as Error).message }]);
  }
  const problems: Problem[] = [];
  const object = (value: unknown, path: string): Record<string, unknown> => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
    problems.push({ path, message: 'must be an object' });
    return {};
  };
  const top = object(raw, '(root)');
  const config = defaultConfig();
  for (const field of Object.keys(top)) {
    if (!(field in config) && !OPTIONAL_FIELDS.includes(field)) {
      problems.push({
        path: field,
        message: `is not a field of ${PROJECT_FILE} (functions, clusters, environments, coverage, test)`,
      });
    }
  }
  if (top.functions !== undefined) {
    if (typeof top.functions === 'string' && top.functions !== '') config.functions = top.functions;
    else problems.push({ path: 'functions', message: 'must be a folder name' });
  }
  for (const [name, cluster] of Object.entries(object(top.clusters ?? {}, 'clusters'))) {
    const fields = object(cluster, `clusters.${name}`);
    if (typeof fields.url !== 'string' || !/^https?:\/\//.test(fields.url)) {
      problems.push({
        path: `clusters.${name}.url`,
        message: 'must be an http:// or https:// URL',
      });
    }
    if ('password' in fields) {
      problems.push({
        path: `clusters.${name}.password`,
        message: 'passwords do not belong in eventing-dev.json; set CB_REST_PASSWORD',
      });
    }
    if (fields.username !== undefined && typeof fields.username !== 'string') {
      problems.push({ path: `clusters.${name}.username`, message: 'must be a string' });
    }
    config.clusters[name] = {
      url: String(fields.url),
      ...(typeof fields.username === 'string' ? { username: fields.username } : {}),
    };
  }
  for (const [name, environment] of Object.entries(
    object(top.environments ?? {}, 'environments'),
  )) {
    const fields = object(environment, `environments.${name}`);
    if (typeof fields.cluster !== 'string' || !(fields.cluster in config.clusters)) {
      problems.push({
        path: `environments.${name}.cluster`,
        message: `must name one of the clusters (${Object.keys(config.clusters).join(', ') || 'none defined'})`,
      });
    }
    config.environments[name] = {
      cluster: String(fields.cluster),
      ...renames(fields.keyspaces, `environments.${name}.keyspaces`, problems, 'keyspaces'),
      ...renames(fields.urls, `environments.${name}.urls`, problems, 'urls'),
    };
  }
  if (top.coverage !== undefined) config.coverage = parseCoverageOptions(top.coverage, problems);
  if (top.test !== undefined) {
    const test = testConfig(object(top.test, 'test'), problems);
    if (test) config.test = test;
  }
  if (problems.length > 0) throw invalid(file, problems);
  return config;
}

function testConfig(fields: Record<string, unknown>, problems: Problem[]): TestConfig | undefined {
  for (const field of Object.keys(fields)) {
    if (field !== 'timeZone')
      problems.push({ path: `test.${field}`, message: 'is not a field of test (timeZone)' });
  }
  if (fields.timeZone === undefined) return undefined;
  if (typeof fields.timeZone === 'string' && knownTimeZone(fields.timeZone))
    return { timeZone: fields.timeZone };
  problems.push({
    path: 'test.timeZone',
    message: "must be an IANA time zone name such as 'UTC' or 'America/Los_Angeles'",
  });
  return undefined;
}

function knownTimeZone(timeZone: string): boolean {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone !== '';
  } catch {
    return false;
  }
}

function renames(value: unknown, path: string, problems: Problem[], field: 'keyspaces' | 'urls') {
  if (value === undefined) return {};
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.values(value).some((v) => typeof v !== 'string')
  ) {
    problems.push({ path, message: 'must map names to names (strings)' });
    return {};
  }
  return { [field]: value as Record<string, string> };
}

function invalid(file: string, problems: Problem[]): EventingDevError {
  return new EventingDevError('CONFIG_INVALID', `${file} is not a valid project file`, {
    problems,
    hint: 'See the README section "Function projects" for the format of eventing-dev.json.',
  });
}
