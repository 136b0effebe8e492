import { describe, expect, it } from 'vitest';
import { functionsGetCommand, functionsListCommand } from '../../../src/cli/commands/functions.ts';
import { servedClient } from '../../client/client-harness.ts';
import { capture } from '../cli-harness.ts';
import { seeded } from '../served-functions.ts';

// `eventing-dev functions ...` in process, against serve: what each prints, human and --json,
// and the exit code.

describe('functions list', () => {
  it('prints a table of names, statuses and keyspaces, and the same as JSON', async () => {
    const { flags } = await seeded();
    const human = capture();
    expect(await functionsListCommand(flags, human.context)).toBe(0);
    expect(human.captured.out).toBe(
      [
        'NAME                    STATUS      SOURCE                 METADATA',
        'enrich                  deployed    src._default._default  meta._default._default',
        'travel/inventory/audit  undeployed  src._default._default  meta._default._default',
        '',
      ].join('\n'),
    );
    const json = capture();
    await functionsListCommand({ ...flags, json: true }, json.context);
    expect(JSON.parse(json.captured.out)).toEqual([
      {
        location: 'enrich',
        name: 'enrich',
        function_scope: { bucket: '*', scope: '*' },
        composite_status: 'deployed',
        source_keyspace: 'src._default._default',
        metadata_keyspace: 'meta._default._default',
      },
      {
        location: 'travel/inventory/audit',
        name: 'audit',
        function_scope: { bucket: 'travel', scope: 'inventory' },
        composite_status: 'undeployed',
        source_keyspace: 'src._default._default',
        metadata_keyspace: 'meta._default._default',
      },
    ]);
  });

  it('says so when there is no function; JSON is []', async () => {
    const { h } = await servedClient();
    const human = capture();
    await functionsListCommand({ cluster: h.running.url }, human.context);
    expect(human.captured.out).toBe(`No functions on ${h.running.url}\n`);
    const json = capture();
    await functionsListCommand({ cluster: h.running.url, json: true }, json.context);
    expect(json.captured.out).toBe('[]\n');
  });
});

describe('functions get', () => {
  it('summarises a definition for people and prints it whole with --json', async () => {
    const { flags } = await seeded();
    const human = capture();
    expect(await functionsGetCommand('enrich', flags, human.context)).toBe(0);
    expect(human.captured.out).toBe(
      [
        'name         enrich',
        'scope        global (*.*)',
        'intent       deployed',
        'source       src._default._default',
        'metadata     meta._default._default',
        'language     7.2.0',
        'boundary     everything',
        'description  ',
        'appcode      5 lines (eventing-dev appcode get prints it)',
        '',
        'BINDING  TYPE    TARGET                 ACCESS/AUTH',
        'dst      bucket  dst._default._default  rw',
        '',
      ].join('\n'),
    );
    const json = capture();
    await functionsGetCommand(
      'audit',
      { ...flags, bucket: 'travel', scope: 'inventory', json: true },
      json.context,
    );
    expect(JSON.parse(json.captured.out)).toMatchObject({
      appname: 'audit',
      function_scope: { bucket: 'travel', scope: 'inventory' },
    });
  });

  it('explains an unknown function: the server’s name and message, a hint, exit 1', async () => {
    const { flags } = await seeded();
    const { context, captured } = capture();
    expect(await functionsGetCommand('nope', flags, context)).toBe(1);
    expect(captured.err).toBe(
      'error: Function: nope not found (ERR_APP_NOT_FOUND_TS, HTTP 404)\n' +
        'hint: List the functions with `eventing-dev functions list`; a scoped function is written bucket/scope/name (or --bucket and --scope).\n',
    );
  });

  it('refuses half a scope and malformed names as usage errors (exit 2)', async () => {
    const { flags } = await seeded();
    const half = capture();
    expect(await functionsGetCommand('enrich', { ...flags, bucket: 'travel' }, half.context)).toBe(
      2,
    );
    expect(half.captured.err).toMatch(/^error: Give --bucket and --scope together\n/);
    const bad = capture();
    expect(await functionsGetCommand('a/b', flags, bad.context)).toBe(2);
    expect(bad.captured.err).toMatch(/^error: "a\/b" is not a function name\n/);
  });
});
