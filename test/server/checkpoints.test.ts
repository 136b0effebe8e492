import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServices, definition, expectOk, type Harness, serve } from './serve-harness.ts';
import { startServeProcess } from './serve-process.ts';

// serve --data-dir keeps each deployed function's checkpoints: a function that starts again
// handles the changes it had not handled yet when serve stopped, and not the ones it had.

const dirs: string[] = [];

afterEach(async () => {
  await closeServices();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eventing-dev-checkpoints-'));
  dirs.push(dir);
  return dir;
}

const COPY = "function OnUpdate(doc, meta) {\n  log('copy', meta.id);\n  dst[meta.id] = doc;\n}\n";
const doc = (keyspace: string, key: string) =>
  `/v1/buckets/${keyspace}/scopes/_default/collections/_default/documents/${key}`;

type Caller = Pick<Harness, 'call'>;

/** Deploys the copying function, lets it copy `handled`, pauses it, then writes `waiting`. */
async function pausedWithBacklog(h: Caller, waitFor: (status: string) => Promise<void>) {
  const settings = { deployment_status: true, processing_status: true };
  const body = definition('copy', { appcode: COPY, settings });
  expectOk(await h.call('POST', '/api/v1/functions/copy', { body }));
  await waitFor('deployed');
  expect((await h.call('PUT', doc('src', 'handled'), { body: { n: 1 } })).status).toBe(200);
  expect((await h.call('GET', doc('dst', 'handled'))).status).toBe(200);
  expectOk(await h.call('POST', '/api/v1/functions/copy/pause'));
  await waitFor('paused');
  expect((await h.call('PUT', doc('src', 'waiting'), { body: { n: 2 } })).status).toBe(200);
  expect((await h.call('GET', doc('dst', 'waiting'))).status).toBe(404);
}

/** Resumes the function on a restarted serve: only the change it had not handled reaches it. */
async function expectBacklogHandled(h: Harness) {
  expectOk(await h.call('POST', '/api/v1/functions/copy/resume'));
  await h.waitFor('copy', 'deployed');
  for (let poll = 0; poll < 20_000; poll++) {
    if ((await h.call('GET', doc('dst', 'waiting'))).status === 200) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect((await h.call('GET', doc('dst', 'waiting'))).json()).toEqual({ n: 2 });
  const stats = expectOk(await h.call('GET', '/api/v1/stats/copy')) as {
    execution_stats: { on_update_success: number };
  };
  expect(stats.execution_stats.on_update_success).toBe(1);
  const log = (await h.call('GET', '/getAppLog?name=copy')).text;
  expect(log).toContain('"copy" "waiting"');
  expect(log.split('"copy" "handled"')).toHaveLength(2);
}

describe('checkpoints under serve --data-dir', () => {
  it('a paused function handles after a restart what changed while it was paused', async () => {
    const dir = dataDir();
    const first = await serve({ dataDir: dir });
    await pausedWithBacklog(first, (status) => first.waitFor('copy', status));
    await first.running.close();
    await expectBacklogHandled(await serve({ dataDir: dir }));
  });

  it('survives a kill -9 with changes acknowledged but not yet handled', async () => {
    const dir = dataDir();
    const child = await startServeProcess(dir);
    await pausedWithBacklog(child, async (status) => {
      for (let poll = 0; poll < 20_000; poll++) {
        const answer = await child.call('GET', '/api/v1/status/copy');
        const app = (answer.json() as { app: { composite_status: string } }).app;
        if (app.composite_status === status) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
      throw new Error(`copy never reached ${status}`);
    });
    child.process.kill('SIGKILL');
    await child.exited;
    await expectBacklogHandled(await serve({ dataDir: dir }));
  });
});
