import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

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

describe('eventing-dev pack and unpack', { timeout: 30_000 }, () => {
  it('packs a function folder into the definition file Couchbase imports, and back', () => {
    const cwd = tmp();
    runCli(['init', '--name', 'copy'], { cwd });
    const packed = runCli(['pack', 'copy'], { cwd });
    expect(packed.code).toBe(0);
    const definitions = JSON.parse(packed.stdout);
    expect(definitions).toHaveLength(1);
    expect(Object.keys(definitions[0])[0]).toBe('appcode');
    expect(definitions[0].appcode).toBe(
      readFileSync(join(cwd, 'functions', 'copy', 'handler.js'), 'utf8'),
    );

    const other = tmp();
    writeFileSync(join(other, 'export.json'), packed.stdout);
    const unpacked = runCli(['unpack', 'export.json'], { cwd: other });
    expect(unpacked.code).toBe(0);
    expect(unpacked.stdout).toBe('Wrote functions/copy/handler.js and function.json\n');
    expect(runCli(['pack', 'copy'], { cwd: other }).stdout).toBe(packed.stdout);
  });

  it('writes the definition to a file with -o', () => {
    const cwd = tmp();
    runCli(['init', '--name', 'copy'], { cwd });
    const result = runCli(['pack', 'copy', '-o', 'copy.json'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(cwd, 'copy.json'), 'utf8'))[0].appname).toBe('copy');
  });

  it('refuses to pack a definition the cluster would refuse, naming each problem', () => {
    const cwd = tmp();
    runCli(['init', '--name', 'copy'], { cwd });
    const file = join(cwd, 'functions', 'copy', 'function.json');
    const definition = JSON.parse(readFileSync(file, 'utf8'));
    definition.settings.worker_count = 0;
    writeFileSync(file, JSON.stringify(definition));
    const result = runCli(['pack', 'copy'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('settings.worker_count');
    expect(result.stdout).toBe('');
  });

  it('names the functions there are when asked to pack an unknown one', () => {
    const cwd = tmp();
    runCli(['init', '--name', 'copy'], { cwd });
    const result = runCli(['pack', 'cpoy'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No function folder "cpoy"');
    expect(result.stderr).toContain('Functions of this project: copy');
  });

  it('refuses an export that is not JSON and overwrites nothing without --force', () => {
    const cwd = tmp();
    runCli(['init', '--name', 'copy'], { cwd });
    writeFileSync(join(cwd, 'broken.json'), '[{"appname": ');
    const broken = runCli(['unpack', 'broken.json'], { cwd });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('Cannot read broken.json as JSON');

    writeFileSync(join(cwd, 'export.json'), runCli(['pack', 'copy'], { cwd }).stdout);
    const handler = join(cwd, 'functions', 'copy', 'handler.js');
    writeFileSync(handler, '// my edits\n');
    const refused = runCli(['unpack', 'export.json'], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('hint: Pass --force to overwrite it.');
    expect(readFileSync(handler, 'utf8')).toBe('// my edits\n');
    expect(runCli(['unpack', 'export.json', '--force'], { cwd }).code).toBe(0);
    expect(readFileSync(handler, 'utf8')).not.toBe('// my edits\n');
  });
});

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
