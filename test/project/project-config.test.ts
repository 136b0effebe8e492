import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventingDevError } from '../../src/errors.ts';
import {
  findProjectRoot,
  loadProject,
  parseProjectConfig,
} from '../../src/project/project-config.ts';

function problemsOf(text: string): { path: string; message: string }[] {
  try {
    parseProjectConfig(text);
  } catch (error) {
    expect(error).toBeInstanceOf(EventingDevError);
    expect((error as EventingDevError).code).toBe('CONFIG_INVALID');
    return [...((error as EventingDevError).problems ?? [])];
  }
  throw new Error('expected the configuration to be refused');
}

describe('eventing-dev.json', () => {
  it('reads functions, clusters and environments with their renames', () => {
    const config = parseProjectConfig(
      JSON.stringify({
        $schema: 'https://example.test/schema.json',
        functions: 'eventing',
        clusters: { prod: { url: 'https://cb.example.com:18096', username: 'deployer' } },
        environments: {
          production: {
            cluster: 'prod',
            keyspaces: { 'travel-sample': 'travel' },
            urls: { 'https://api.test': 'https://api.example.com' },
          },
        },
      }),
    );
    expect(config).toEqual({
      functions: 'eventing',
      clusters: { prod: { url: 'https://cb.example.com:18096', username: 'deployer' } },
      environments: {
        production: {
          cluster: 'prod',
          keyspaces: { 'travel-sample': 'travel' },
          urls: { 'https://api.test': 'https://api.example.com' },
        },
      },
    });
  });

  it('defaults to functions/ and no clusters', () => {
    expect(parseProjectConfig('{}')).toEqual({
      functions: 'functions',
      clusters: {},
      environments: {},
    });
  });

  it('reads test.timeZone, refusing a zone Intl does not know', () => {
    expect(parseProjectConfig('{"test":{"timeZone":"Europe/Paris"}}').test).toEqual({
      timeZone: 'Europe/Paris',
    });
    expect(
      problemsOf('{"test":{"timeZone":"Europe/Atlantis","zone":1}}').map((p) => p.path),
    ).toEqual(['test.zone', 'test.timeZone']);
  });

  it('names every problem of the file at once, with its path', () => {
    const problems = problemsOf(
      JSON.stringify({
        functions: '',
        fucntions: 'typo',
        clusters: { prod: { url: 'cb.example.com', password: 'secret', username: 7 } },
        environments: { staging: { cluster: 'nowhere', keyspaces: { a: 1 } } },
      }),
    );
    expect(problems.map((problem) => problem.path)).toEqual([
      'fucntions',
      'functions',
      'clusters.prod.url',
      'clusters.prod.password',
      'clusters.prod.username',
      'environments.staging.cluster',
      'environments.staging.keyspaces',
    ]);
    expect(problems.find((p) => p.path === 'clusters.prod.password')?.message).toContain(
      'CB_REST_PASSWORD',
    );
    expect(problems.find((p) => p.path === 'environments.staging.cluster')?.message).toContain(
      'prod',
    );
  });

  it('says where the JSON is broken', () => {
    const [problem] = problemsOf('{"functions": ');
    expect(problem?.path).toBe('(json)');
    expect(problem?.message).toMatch(/JSON/);
  });
});

describe('loadProject', () => {
  it('finds the project file in a parent folder and resolves the functions folder from it', () => {
    const root = mkdtempSync(join(tmpdir(), 'eventing-dev-project-'));
    writeFileSync(join(root, 'eventing-dev.json'), '{"functions": "eventing"}');
    const deep = join(root, 'eventing', 'enrich');
    mkdirSync(deep, { recursive: true });
    expect(findProjectRoot(deep)).toBe(root);
    const project = loadProject(deep);
    expect(project.root).toBe(root);
    expect(project.functionsDir).toBe(join(root, 'eventing'));
  });

  it('treats a folder without a project file as a project with the defaults', () => {
    const folder = mkdtempSync(join(tmpdir(), 'eventing-dev-bare-'));
    const project = loadProject(folder);
    expect(project.root).toBe(folder);
    expect(project.functionsDir).toBe(join(folder, 'functions'));
    expect(project.config.clusters).toEqual({});
  });

  it('refuses a broken project file with the file named', () => {
    const root = mkdtempSync(join(tmpdir(), 'eventing-dev-broken-'));
    writeFileSync(join(root, 'eventing-dev.json'), '{"clusters": []}');
    expect(() => loadProject(root)).toThrow(/eventing-dev\.json is not a valid project file/);
  });
});
