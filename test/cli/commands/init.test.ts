import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli-harness.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'eventing-dev-cli-'));

describe('eventing-dev init', () => {
  it('creates a project and tells the user what to run next', async () => {
    const cwd = tmp();
    const result = await runInProcess(
      ['init', 'shop', '--template', 'enrich', '--name', 'enrich'],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain('Created a function project in shop');
    expect(result.out).toContain('functions/enrich/enrich.test.js');
    expect(result.out).toContain('Next:\n  cd shop\n  npm install\n  npx eventing-dev test\n');
    expect(existsSync(join(cwd, 'shop', 'functions', 'enrich', 'handler.js'))).toBe(true);
  });

  it('adds a function to the project it runs in', async () => {
    const cwd = tmp();
    await runInProcess(['init'], { cwd });
    const result = await runInProcess(['init', '--template', 'timer', '--name', 'remind'], { cwd });
    expect(result.code).toBe(0);
    expect(result.out).not.toContain('Created a function project');
    expect(result.out).toContain('Added function functions/remind from the timer template');
    expect(result.out).toContain('Next:\n  npx eventing-dev test\n');
  });

  it('explains an unknown template (exit 1) and leaves nothing behind', async () => {
    const cwd = tmp();
    const result = await runInProcess(['init', 'shop', '--template', 'crud'], { cwd });
    expect(result.code).toBe(1);
    expect(result.err).toContain('error: Unknown template "crud"');
    expect(result.err).toContain('hint: Templates: basic, cascade-delete, curl, enrich, timer.');
    expect(existsSync(join(cwd, 'shop'))).toBe(false);
  });
});

describe('eventing-dev init in a folder with a package.json', () => {
  const withPackage = (scripts?: Record<string, string>) => {
    const cwd = tmp();
    const manifest = { name: 'shop', version: '1.0.0', ...(scripts ? { scripts } : {}) };
    writeFileSync(join(cwd, 'package.json'), JSON.stringify(manifest, null, 2));
    return cwd;
  };
  const testScript = (cwd: string) =>
    (JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { scripts?: { test?: string } })
      .scripts?.test;

  it('replaces the placeholder npm init writes, and says so', async () => {
    const cwd = withPackage({ test: 'echo "Error: no test specified" && exit 1' });
    const result = await runInProcess(['init'], { cwd });
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      `Replaced npm's placeholder test script in package.json with "test": "eventing-dev test".`,
    );
    expect(testScript(cwd)).toBe('eventing-dev test');
  });

  it('adds the script to a package.json without one', async () => {
    const cwd = withPackage();
    const result = await runInProcess(['init'], { cwd });
    expect(result.out).toContain('Added "test": "eventing-dev test" to package.json');
    expect(testScript(cwd)).toBe('eventing-dev test');
  });

  it('keeps a test script of the user’s own and gives the line to use', async () => {
    const cwd = withPackage({ test: 'mocha' });
    const result = await runInProcess(['init'], { cwd });
    expect(result.out).toContain(
      `Kept package.json's own test script (mocha); for npm test to run the function tests, make it "test": "eventing-dev test"`,
    );
    expect(testScript(cwd)).toBe('mocha');
  });
});
