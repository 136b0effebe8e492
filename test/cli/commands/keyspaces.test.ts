import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyspacesGetCommand, keyspacesSetCommand } from '../../../src/cli/commands/keyspaces.ts';
import { fn, servedClient } from '../../client/client-harness.ts';
import { capture } from '../cli-harness.ts';

// `eventing-dev settings|keyspaces|appcode get|set` in process, against serve.

async function oneFunction(overrides: Record<string, unknown> = {}) {
  const served = await servedClient();
  await served.client.saveFunction(fn('a', overrides));
  return { ...served, flags: { cluster: served.h.running.url } };
}

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
