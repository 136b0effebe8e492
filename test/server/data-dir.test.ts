import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeServices,
  createKeyspace,
  definition,
  docPath,
  expectOk,
  expectStored,
  serve,
} from './serve-harness.ts';
import { type ServeProcess, startServeProcess } from './serve-process.ts';

// serve --data-dir is a SQLite database: acknowledged writes survive kill -9 at any moment, it
// grows past a gigabyte, a signal releases its lock, and an earlier state.json moves in once.

const dirs: string[] = [];

afterEach(async () => {
  await closeServices();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eventing-dev-data-'));
  dirs.push(dir);
  return dir;
}

const COPY = definition('copy', {
  appcode: 'function OnUpdate(doc, meta) { dst[meta.id] = doc; }',
  settings: { deployment_status: true, processing_status: true },
});

async function waitDeployed(child: ServeProcess, name: string): Promise<void> {
  for (let poll = 0; poll < 20_000; poll++) {
    const answer = await child.call('GET', `/api/v1/status/${name}`);
    const app = (answer.json() as { app?: { composite_status?: string } }).app;
    if (app?.composite_status === 'deployed') return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`${name} never deployed`);
}

/**
 * PUTs documents, `inFlight` at a time, and kills serve with SIGKILL right after the
 * `killAfter`th acknowledgement while the other requests are still in flight. Resolves with
 * the keys that were acknowledged.
 */
async function writeUntilKilled(
  child: ServeProcess,
  round: number,
  killAfter: number,
  inFlight: number,
) {
  const acknowledged: string[] = [];
  let next = 0;
  const writer = async () => {
    for (;;) {
      const key = `r${round}-${next++}`;
      const answer = await child
        .call('PUT', docPath('src', `${key}`), {
          body: { key, pad: 'x'.repeat(next % 500) },
        })
        .catch(() => undefined);
      if (!answer) return; // the connection died with the process
      if (answer.status !== 200) throw new Error(`PUT ${key}: ${answer.status} ${answer.text}`);
      acknowledged.push(key);
      if (acknowledged.length === killAfter) child.process.kill('SIGKILL');
    }
  };
  await Promise.all(Array.from({ length: inFlight }, writer));
  await child.exited;
  return acknowledged;
}

describe('serve --data-dir (SQLite)', () => {
  it('keeps every acknowledged write and a readable store when killed with SIGKILL at random moments', async () => {
    const dir = dataDir();
    const everyAcknowledged: string[] = [];
    const rounds = fc.sample(
      fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 16 })),
      3,
    );
    for (const [round, [killAfter, inFlight]] of rounds.entries()) {
      const child = await startServeProcess(dir);
      if (round === 0) {
        expectOk(await child.call('POST', '/api/v1/functions/copy', { body: COPY }));
      }
      await waitDeployed(child, 'copy');
      everyAcknowledged.push(...(await writeUntilKilled(child, round, killAfter, inFlight)));
    }
    const h = await serve({ dataDir: dir });
    const em = h.running.service.emulator;
    for (const key of everyAcknowledged) {
      expect(em.get('src', key), key).toBeDefined();
      // The handler's write was part of what the reply acknowledged.
      expect(em.get('dst', key), `dst ${key}`).toBeDefined();
    }
    await h.waitFor('copy', 'deployed');
    expectStored(await h.call('PUT', docPath('src', 'after'), { body: {} }));
    expect(em.get('dst', 'after')).toBeDefined();
  }, 60_000);

  it('stores more than a gigabyte of documents and reads them back after a restart', async () => {
    const dir = dataDir();
    const child = await startServeProcess(dir);
    await createKeyspace(child.call, 'big');
    const size = 20_000_000;
    const count = 56; // 1.12 GB
    for (let i = 0; i < count; i++) {
      const body = `{"n":${i},"pad":"${String.fromCharCode(97 + (i % 26)).repeat(size - 30)}"}`;
      const answer = await child.call('PUT', docPath('big', `d${i}`), {
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status, answer.text).toBe(200);
    }
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    const restarted = await startServeProcess(dir);
    for (const i of [0, count - 1]) {
      const answer = await restarted.call('GET', docPath('big', `d${i}`));
      expect(answer.status).toBe(200);
      expect(answer.text.length).toBeGreaterThan(size - 100);
      expect(answer.text.startsWith(`{"n":${i},`)).toBe(true);
    }
  }, 120_000);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`releases the data directory on ${signal}, leaving no stray files`, async () => {
      const dir = dataDir();
      const child = await startServeProcess(dir);
      await createKeyspace(child.call, 'src');
      expectStored(await child.call('PUT', docPath('src', 'k'), { body: { a: 1 } }));
      expect(existsSync(join(dir, 'serve.lock'))).toBe(true);
      child.process.kill(signal);
      expect(await child.exited).toBe(0);
      expect(existsSync(join(dir, 'serve.lock'))).toBe(false);
      expect(readdirSync(dir).filter((name) => !name.startsWith('eventing-dev.sqlite'))).toEqual(
        [],
      );
      const again = await serve({ dataDir: dir });
      expect(again.running.service.emulator.get('src', 'k')?.value).toEqual({ a: 1 });
    });
  }

  it('moves a state.json of earlier versions into the database once, keeping it as state.json.migrated', async () => {
    const dir = dataDir();
    // The fixture's timers were due an hour after it was written: move them an hour ahead of now.
    const legacy = JSON.parse(
      readFileSync(new URL('fixtures/legacy-state.json', import.meta.url), 'utf8'),
    );
    const due = Math.ceil(Date.now() / 1000 + 3600) * 1000;
    for (const fn of legacy.emulator.functions) for (const timer of fn.timers) timer.due = due;
    writeFileSync(join(dir, 'state.json'), JSON.stringify(legacy));

    const first = await serve({ dataDir: dir });
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
    expect(existsSync(join(dir, 'state.json.migrated'))).toBe(true);
    await first.waitFor('fn', 'deployed');
    expect(expectOk(await first.call('GET', '/api/v1/functions/fn/settings'))).toMatchObject({
      description: 'kept',
    });
    expectOk(await first.call('GET', '/api/v1/functions/idle?bucket=b&scope=s'));
    expect(expectOk(await first.call('GET', '/api/v1/config'))).toMatchObject({ ram_quota: 300 });
    const em = first.running.service.emulator;
    expect(em.keys('src')).toEqual(['k0', 'k1', 'k2']);
    expect(em.keys('dst')).toEqual(['k0', 'k1', 'k2']);
    expect(em.function('fn').timers.map((timer) => timer.due)).toEqual([due, due, due]);
    // Later writes get larger seqnos and CAS values than the migrated ones.
    const before = em.get('src', 'k0');
    expectStored(await first.call('PUT', docPath('src', 'k0'), { body: { i: 'new' } }));
    expect(BigInt(em.get('src', 'k0')?.cas ?? 0)).toBeGreaterThan(BigInt(before?.cas ?? 0));
    expectStored(await first.call('DELETE', docPath('src', 'k1')));
    await first.running.close();

    // A copy of state.json put back is not migrated over newer data.
    writeFileSync(join(dir, 'state.json'), JSON.stringify(legacy));
    const second = await serve({ dataDir: dir });
    expect(second.running.service.emulator.keys('src')).toEqual(['k0', 'k2']);
    expect(second.running.service.emulator.get('src', 'k0')?.value).toEqual({ i: 'new' });
  });
});
