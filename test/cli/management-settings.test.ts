import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appcodeGetCommand, appcodeSetCommand } from '../../src/cli/commands/appcode.ts';
import { parsePairs } from '../../src/cli/commands/key-values.ts';
import { keyspacesGetCommand, keyspacesSetCommand } from '../../src/cli/commands/keyspaces.ts';
import { settingsGetCommand, settingsSetCommand } from '../../src/cli/commands/settings.ts';
import { capture } from '../client/cli-harness.ts';
import { fn, servedClient } from '../client/client-harness.ts';

// `eventing-dev settings|keyspaces|appcode get|set` in process, against serve.

async function oneFunction(overrides: Record<string, unknown> = {}) {
  const served = await servedClient();
  await served.client.saveFunction(fn('a', overrides));
  return { ...served, flags: { cluster: served.h.running.url } };
}

describe('settings', () => {
  it('prints every setting as a table, and as JSON', async () => {
    const { flags } = await oneFunction();
    const human = capture();
    expect(await settingsGetCommand('a', flags, human.context)).toBe(0);
    const lines = human.captured.out.split('\n');
    expect(lines[0]).toMatch(/^SETTING +VALUE$/);
    expect(lines).toContainEqual(expect.stringMatching(/^worker_count +1$/));
    expect(lines).toContainEqual(expect.stringMatching(/^handler_headers +\["'use strict';"\]$/));
    const json = capture();
    await settingsGetCommand('a', { ...flags, json: true }, json.context);
    expect(JSON.parse(json.captured.out)).toMatchObject({ worker_count: 1, log_level: 'INFO' });
  });

  it('sets typed values with the function’s current status flags, which 7.x requires', async () => {
    const { flags, client } = await oneFunction();
    const { context, captured } = capture();
    const pairs = [
      'worker_count=4',
      'log_level=DEBUG',
      'description=nightly job',
      'n1ql_prepare_all=true',
    ];
    expect(await settingsSetCommand('a', pairs, { ...flags, json: true }, context)).toBe(0);
    expect(JSON.parse(captured.out)).toEqual({
      name: 'a',
      sent: {
        deployment_status: false,
        processing_status: false,
        worker_count: 4,
        log_level: 'DEBUG',
        description: 'nightly job',
        n1ql_prepare_all: true,
      },
      info: 'Function: a stored settings',
    });
    expect(await client.getSettings('a')).toMatchObject({
      worker_count: 4,
      log_level: 'DEBUG',
      description: 'nightly job',
      n1ql_prepare_all: true,
    });
  });

  it('says what it stored, warns about keys 8.x does not know, and relays refusals', async () => {
    const { flags } = await oneFunction();
    const ok = capture();
    expect(
      await settingsSetCommand('a', ['worker_count=2', 'worker_queue_cap=9'], flags, ok.context),
    ).toBe(0);
    expect(ok.captured.out).toBe('Stored settings of a: worker_count=2, worker_queue_cap=9\n');
    expect(ok.captured.err).toBe(
      'warning: worker_queue_cap is not a setting of Couchbase Server 8.x, which ignores it (7.x stores it)\n',
    );
    const refused = capture();
    expect(await settingsSetCommand('a', ['worker_count=0'], flags, refused.context)).toBe(1);
    expect(refused.captured.err).toMatch(
      /^error: worker_count value should be greater than or equal to 1 \(ERR_INVALID_REQUEST, HTTP 400\)\n/,
    );
  });

  it('refuses values of the wrong kind before asking the server (exit 2)', async () => {
    const { flags } = await oneFunction();
    for (const [pair, message] of [
      ['worker_count=four', 'worker_count takes a number, not "four"'],
      ['n1ql_prepare_all=yes', 'n1ql_prepare_all takes true or false, not "yes"'],
      ['worker_count', '"worker_count" is not key=value'],
    ] as const) {
      const { context, captured } = capture();
      expect(await settingsSetCommand('a', [pair], flags, context)).toBe(2);
      expect(captured.err).toMatch(
        new RegExp(`^error: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`),
      );
    }
  });

  it('reads lists of strings and loose JSON', () => {
    expect(
      parsePairs(['handler_headers=["a", "b"]', 'handler_footers=x'], 'settings').values,
    ).toEqual({
      handler_headers: ['a', 'b'],
      handler_footers: ['x'],
    });
    expect(parsePairs(['ram_quota=512', 'enable_debugger=true', 'name=x=y'])).toEqual({
      values: { ram_quota: 512, enable_debugger: true, name: 'x=y' },
      unknown: [],
    });
  });
});

