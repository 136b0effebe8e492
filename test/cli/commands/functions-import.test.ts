import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionsExportCommand } from '../../../src/cli/commands/functions.ts';
import {
  functionsDeleteCommand,
  functionsImportCommand,
} from '../../../src/cli/commands/functions-import.ts';
import { fn } from '../../client/client-harness.ts';
import { capture } from '../cli-harness.ts';
import { seeded } from '../served-functions.ts';

// `eventing-dev functions ...` in process, against serve: what each prints, human and --json,
// and the exit code.

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

  it('shows the line and a caret of a compile error the server reports', async () => {
    const { flags } = await seeded();
    const { context, captured } = capture({});
    const broken = { ...fn('typo'), appcode: 'function OnUpdate(doc, meta) {\n  let x = ;\n}\n' };
    writeFileSync(join(context.cwd, 'typo.json'), JSON.stringify(broken));
    expect(await functionsImportCommand(['typo.json'], flags, context)).toBe(1);
    expect(captured.out).toContain(
      "typo  FAILED  SyntaxError: Unexpected token ';' (line 2, column 11)",
    );
    expect(captured.out).toContain('\ntypo:\n2 |   let x = ;\n  |           ^\n');
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
