import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'eventing-dev-cli-'));

// Each test runs the real bin several times: a second or more on a busy machine.
describe('eventing-dev init', { timeout: 30_000 }, () => {
  it('creates a project and tells the user what to run next', () => {
    const cwd = tmp();
    const result = runCli(['init', 'shop', '--template', 'enrich', '--name', 'enrich'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created a function project in shop');
    expect(result.stdout).toContain('functions/enrich/enrich.test.js');
    expect(result.stdout).toContain('Next:\n  cd shop\n  npm install\n  npx eventing-dev test\n');
    expect(existsSync(join(cwd, 'shop', 'functions', 'enrich', 'handler.js'))).toBe(true);
  });

  it('adds a function to the project it runs in', () => {
    const cwd = tmp();
    runCli(['init'], { cwd });
    const result = runCli(['init', '--template', 'timer', '--name', 'remind'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Created a function project');
    expect(result.stdout).toContain('Added function functions/remind from the timer template');
    expect(result.stdout).toContain('Next:\n  npx eventing-dev test\n');
  });

  it('explains an unknown template (exit 1) and leaves nothing behind', () => {
    const cwd = tmp();
    const result = runCli(['init', 'shop', '--template', 'crud'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: Unknown template "crud"');
    expect(result.stderr).toContain('hint: Templates: basic, cascade-delete, curl, enrich, timer.');
    expect(existsSync(join(cwd, 'shop'))).toBe(false);
  });
});
