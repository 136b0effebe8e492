import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli-harness.ts';
import { runCli } from '../run-cli.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

const fixture = (name: string) => `test/fixtures/definitions/${name}`;

describe('eventing-dev check', () => {
  it('loads a valid definition in an isolate, re-executing Node with the isolate flags', async () => {
    // The bin runs in a Node without --no-node-snapshot; the emulator refuses to create
    // isolates without it, so success shows that the command re-executed itself with the flag.
    const result = runCli(['check', fixture('copy.json')]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      `ok  ${fixture('copy.json')} function "copy"\n` +
        '      warning: settings.sock_batch_size: 7.x-only setting, ignored by Couchbase Server 8.x\n' +
        '1 function checked: all load\n',
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
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: false, recursion: [] });
    const [copy, typo] = report.functions;
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

  it('refuses a _default collection in a named scope, a keyspace the server cannot deploy', () => {
    const [definition] = JSON.parse(readFileSync(fixture('copy.json'), 'utf8'));
    definition.depcfg.source_scope = 'sales';
    definition.depcfg.source_collection = '_default';
    const file = join(mkdtempSync(join(tmpdir(), 'eventing-dev-check-')), 'scoped.json');
    writeFileSync(file, JSON.stringify([definition]));
    const result = runCli(['check', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'depcfg.source_collection: scope "sales" has no _default collection (only the _default scope has one)',
    );
  });

  it('shows the line of a compile error with a caret under its column', async () => {
    const result = await runInProcess(['check', fixture('syntax-error.json')], { cwd: repo });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /typo\.js:2:11: SyntaxError: Unexpected token ';'\n {8}2 \| .*\n {8} {2}\| {11}\^\n/,
    );
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

describe('eventing-dev check in a project', { timeout: 30_000 }, () => {
  const project = () => {
    const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-check-'));
    runCli(['init', '--template', 'basic', '--name', 'copy'], { cwd });
    runCli(['init', '--template', 'enrich', '--name', 'enrich'], { cwd });
    return cwd;
  };
  const definitionOf = (cwd: string, name: string) => join(cwd, 'functions', name, 'function.json');

  it('checks every function of the project when none is named', () => {
    const cwd = project();
    const result = runCli(['check'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'ok  functions/copy function "copy"\nok  functions/enrich function "enrich"\n2 functions checked: all load\n',
    );
    expect(runCli(['check', 'enrich'], { cwd }).stdout).toContain('1 function checked');
  });

  it('names a write cycle between functions, link by link, and exits 1', () => {
    const cwd = project();
    // copy writes app -> copies; make enrich read copies and write back into app.
    const file = definitionOf(cwd, 'enrich');
    const definition = JSON.parse(readFileSync(file, 'utf8'));
    Object.assign(definition.depcfg, {
      source_bucket: 'copies',
      source_scope: '_default',
      source_collection: '_default',
    });
    definition.depcfg.buckets[0] = {
      alias: 'enriched',
      bucket_name: 'app',
      scope_name: '_default',
      collection_name: '_default',
      access: 'rw',
    };
    writeFileSync(file, JSON.stringify(definition));
    const result = runCli(['check'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  write cycle copy → enrich → copy\n');
    expect(result.stdout).toContain(
      'copy writes copies._default._default (binding copies), the source of enrich',
    );
    expect(result.stdout).toContain(
      'enrich writes app._default._default (binding enriched), the source of copy',
    );
    expect(result.stdout).toContain('2 functions checked: all load; 1 recursion problem\n');
    const json = JSON.parse(runCli(['check', '--json'], { cwd }).stdout);
    expect(json.recursion).toEqual([
      expect.objectContaining({ kind: 'inter_bucket_recursion', functions: ['copy', 'enrich'] }),
    ]);
    expect(runCli(['check', '--allow-interbucket-recursion'], { cwd }).code).toBe(0);
  });

  it('names SQL++ DML into a function’s own source, as a deploy would refuse it', () => {
    const cwd = project();
    const handler = join(cwd, 'functions', 'copy', 'handler.js');
    writeFileSync(
      handler,
      'function OnUpdate(doc, meta) {\n  DELETE FROM app WHERE stale = true;\n}\n',
    );
    const result = runCli(['check', 'copy'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  function copy runs SQL++ DML into its own source\n');
    expect(result.stdout).toContain('N1QL DML to source keyspace default:app');
    expect(runCli(['check', 'copy', '--allow-interbucket-recursion'], { cwd }).code).toBe(0);
  });

  it('refuses appcode larger than the server stores', () => {
    const cwd = project();
    const handler = join(cwd, 'functions', 'copy', 'handler.js');
    writeFileSync(handler, `${readFileSync(handler, 'utf8')}\n// ${'x'.repeat(128 * 1024)}\n`);
    const result = runCli(['check', 'copy'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /appcode: is 13\d{4} bytes; the server stores at most 131072 \(function_size\)/,
    );
  });

  it('says how to start when there are no functions', () => {
    const result = runCli(['check'], { cwd: mkdtempSync(join(tmpdir(), 'eventing-dev-none-')) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No function folders in functions');
  });
});
