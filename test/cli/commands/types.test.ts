import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli-harness.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'eventing-dev-cli-'));

describe('eventing-dev types', () => {
  it("writes each function's binding declarations beside its handler", async () => {
    const cwd = tmp();
    await runInProcess(['init', '--template', 'enrich', '--name', 'enrich'], { cwd });
    await runInProcess(['init', '--template', 'curl', '--name', 'price'], { cwd });
    const result = await runInProcess(['types'], { cwd });
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      'Wrote functions/enrich/bindings.d.ts\nWrote functions/price/bindings.d.ts\n',
    );
    const enrich = readFileSync(join(cwd, 'functions', 'enrich', 'bindings.d.ts'), 'utf8');
    expect(enrich).toContain('declare const customers: EventingReadonlyBucketBinding;');
    const price = readFileSync(join(cwd, 'functions', 'price', 'bindings.d.ts'), 'utf8');
    expect(price).toContain('declare const rates: EventingUrlBinding;');
  });

  it('says how to add a function when the project has none (exit 1)', async () => {
    const result = await runInProcess(['types'], { cwd: tmp() });
    expect(result.code).toBe(1);
    expect(result.err).toContain('No function folders in functions');
    expect(result.err).toContain('eventing-dev init');
  });
});
