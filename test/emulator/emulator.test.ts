import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator, EventingDevError } from '../../src/index.ts';
import { emulator, handler, logged } from '../helpers/emulator.ts';

describe('documents through the emulator API', () => {
  it('stores JSON values and returns them with CAS, expiration, datatype and xattrs', async () => {
    const em = await emulator();
    const { cas } = await em.upsert(
      'travel.inventory.airline',
      'a1',
      { name: 'x' },
      { xattrs: { tag: 1 } },
    );
    expect(em.get('travel.inventory.airline', 'a1')).toEqual({
      value: { name: 'x' },
      cas,
      expiration: 0,
      datatype: 'json',
      flags: 0,
      xattrs: { tag: 1 },
    });
  });

  it('treats a one-part keyspace as the default collection of that bucket', async () => {
    const em = await emulator();
    await em.upsert('dst', 'k', 1);
    expect(em.get('dst._default._default', 'k')?.value).toBe(1);
  });

  it('stores an absolute expiry from seconds or a Date and hides the document once it is due', async () => {
    const em = await emulator({ now: '2026-01-01T00:00:00Z' });
    await em.upsert('dst', 'relative', 1, { expiry: 90 });
    await em.upsert('dst', 'absolute', 1, { expiry: new Date('2026-01-02T00:00:00Z') });
    expect(em.get('dst', 'relative')?.expiration).toBe(Date.UTC(2026, 0, 1, 0, 1, 30) / 1000);
    expect(em.get('dst', 'absolute')?.expiration).toBe(Date.UTC(2026, 0, 2) / 1000);
    await em.upsert('dst', 'past', 1, { expiry: new Date('2025-12-31T00:00:00Z') });
    expect(em.get('dst', 'past')).toBeUndefined();
    expect(em.keys('dst')).toEqual(['absolute', 'relative']);
  });

  it('counts, lists and removes documents', async () => {
    const em = await emulator();
    await em.upsert('dst', 'b', 1);
    await em.upsert('dst', 'a', 2);
    expect([em.count('dst'), em.keys('dst')]).toEqual([2, ['a', 'b']]);
    expect(await em.remove('dst', 'a')).toBe(true);
    expect(await em.remove('dst', 'a')).toBe(false);
    expect(em.keys('dst')).toEqual(['b']);
  });

  it('rejects values that are not JSON, bad keys, bad keyspaces and system xattr names', async () => {
    const em = await emulator();
    await expect(em.upsert('dst', 'k', undefined)).rejects.toMatchObject({
      code: 'DOCUMENT_INVALID',
    });
    await expect(em.upsert('dst', 'k', 10n)).rejects.toMatchObject({ code: 'DOCUMENT_INVALID' });
    await expect(em.upsert('dst', '', 1)).rejects.toMatchObject({ code: 'DOCUMENT_INVALID' });
    await expect(em.upsert('a.b', 'k', 1)).rejects.toMatchObject({ code: 'KEYSPACE_INVALID' });
    await expect(em.upsert('dst', 'k', 1, { xattrs: { _sync: 1 } })).rejects.toMatchObject({
      code: 'DOCUMENT_INVALID',
      hint: expect.stringContaining('must not start with "_"'),
    });
    expect(em.count('dst')).toBe(0);
  });
});

describe('deploying', () => {
  it('loads a definition .json file in the export format (a one-element array)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eventing-dev-'));
    const path = join(dir, 'fn.json');
    await writeFile(
      path,
      JSON.stringify([handler('function OnUpdate(doc, meta) { log(meta.id); }')]),
    );
    const em = await emulator();
    const fn = await em.deploy(path);
    await em.upsert('src', 'k', {});
    expect([fn.name, fn.status, logged(fn)]).toEqual(['fn', 'deployed', ['"k" ']]);
  });

  it('says which file could not be read', async () => {
    const em = await emulator();
    await expect(em.deploy('/no/such/definition.json')).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: expect.stringContaining('/no/such/definition.json'),
    });
  });

  it('exposes every counter of execution_stats and failure_stats from the start', async () => {
    const em = await emulator();
    const fn = await em.deploy(handler('function OnUpdate(doc, meta) {}'));
    expect(Object.keys(fn.stats.execution_stats)).toEqual(
      expect.arrayContaining([
        'on_update_success',
        'on_update_failure',
        'on_delete_success',
        'on_delete_failure',
        'dcp_mutation_msg_counter',
        'timer_create_counter',
        'curl',
      ]),
    );
    expect(Object.values(fn.stats.failure_stats).every((value) => value === 0)).toBe(true);
    expect(Object.keys(fn.stats.failure_stats)).toEqual(
      expect.arrayContaining([
        'bucket_op_exception_count',
        'timeout_count',
        'n1ql_op_exception_count',
        'curl_failure_count',
        'timer_callback_missing_counter',
      ]),
    );
  });

  it('finds deployed functions by name and says which exist otherwise', async () => {
    const em = await emulator();
    const fn = await em.deploy(handler('function OnUpdate(doc, meta) {}', { name: 'enrich' }));
    expect(em.function('enrich')).toBe(fn);
    expect(() => em.function('nope')).toThrow(
      expect.objectContaining({ code: 'FUNCTION_NOT_FOUND', hint: 'Functions: enrich.' }),
    );
  });

  it('cannot be used after dispose', async () => {
    const em = await createEmulator();
    await em.dispose();
    await expect(em.upsert('dst', 'k', 1)).rejects.toBeInstanceOf(EventingDevError);
  });

  it('rejects an invalid start time with a hint', async () => {
    await expect(createEmulator({ now: 'yesterday-ish' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});
