import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const fixture = (name: string) => `test/fixtures/definitions/${name}`;

describe('eventing-dev check', () => {
  it('loads a valid definition in an isolate, re-executing Node with the isolate flags', async () => {
    // The bin runs in a Node without --no-node-snapshot; the emulator refuses to create
    // isolates without it, so success shows that the command re-executed itself with the flag.
    const result = runCli(['check', fixture('copy.json')]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      `ok  ${fixture('copy.json')} function "copy"\n` +
        '      warning: settings.sock_batch_size: 7.x-only setting, ignored by Couchbase Server 8.x\n',
    );
  });

  it('reports every definition problem with its path and exits 1', async () => {
    const result = runCli(['check', fixture('broken.json')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'depcfg.buckets[0].alias: must not be a JavaScript reserved word',
    );
  });

  it('reports compile errors at file:line:column and prints JSON with --json', async () => {
    const result = runCli(['check', '--json', fixture('copy.json'), fixture('syntax-error.json')]);
    expect(result.code).toBe(1);
    const [copy, typo] = JSON.parse(result.stdout);
    expect(copy).toMatchObject({
      file: fixture('copy.json'),
      function: 'copy',
      ok: true,
      problems: [],
    });
    expect(typo).toMatchObject({
      function: 'typo',
      ok: false,
      problems: [{ path: 'typo.js:2:11', message: "SyntaxError: Unexpected token ';'" }],
    });
  });

  it('says which file it could not read', async () => {
    const result = runCli(['check', 'no-such-file.json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Cannot read function definition');
  });

  it('exits 2 for usage errors', async () => {
    const result = runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });
});
