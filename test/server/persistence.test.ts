import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalService } from '../../src/server/serve.ts';
import {
  closeServices,
  definition,
  docPath,
  expectOk,
  expectStored,
  type Harness,
  heldTransitions,
  serve,
} from './serve-harness.ts';
import { startServeProcess } from './serve-process.ts';

// serve --data-dir: definitions, settings, lifecycle state, documents and pending timers come
// back after a restart, and after a kill -9 every acknowledged change is there.

const dirs: string[] = [];

afterEach(async () => {
  await closeServices(); // their last save goes to the directories removed below
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eventing-dev-serve-'));
  dirs.push(dir);
  return dir;
}

const TIMED = `function OnUpdate(doc, meta) {
  dst[meta.id] = doc;
  createTimer(Later, new Date(Date.now() + 3600 * 1000), meta.id, { id: meta.id });
}
function Later(context) { log('later', context.id); }`;

/** A deployed function with a timer per document, a changed setting, a global config, a scoped function. */
async function populate(h: Pick<Harness, 'call' | 'waitFor'>, docs: number) {
  const body = definition('fn', {
    appcode: TIMED,
    settings: { deployment_status: true, processing_status: true },
  });
  expectOk(await h.call('POST', '/api/v1/functions/fn', { body }));
  expectOk(
    await h.call('POST', '/api/v1/functions/idle?bucket=b&scope=s', { body: definition('idle') }),
  );
  expectOk(await h.call('POST', '/api/v1/config', { body: { ram_quota: 300 } }));
  await h.waitFor('fn', 'deployed');
  expectOk(
    await h.call('POST', '/api/v1/functions/fn/settings', { body: { description: 'kept' } }),
  );
  for (let i = 0; i < docs; i++) {
    expectStored(await h.call('PUT', docPath('src', `k${i}`), { body: { i } }));
  }
}

/** What must have survived: checked over HTTP on the restarted service. */
async function expectRestored(h: Harness, docs: number) {
  expect(
    (expectOk(await h.call('GET', '/api/v1/status/fn')) as { app: { composite_status: string } })
      .app.composite_status,
  ).toBe('deployed');
  expect(expectOk(await h.call('GET', '/api/v1/functions/fn/settings'))).toMatchObject({
    description: 'kept',
  });
  expectOk(await h.call('GET', '/api/v1/functions/idle?bucket=b&scope=s'));
  expect(expectOk(await h.call('GET', '/api/v1/config'))).toMatchObject({ ram_quota: 300 });
  const counted = await h.call('POST', '/query/service', {
    body: { statement: 'SELECT RAW COUNT(*) FROM dst' },
    headers: { 'content-type': 'application/json' },
  });
  expect(counted.json()).toMatchObject({ results: [docs] });
  const fn = h.running.service.emulator.functions.find((f) => f.name === 'fn');
  expect(fn?.timers).toHaveLength(docs);
  // It runs: a new document reaches the handler.
  expectStored(await h.call('PUT', docPath('src', 'after'), { body: {} }));
  expect((await h.call('GET', docPath('dst', 'after'))).status).toBe(200);
}

describe('serve --data-dir', () => {
  it('brings back functions, settings, config, documents and timers after a restart', async () => {
    const dir = dataDir();
    const first = await serve({ dataDir: dir });
    await populate(first, 3);
    await first.running.close();
    const second = await serve({ dataDir: dir });
    await expectRestored(second, 3);
  });

  it('finishes after a restart a transition that a stop interrupted', async () => {
    const dir = dataDir();
    const first = await serve({ dataDir: dir, transitions: heldTransitions() });
    expectOk(await first.call('POST', '/api/v1/functions/fn', { body: definition('fn') }));
    expectOk(await first.call('POST', '/api/v1/functions/fn/deploy'));
    await first.running.close();
    const second = await serve({ dataDir: dir });
    await second.waitFor('fn', 'deployed');
  });

  it('keeps every acknowledged change when the process is killed with SIGKILL', async () => {
    const dir = dataDir();
    const child = await startServeProcess(dir);
    const h = {
      call: child.call,
      async waitFor(name: string, status: string) {
        for (let poll = 0; poll < 20_000; poll++) {
          const answer = await child.call('GET', `/api/v1/status/${name}`);
          if (
            (answer.json() as { app: { composite_status: string } }).app.composite_status === status
          )
            return;
          await new Promise((resolve) => setImmediate(resolve));
        }
        throw new Error(`${name} never reached ${status}`);
      },
    };
    await populate(h, 20);
    child.process.kill('SIGKILL'); // right after the last acknowledgement
    await child.exited;
    const restarted = await serve({ dataDir: dir });
    await expectRestored(restarted, 20);
  });

  it('refuses to start on a data file it cannot read, and never writes over it', async () => {
    for (const text of ['{"format": "eventing-dev-serve", "vers', '{"format": "other"}']) {
      const dir = dataDir();
      writeFileSync(join(dir, 'state.json'), text);
      await expect(startLocalService({ port: 0, dataDir: dir })).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining(`Cannot load the data file ${join(dir, 'state.json')}`),
        hint: expect.stringContaining('never overwrites a data file'),
      });
      expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(text);
    }
  });

  it('refuses a snapshot whose content does not load, leaving it as it was', async () => {
    const dir = dataDir();
    const path = join(dir, 'state.json');
    const broken = readFileSync(
      new URL('fixtures/legacy-state.json', import.meta.url),
      'utf8',
    ).replaceAll('"source_bucket": "src"', '"source_bucket": 7');
    writeFileSync(path, broken);
    await expect(startLocalService({ port: 0, dataDir: dir })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining(`Cannot load the data file ${path}`),
    });
    expect(readFileSync(path, 'utf8')).toBe(broken);
  });

  it('refuses a data directory another live process serves from', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'serve.lock'), String(process.ppid));
    await expect(startLocalService({ port: 0, dataDir: dir })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: `The data directory ${dir} is in use by process ${process.ppid}`,
    });
  });
});
