import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  functionsExportCommand,
  functionsGetCommand,
  functionsListCommand,
} from '../../src/cli/commands/functions.ts';
import {
  functionsDeleteCommand,
  functionsImportCommand,
} from '../../src/cli/commands/functions-import.ts';
import { lifecycleCommand, statusCommand } from '../../src/cli/commands/functions-lifecycle.ts';
import { capture } from '../client/cli-harness.ts';
import { fn, servedClient } from '../client/client-harness.ts';
import { heldTransitions } from '../server/serve-harness.ts';

// `eventing-dev functions ...` in process, against serve: what each prints, human and --json,
// and the exit code.

const DEPLOYED = { settings: { deployment_status: true, processing_status: true } };
const SCOPED = { function_scope: { bucket: 'travel', scope: 'inventory' } };

async function seeded() {
  const served = await servedClient();
  await served.client.saveFunction(fn('enrich', DEPLOYED));
  await served.client.saveFunction(fn('audit', SCOPED));
  await served.client.waitForStatus('enrich', 'deployed');
  return { ...served, flags: { cluster: served.h.running.url } };
}

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
      function_scope: SCOPED.function_scope,
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

describe('functions export and import', () => {
  it('exports with the statuses reset (or kept), to stdout or a file, and imports the file back', async () => {
    const { flags, client } = await seeded();
    const out = capture();
    await functionsExportCommand(['enrich'], flags, out.context);
    const exported = JSON.parse(out.captured.out);
    expect(exported).toHaveLength(1);
    expect(exported[0].settings).toMatchObject({
      deployment_status: false,
      processing_status: false,
    });
    const kept = capture();
    await functionsExportCommand(['enrich'], { ...flags, keepStatus: true }, kept.context);
    expect(JSON.parse(kept.captured.out)[0].settings.deployment_status).toBe(true);

    const toFile = capture();
    expect(
      await functionsExportCommand(
        [],
        { ...flags, output: join(toFile.context.cwd, 'all.json') },
        toFile.context,
      ),
    ).toBe(0);
    expect(toFile.captured.out).toBe(
      `Wrote 2 functions to ${join(toFile.context.cwd, 'all.json')}\n`,
    );

    const copy = JSON.parse(readFileSync(join(toFile.context.cwd, 'all.json'), 'utf8'));
    for (const definition of copy) definition.appname = `${definition.appname}2`;
    copy.sort((a: { appname: string }, b: { appname: string }) =>
      a.appname.localeCompare(b.appname),
    );
    writeFileSync(join(toFile.context.cwd, 'copy.json'), JSON.stringify(copy));
    const imported = capture({ cwd: toFile.context.cwd });
    expect(await functionsImportCommand(['copy.json'], flags, imported.context)).toBe(0);
    expect(imported.captured.out).toBe(
      [
        'NAME                     RESULT    MESSAGE',
        "travel/inventory/audit2  imported  Stored function: 'travel/inventory/audit2' in metakv",
        "enrich2                  imported  Stored function: 'enrich2' in metakv",
        '',
      ].join('\n'),
    );
    expect((await client.listFunctions()).sort()).toEqual([
      'enrich',
      'enrich2',
      'travel/inventory/audit',
      'travel/inventory/audit2',
    ]);
    expect((await client.getStatus('enrich2')).composite_status).toBe('undeployed');
  });

  it('imports function folders, prints every result and fails if one failed', async () => {
    const { flags } = await seeded();
    const { context, captured } = capture({});
    const folder = join(context.cwd, 'functions', 'folded');
    mkdirSync(folder, { recursive: true });
    const { appcode, ...rest } = fn('folded');
    writeFileSync(join(folder, 'handler.js'), appcode);
    writeFileSync(join(folder, 'function.json'), JSON.stringify(rest));
    writeFileSync(join(context.cwd, 'bad.json'), JSON.stringify(fn('bad name')));
    expect(
      await functionsImportCommand(
        ['functions/folded', 'bad.json'],
        { ...flags, json: true },
        context,
      ),
    ).toBe(1);
    const results = JSON.parse(captured.out);
    expect(results[0]).toEqual({
      name: 'folded',
      ok: true,
      code: 0,
      info: "Stored function: 'folded' in metakv",
    });
    expect(results[1]).toMatchObject({ name: 'bad name', ok: false, code: 63 });
  });

  it('names an export of an unknown function', async () => {
    const { flags } = await seeded();
    const { context, captured } = capture();
    expect(await functionsExportCommand(['ghost'], flags, context)).toBe(1);
    expect(captured.err).toMatch(/^error: No function ghost to export\nhint: List the functions/);
  });
});

