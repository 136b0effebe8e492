import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { listTemplates } from '../../../src/project/scaffold.ts';
import { runCli } from '../run-cli.ts';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(repo, 'bin', 'eventing-dev.js');

interface JsonReport {
  numTotalTests: number;
  numFailedTests: number;
  testResults: { name: string; status: string }[];
}

/** The JSON report vitest printed, and what ran. */
function report(stdout: string): JsonReport {
  return JSON.parse(stdout.slice(stdout.indexOf('{'))) as JsonReport;
}

/** A project with one function of every template, each named after its template. */
function projectOfEveryTemplate(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-templates-'));
  for (const template of listTemplates()) {
    const init = runCli(['init', '--template', template, '--name', template], { cwd });
    expect(init.code, init.stderr).toBe(0);
  }
  return cwd;
}

// Each test runs the real bin, which starts vitest: seconds, more on a busy machine.
describe('every template, scaffolded into a new project', { timeout: 60_000 }, () => {
  let cwd: string;
  beforeAll(() => {
    cwd = projectOfEveryTemplate();
  }, 60_000);

  it('passes its own tests with eventing-dev test, offline', () => {
    const result = runCli(['test', '--reporter', 'json'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const { numFailedTests, testResults } = report(result.stdout);
    expect(numFailedTests).toBe(0);
    expect(testResults.map((file) => file.name.slice(cwd.length + 1)).sort()).toEqual(
      listTemplates().map((template) => `functions/${template}/${template}.test.js`),
    );
    expect(testResults.every((file) => file.status === 'passed')).toBe(true);
  });

  it('type-checks its handler against the Eventing globals and its own bindings', () => {
    expect(runCli(['types'], { cwd }).code).toBe(0);
    mkdirSync(join(cwd, 'node_modules'), { recursive: true });
    symlinkSync(repo, join(cwd, 'node_modules', 'eventing-dev'));
    const tsc = (files: string[]) =>
      spawnSync(
        join(repo, 'node_modules', '.bin', 'tsc'),
        [
          '--noEmit',
          '--allowJs',
          '--checkJs',
          '--target',
          'es2022',
          '--types',
          'eventing-dev/types',
        ].concat(files),
        { cwd, encoding: 'utf8' },
      );
    // Inline SQL++ is not JavaScript: the cascade-delete handler cannot be checked.
    const checkable = listTemplates().filter((template) => template !== 'cascade-delete');
    const files = checkable.flatMap((t) => [
      `functions/${t}/handler.js`,
      `functions/${t}/bindings.d.ts`,
    ]);
    const clean = tsc(files);
    expect(clean.stdout, clean.stdout).toBe('');
    expect(clean.status).toBe(0);

    const handler = join(cwd, 'functions', 'basic', 'handler.js');
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('copies[', 'copiez['));
    const typo = tsc(['functions/basic/handler.js', 'functions/basic/bindings.d.ts']);
    expect(typo.status).not.toBe(0);
    expect(typo.stdout).toContain("Cannot find name 'copiez'");
  });
});

describe('eventing-dev test', { timeout: 60_000 }, () => {
  it('runs only the test files whose path contains the filter, and hands vitest what follows --', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-filter-'));
    runCli(['init', '--name', 'one'], { cwd });
    runCli(['init', '--name', 'two'], { cwd });
    const filtered = runCli(['test', 'two', '--reporter', 'json'], { cwd });
    expect(filtered.code, filtered.stderr).toBe(0);
    expect(report(filtered.stdout).testResults.map((file) => file.name)).toEqual([
      join(cwd, 'functions', 'two', 'two.test.js'),
    ]);
    const named = runCli(['test', '--reporter', 'json', '--', '--testNamePattern', 'expires'], {
      cwd,
    });
    const ran = report(named.stdout).testResults;
    expect(ran).toHaveLength(2);
    expect(named.code).toBe(0);
  });

  it('exits 1 and names the failing test when a handler breaks its test', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-failing-'));
    runCli(['init', '--name', 'greet'], { cwd });
    const handler = join(cwd, 'functions', 'greet', 'handler.js');
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('delete copies[', 'void copies['));
    // Into a pipe, with no colour variable set: plain text, no ANSI codes.
    const result = runCli(['test'], { cwd, colorVariables: false });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('deletes the copy when the document is deleted');
    expect(result.stdout).toMatch(/Tests\s+2 failed \| 2 passed/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('exits 1 when there is no test to run', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-empty-'));
    const result = runCli(['test'], { cwd });
    expect(result.code).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain('No test files found');
  });

  it("runs handlers and tests in the project's test.timeZone", () => {
    const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-zone-'));
    runCli(['init', '--name', 'zoned'], { cwd });
    writeFileSync(
      join(cwd, 'eventing-dev.json'),
      JSON.stringify({ test: { timeZone: 'America/Los_Angeles' } }),
    );
    writeFileSync(
      join(cwd, 'functions', 'zoned', 'zone.test.js'),
      `import { createEmulator } from 'eventing-dev';
import { defineFunction } from 'eventing-dev/testing';
import { expect, it } from 'vitest';

it('follows the project zone', async () => {
  const em = await createEmulator({ now: '2026-07-01T12:00:00Z' });
  const fn = await em.deploy(defineFunction({ name: 'z', source: 'src',
    code: 'function OnUpdate(doc, meta) { log(new Date().toString()); }' }));
  await em.upsert('src', 'k', {});
  expect(fn.logs).toEqual([
    '2026-07-01T05:00:00.000-07:00 [INFO] "Wed Jul 01 2026 05:00:00 GMT-0700 (Pacific Daylight Time)" ',
  ]);
  expect(new Date(Date.UTC(2026, 6, 1)).getTimezoneOffset()).toBe(420);
  await em.dispose();
});
`,
    );
    const result = runCli(['test', 'zone.test', '--reporter', 'json'], { cwd });
    expect(result.code, result.stdout).toBe(0);
    expect(report(result.stdout).numTotalTests).toBe(1);
  });

  it('writes a JUnit report for CI', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-junit-'));
    runCli(['init', '--name', 'greet'], { cwd });
    const result = runCli(['test', '--reporter', 'junit'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<testsuites');
    expect(result.stdout).toContain('name="functions/greet/greet.test.js"');
  });
});

describe('eventing-dev test --watch', { timeout: 60_000 }, () => {
  it('runs the tests, then again when a handler changes, until interrupted', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-watch-'));
    runCli(['init', '--name', 'greet'], { cwd });
    const child = spawn(process.execPath, [bin, 'test', '--watch'], {
      cwd,
      env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const seen = (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(output)) resolve();
        };
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          check();
        });
        child.once('exit', () => reject(new Error(`exited before ${pattern}:\n${output}`)));
        check();
      });
    try {
      await seen(/Tests\s+4 passed/);
      const handler = join(cwd, 'functions', 'greet', 'handler.js');
      writeFileSync(
        handler,
        readFileSync(handler, 'utf8').replace('delete copies[', 'void copies['),
      );
      await seen(/Tests\s+2 failed \| 2 passed/);
    } finally {
      process.kill(-(child.pid as number), 'SIGTERM');
    }
  });
});
