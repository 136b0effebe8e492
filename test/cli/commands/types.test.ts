import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'eventing-dev-cli-'));

// Each test runs the real bin several times: a second or more on a busy machine.
describe('eventing-dev types', { timeout: 30_000 }, () => {
  it("writes each function's binding declarations beside its handler", () => {
    const cwd = tmp();
    runCli(['init', '--template', 'enrich', '--name', 'enrich'], { cwd });
    runCli(['init', '--template', 'curl', '--name', 'price'], { cwd });
    const result = runCli(['types'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'Wrote functions/enrich/bindings.d.ts\nWrote functions/price/bindings.d.ts\n',
    );
    const enrich = readFileSync(join(cwd, 'functions', 'enrich', 'bindings.d.ts'), 'utf8');
    expect(enrich).toContain('declare const customers: EventingReadonlyBucketBinding;');
    const price = readFileSync(join(cwd, 'functions', 'price', 'bindings.d.ts'), 'utf8');
    expect(price).toContain('declare const rates: EventingUrlBinding;');
  });

  it('says how to add a function when the project has none (exit 1)', () => {
    const result = runCli(['types'], { cwd: tmp() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No function folders in functions');
    expect(result.stderr).toContain('eventing-dev init');
  });
});