describe('keyspaces', () => {
  it('prints the source and metadata keyspaces, and the answer as JSON', async () => {
    const { flags } = await oneFunction();
    const human = capture();
    expect(await keyspacesGetCommand('a', flags, human.context)).toBe(0);
    expect(human.captured.out).toBe(
      'source    src._default._default\nmetadata  meta._default._default\n',
    );
    const json = capture();
    await keyspacesGetCommand('a', { ...flags, json: true }, json.context);
    expect(JSON.parse(json.captured.out)).toMatchObject({
      source_keyspace: { bucket_name: 'src' },
    });
  });

  it('changes the keyspaces and keeps the bindings', async () => {
    const { flags, client } = await oneFunction();
    const { context, captured } = capture();
    const set = { ...flags, source: 'travel.inventory.airline', metadata: 'meta2' };
    expect(await keyspacesSetCommand('a', set, context)).toBe(0);
    expect(captured.out).toBe(
      'Stored keyspaces of a: source travel.inventory.airline, metadata meta2._default._default\n',
    );
    expect((await client.getFunction('a')).depcfg).toMatchObject({
      source_bucket: 'travel',
      source_scope: 'inventory',
      source_collection: 'airline',
      metadata_bucket: 'meta2',
      buckets: [expect.objectContaining({ alias: 'dst' })],
    });
  });

  it('stores a whole depcfg from a file, and refuses unclear requests (exit 2)', async () => {
    const { flags, client } = await oneFunction();
    const { context } = capture();
    writeFileSync(
      join(context.cwd, 'depcfg.json'),
      JSON.stringify({ source_bucket: 'orders', metadata_bucket: 'meta' }),
    );
    expect(await keyspacesSetCommand('a', { ...flags, file: 'depcfg.json' }, context)).toBe(0);
    const { depcfg } = await client.getFunction('a');
    expect([depcfg.source_bucket, depcfg.buckets]).toEqual(['orders', undefined]);
    const nothing = capture();
    expect(await keyspacesSetCommand('a', flags, nothing.context)).toBe(2);
    expect(nothing.captured.err).toMatch(
      /^error: Say what to store: --source, --metadata or --file\n/,
    );
    const bad = capture();
    expect(await keyspacesSetCommand('a', { ...flags, source: 'a.b' }, bad.context)).toBe(2);
    expect(bad.captured.err).toMatch(
      /^error: Invalid keyspace "a\.b": expected 1 or 3 parts, got 2\n/,
    );
  });
});

describe('appcode', () => {
  it('prints the code as it is, or writes it to a file', async () => {
    const { flags } = await oneFunction();
    const code = fn('a').appcode;
    const out = capture();
    expect(await appcodeGetCommand('a', undefined, flags, out.context)).toBe(0);
    expect(out.captured.out).toBe(code);
    const toFile = capture();
    await appcodeGetCommand('a', 'handler.js', flags, toFile.context);
    expect(readFileSync(join(toFile.context.cwd, 'handler.js'), 'utf8')).toBe(code);
    expect(toFile.captured.out).toBe(
      `Wrote the appcode of a to handler.js (${Buffer.byteLength(code)} bytes)\n`,
    );
  });

  it('replaces the code from a file or standard input, and relays compile errors', async () => {
    const { flags, client } = await oneFunction();
    const { context, captured } = capture();
    const code = 'function OnUpdate(doc, meta) {\n  log("new");\n}\n';
    writeFileSync(join(context.cwd, 'handler.js'), code);
    expect(await appcodeSetCommand('a', 'handler.js', flags, context)).toBe(0);
    expect(captured.out).toBe(`Stored the appcode of a (${Buffer.byteLength(code)} bytes)\n`);
    expect(await client.getAppcode('a')).toBe(code);
    const piped = capture();
    const fromStdin = 'function OnDelete(meta) {}\n';
    expect(
      await appcodeSetCommand(
        'a',
        '-',
        { ...flags, json: true },
        piped.context,
        async () => fromStdin,
      ),
    ).toBe(0);
    expect(JSON.parse(piped.captured.out)).toMatchObject({ name: 'a', bytes: fromStdin.length });
    expect(await client.getAppcode('a')).toBe(fromStdin);
    const broken = capture();
    expect(
      await appcodeSetCommand('a', '-', flags, broken.context, async () => 'function OnUpdate( {'),
    ).toBe(1);
    expect(broken.captured.err).toMatch(
      /\(ERR_HANDLER_COMPILATION, HTTP 422\)\nhint: Fix the code at that position/,
    );
  });
});