describe('functions delete', () => {
  it('deletes undeployed functions and refuses deployed ones with a hint', async () => {
    const { flags, client } = await seeded();
    const ok = capture();
    expect(await functionsDeleteCommand(['travel/inventory/audit'], flags, ok.context)).toBe(0);
    expect(ok.captured.out).toBe('Deleted travel/inventory/audit\n');
    const refused = capture();
    expect(await functionsDeleteCommand(['enrich'], flags, refused.context)).toBe(1);
    expect(refused.captured.err).toBe(
      "error: Function: enrich skipping delete request as it hasn't been undeployed (ERR_APP_NOT_UNDEPLOYED, HTTP 422)\n" +
        'hint: Undeploy it first: eventing-dev functions undeploy enrich\n',
    );
    expect(await client.listFunctions()).toEqual(['enrich']);
  });

  it('--all needs --yes, then deletes every undeployed function and says which stayed', async () => {
    const { flags } = await seeded();
    const unconfirmed = capture();
    expect(await functionsDeleteCommand([], { ...flags, all: true }, unconfirmed.context)).toBe(2);
    expect(unconfirmed.captured.err).toMatch(
      /^error: --all deletes every undeployed function: confirm with --yes\n/,
    );
    const confirmed = capture();
    expect(
      await functionsDeleteCommand(
        [],
        { ...flags, all: true, yes: true, json: true },
        confirmed.context,
      ),
    ).toBe(0);
    expect(JSON.parse(confirmed.captured.out)).toEqual({
      deleted: ['travel/inventory/audit'],
      kept: ['enrich'],
    });
  });
});

describe('lifecycle commands', () => {
  it('deploys and waits, telling each state on stderr, and reports a function already there', async () => {
    const { flags, client } = await seeded();
    const { context, captured } = capture();
    expect(
      await lifecycleCommand('deploy', ['travel/inventory/audit', 'enrich'], flags, context),
    ).toBe(0);
    expect(captured.out).toMatch(
      /^travel\/inventory\/audit deployed \(\d+\.\d s\)\nenrich was already deployed\n$/,
    );
    expect(captured.err).toBe('audit: deploying…\n');
    expect((await client.getStatus('travel/inventory/audit')).composite_status).toBe('deployed');
  });

  it('pauses, resumes and undeploys; --json lists what happened', async () => {
    const { flags, client } = await seeded();
    for (const operation of ['pause', 'resume', 'undeploy'] as const) {
      const { context, captured } = capture();
      expect(await lifecycleCommand(operation, ['enrich'], { ...flags, json: true }, context)).toBe(
        0,
      );
      const [result] = JSON.parse(captured.out);
      expect(result).toMatchObject({ name: 'enrich', operation, already_in_state: false });
      expect(captured.err).toBe('');
    }
    expect((await client.getStatus('enrich')).composite_status).toBe('undeployed');
  });

  it('returns at once with --no-wait, saying where the function is', async () => {
    const transitions = heldTransitions();
    const served = await servedClient({ transitions });
    await served.client.saveFunction(fn('a'));
    const { context, captured } = capture();
    const flags = { cluster: served.h.running.url, wait: false };
    expect(await lifecycleCommand('deploy', ['a'], flags, context)).toBe(0);
    expect(captured.out).toBe('a: deploy requested; now deploying (not waiting)\n');
    await transitions.release();
  });

  it('fails with the server’s refusal when the operation cannot be done', async () => {
    const { flags } = await seeded();
    const { context, captured } = capture();
    expect(await lifecycleCommand('pause', ['travel/inventory/audit'], flags, context)).toBe(1);
    expect(captured.err).toBe(
      'error: state transition not possible (ERR_INVALID_REQUEST, HTTP 400)\n' +
        'hint: The function is changing state; wait for it (eventing-dev functions status travel/inventory/audit) and retry.\n',
    );
  });
});

describe('functions status', () => {
  it('prints every function’s status, or the ones named, as a table or JSON', async () => {
    const { flags } = await seeded();
    const all = capture();
    await statusCommand([], flags, all.context);
    expect(all.captured.out).toBe(
      [
        'NAME                    STATUS      NODES  BOOTSTRAPPING',
        'enrich                  deployed    1/1    -',
        'travel/inventory/audit  undeployed  1/1    -',
        '',
      ].join('\n'),
    );
    const one = capture();
    await statusCommand(['enrich'], { ...flags, json: true }, one.context);
    expect(JSON.parse(one.captured.out)).toEqual([
      expect.objectContaining({
        name: 'enrich',
        composite_status: 'deployed',
        deployment_status: true,
      }),
    ]);
  });
});

describe('progress on a terminal', () => {
  it('redraws one line in place while waiting and clears it before the result', async () => {
    const { flags } = await seeded();
    const { context, captured } = capture({ interactive: true });
    expect(await lifecycleCommand('pause', ['enrich'], flags, context)).toBe(0);
    const frames = captured.err.split('\r\x1b[2K').filter((frame) => frame !== '');
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      expect(frame).toMatch(/^[|/\\-] enrich: (pausing|paused), waiting for paused \(\d+\.\d s\)$/);
    }
    expect(captured.err.endsWith('\r\x1b[2K')).toBe(true);
    expect(captured.out).toMatch(/^enrich paused \(\d+\.\d s\)\n$/);
  });
});
