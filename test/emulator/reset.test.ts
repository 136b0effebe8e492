import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unpackDefinitions } from '../../src/project/function-folders.ts';
import { loadFunction } from '../../src/testing/index.ts';
import { deployed, emulator, handler, logged } from '../helpers/emulator.ts';

// Keeps state in the isolate (a global counter, as handlers can: Eventing only forbids global
// declarations) and in every place reset must clear.
const STATEFUL = `
function OnUpdate(doc, meta) {
  globalThis.handled = (globalThis.handled || 0) + 1;
  dst[meta.id] = { handled: globalThis.handled, now: new Date().toISOString() };
  log('handled', meta.id, globalThis.handled);
  if (doc.later) createTimer(Later, new Date(Date.now() + 60000), meta.id, { id: meta.id });
  if (doc.fail) throw new Error('asked to fail');
}
function Later(context) { dst[context.id + ':later'] = {}; }`;

describe('em.reset', () => {
  it('empties the keyspaces and puts the clock back where it started', async () => {
    const { em } = await deployed(STATEFUL);
    const start = em.now.getTime();
    await em.upsert('src', 'a', {});
    await em.advance('1h');
    await em.reset();
    expect(em.keys('src')).toEqual([]);
    expect(em.keys('dst')).toEqual([]);
    expect(em.now.getTime()).toBe(start);
  });

  it('keeps functions deployed, with fresh globals, statistics, log, failures and no timers', async () => {
    const { em, fn } = await deployed(STATEFUL);
    await em.upsert('src', 'a', { later: true });
    await em.upsert('src', 'b', { fail: true });
    expect(fn.failures).toHaveLength(1);
    await em.reset();
    expect(fn.status).toBe('deployed');
    expect(fn.logs).toEqual([]);
    expect(fn.failures).toEqual([]);
    expect(fn.stats.execution_stats.on_update_success).toBe(0);
    await em.upsert('src', 'c', {});
    expect(em.get('dst', 'c')?.value).toEqual({ handled: 1, now: '2026-01-01T00:00:00.000Z' });
    await em.advance('2m');
    expect(em.get('dst', 'a:later')).toBeUndefined();
    expect(logged(fn)).toEqual(['"handled" "c" 1 ']);
  });

  it('forgets query answers, KV fault rules and HTTP interceptors', async () => {
    const em = await emulator();
    em.query.on(/^SELECT/, () => [{ answered: true }]);
    em.faults.kv({ keyspace: 'dst', error: 'timeout' });
    em.http.get('http://api.test').intercept({ path: '/x' }).reply(200, { ok: true });
    await em.reset();
    await em.deploy(
      handler(
        `function OnUpdate(doc, meta) {
          var rows = [];
          for (var row of N1QL('SELECT 1 AS one')) rows.push(row);
          try { curl('GET', api, { path: '/x' }); } catch (e) { rows.push('no answer'); }
          dst[meta.id] = { rows: rows };
        }`,
        { urls: { api: 'http://api.test' } },
      ),
    );
    await em.upsert('src', 'k', {});
    expect(em.get('dst', 'k')?.value).toEqual({ rows: [{ one: 1 }, 'no answer'] });
  });
});

describe('em.redeliver', () => {
  it("hands a key's current document to its functions again", async () => {
    const { em, fn } = await deployed(STATEFUL);
    await em.upsert('src', 'a', { v: 1 });
    await em.redeliver('src', 'a');
    expect(fn.stats.execution_stats.on_update_success).toBe(2);
    expect(em.get('dst', 'a')?.value).toMatchObject({ handled: 2 });
  });

  it('does nothing for a key that is not there', async () => {
    const { em, fn } = await deployed(STATEFUL);
    await em.redeliver('src', 'missing');
    expect(fn.stats.execution_stats.on_update_success).toBe(0);
  });
});

describe('function folders in tests', () => {
  const folder = () => {
    const functions = join(mkdtempSync(join(tmpdir(), 'eventing-dev-folder-')), 'functions');
    const { appcode, ...rest } = handler('function OnUpdate(doc, meta) { dst[meta.id] = doc; }');
    const [dir] = unpackDefinitions([{ appcode, ...rest }], functions);
    return dir!;
  };

  it('em.deploy takes the file URL of a function folder', async () => {
    const em = await emulator();
    const fn = await em.deploy(pathToFileURL(`${folder()}/`));
    await em.upsert('src', 'a', { x: 1 });
    expect(fn.name).toBe('fn');
    expect(em.get('dst', 'a')?.value).toEqual({ x: 1 });
  });

  it('loadFunction reads a folder into a definition to change before deploying', async () => {
    const em = await emulator();
    const { definition, filename } = await loadFunction(folder());
    expect(filename).toMatch(/handler\.js$/);
    definition.appname = 'renamed';
    const fn = await em.deploy(definition, { filename });
    expect(fn.name).toBe('renamed');
  });
});
