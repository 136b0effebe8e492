import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli-harness.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'eventing-dev-cli-'));

describe('eventing-dev pack and unpack', () => {
  it('packs a function folder into the definition file Couchbase imports, and back', async () => {
    const cwd = tmp();
    await runInProcess(['init', '--name', 'copy'], { cwd });
    const packed = await runInProcess(['pack', 'copy'], { cwd });
    expect(packed.code).toBe(0);
    const definitions = JSON.parse(packed.out);
    expect(definitions).toHaveLength(1);
    expect(Object.keys(definitions[0])[0]).toBe('appcode');
    expect(definitions[0].appcode).toBe(
      readFileSync(join(cwd, 'functions', 'copy', 'handler.js'), 'utf8'),
    );

    const other = tmp();
    writeFileSync(join(other, 'export.json'), packed.out);
    const unpacked = await runInProcess(['unpack', 'export.json'], { cwd: other });
    expect(unpacked.code).toBe(0);
    expect(unpacked.out).toBe('Wrote functions/copy/handler.js and function.json\n');
    expect((await runInProcess(['pack', 'copy'], { cwd: other })).out).toBe(packed.out);
  });

  it('writes the definition to a file with -o', async () => {
    const cwd = tmp();
    await runInProcess(['init', '--name', 'copy'], { cwd });
    const result = await runInProcess(['pack', 'copy', '-o', 'copy.json'], { cwd });
    expect(result.code).toBe(0);
    expect(result.out).toBe('');
    expect(JSON.parse(readFileSync(join(cwd, 'copy.json'), 'utf8'))[0].appname).toBe('copy');
  });

  it('refuses to pack a definition the cluster would refuse, naming each problem', async () => {
    const cwd = tmp();
    await runInProcess(['init', '--name', 'copy'], { cwd });
    const file = join(cwd, 'functions', 'copy', 'function.json');
    const definition = JSON.parse(readFileSync(file, 'utf8'));
    definition.settings.worker_count = 0;
    writeFileSync(file, JSON.stringify(definition));
    const result = await runInProcess(['pack', 'copy'], { cwd });
    expect(result.code).toBe(1);
    expect(result.err).toContain('settings.worker_count');
    expect(result.out).toBe('');
  });

  it('names the functions there are when asked to pack an unknown one', async () => {
    const cwd = tmp();
    await runInProcess(['init', '--name', 'copy'], { cwd });
    const result = await runInProcess(['pack', 'cpoy'], { cwd });
    expect(result.code).toBe(1);
    expect(result.err).toContain('No function folder "cpoy"');
    expect(result.err).toContain('Functions of this project: copy');
  });

  it('refuses an export that is not JSON and overwrites nothing without --force', async () => {
    const cwd = tmp();
    await runInProcess(['init', '--name', 'copy'], { cwd });
    writeFileSync(join(cwd, 'broken.json'), '[{"appname": ');
    const broken = await runInProcess(['unpack', 'broken.json'], { cwd });
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('Cannot read broken.json as JSON');

    writeFileSync(join(cwd, 'export.json'), (await runInProcess(['pack', 'copy'], { cwd })).out);
    const handler = join(cwd, 'functions', 'copy', 'handler.js');
    writeFileSync(handler, '// my edits\n');
    const refused = await runInProcess(['unpack', 'export.json'], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('hint: Pass --force to overwrite it.');
    expect(readFileSync(handler, 'utf8')).toBe('// my edits\n');
    expect((await runInProcess(['unpack', 'export.json', '--force'], { cwd })).code).toBe(0);
    expect(readFileSync(handler, 'utf8')).not.toBe('// my edits\n');
  });
});

describe('pack -o and unpack --force write only where they should', () => {
  it('refuses an existing -o file without --force, and the function’s own files always', async () => {
    const cwd = tmp();
    await runInProcess(['init', '--name', 'copy'], { cwd });
    writeFileSync(join(cwd, 'notes.json'), 'mine');
    const refused = await runInProcess(['pack', 'copy', '-o', 'notes.json'], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`error: ${join(cwd, 'notes.json')} already exists`);
    expect(refused.err).toContain('hint: Pass --force to replace it');
    expect(readFileSync(join(cwd, 'notes.json'), 'utf8')).toBe('mine');
    expect(
      (await runInProcess(['pack', 'copy', '-o', 'notes.json', '--force'], { cwd })).code,
    ).toBe(0);
    expect(readFileSync(join(cwd, 'notes.json'), 'utf8')).toContain('"appname": "copy"');

    const handler = join(cwd, 'functions', 'copy', 'handler.js');
    const before = readFileSync(handler, 'utf8');
    for (const own of ['functions/copy/handler.js', 'functions/copy/function.json']) {
      const result = await runInProcess(['pack', 'copy', '-o', own, '--force'], { cwd });
      expect(result.code).toBe(1);
      expect(result.err).toContain("is the function's own");
    }
    expect(readFileSync(handler, 'utf8')).toBe(before);
  });

  it('never follows a symbolic link out of the project with --force', async () => {
    const cwd = tmp();
    const outside = tmp();
    await runInProcess(['init', '--name', 'copy'], { cwd });
    const exported = (await runInProcess(['pack', 'copy'], { cwd })).out;
    writeFileSync(join(cwd, 'export.json'), exported);
    // The function folder is a link to a folder elsewhere.
    rmSync(join(cwd, 'functions', 'copy'), { recursive: true });
    writeFileSync(join(outside, 'handler.js'), 'theirs');
    symlinkSync(outside, join(cwd, 'functions', 'copy'));
    const linkedFolder = await runInProcess(['unpack', 'export.json', '--force'], { cwd });
    expect(linkedFolder.code).toBe(1);
    expect(linkedFolder.err).toContain('is a symbolic link');
    expect(readFileSync(join(outside, 'handler.js'), 'utf8')).toBe('theirs');
    // A handler.js that is a link to a file elsewhere.
    rmSync(join(cwd, 'functions', 'copy'));
    mkdirSync(join(cwd, 'functions', 'copy'));
    symlinkSync(join(outside, 'handler.js'), join(cwd, 'functions', 'copy', 'handler.js'));
    const linkedFile = await runInProcess(['unpack', 'export.json', '--force'], { cwd });
    expect(linkedFile.code).toBe(1);
    expect(linkedFile.err).toContain(
      `functions/copy/handler.js is a symbolic link (to ${realpathSync(outside)}/handler.js)`,
    );
    expect(readFileSync(join(outside, 'handler.js'), 'utf8')).toBe('theirs');
  });

  it('reports a missing file or a folder in one line with a hint, never a stack', async () => {
    const cwd = tmp();
    await runInProcess(['init', '--name', 'copy'], { cwd });
    const missing = await runInProcess(['unpack', 'nothing.json'], { cwd });
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(
      `error: ${join(cwd, 'nothing.json')} does not exist\nhint: Check the path (relative paths start in the current folder).\n`,
    );
    const folder = await runInProcess(['unpack', 'functions'], { cwd });
    expect(folder.err).toBe(
      `error: ${join(cwd, 'functions')} is a folder, not a file\nhint: Give the path of a file.\n`,
    );
  });
});
