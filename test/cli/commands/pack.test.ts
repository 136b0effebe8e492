import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'eventing-dev-cli-'));

// Each test runs the real bin several times: a second or more on a busy machine.
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
