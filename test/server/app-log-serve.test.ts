import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_LOG_MEMORY_CAP } from '../../src/emulator/app-log.ts';
import {
  closeServices,
  definition,
  docPath,
  expectOk,
  expectStored,
  type Harness,
  serve,
} from './serve-harness.ts';

// serve's app logs stay bounded: a window in memory, rotated files with --data-dir, and
// getAppLog answers any size.

const dirs: string[] = [];

afterEach(async () => {
  await closeServices();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const LOUD = `function OnUpdate(doc, meta) { log(meta.id, 'x'.repeat(doc.size)); }`;

async function loudFunction(h: Harness, settings: Record<string, unknown> = {}) {
  const body = definition('loud', {
    appcode: LOUD,
    settings: { deployment_status: true, processing_status: true, ...settings },
  });
  expectOk(await h.call('POST', '/api/v1/functions/loud', { body }));
  await h.waitFor('loud', 'deployed');
}

async function logLines(h: Harness, count: number, size: number) {
  for (let i = 0; i < count; i++) {
    expectStored(await h.call('PUT', docPath('src', `k${i}`), { body: { size } }));
  }
}

describe('app logs on serve', () => {
  it('keeps a bounded window in memory and answers getAppLog with any size', async () => {
    const h = await serve();
    await loudFunction(h);
    await logLines(h, 12, 1024 * 1024);
    const answer = await h.call('GET', '/getAppLog?name=loud&size=2000000000');
    expect(answer.status).toBe(200);
    expect(answer.text.length).toBeLessThanOrEqual(APP_LOG_MEMORY_CAP);
    expect(answer.text.split('\n')[0]).toContain('"k11"');
  });

  it('answers many getAppLog requests for the largest size at once, each in full', async () => {
    const h = await serve();
    await loudFunction(h);
    await logLines(h, 3, 1000);
    // More than the answers that may be on their way together: the others wait their turn.
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => h.call('GET', '/getAppLog?name=loud&size=999999999999')),
    );
    const texts = new Set(answers.map((answer) => `${answer.status} ${answer.text}`));
    expect(texts.size).toBe(1);
    expect([...texts][0]).toMatch(/^200 .*"k2"/);
  });

  it('writes the log to files rotated by app_log_max_size and app_log_max_files with --data-dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventing-dev-logs-'));
    dirs.push(dir);
    const h = await serve({ dataDir: dir });
    await loudFunction(h, { app_log_max_size: 1024 * 1024, app_log_max_files: 2 });
    await logLines(h, 8, 600 * 1024);
    expect(readdirSync(join(dir, 'app-logs')).sort()).toEqual([
      'loud.log',
      'loud.log.1',
      'loud.log.2',
    ]);
    const answer = await h.call('GET', '/getAppLog?name=loud&size=2000000000');
    expect(answer.status).toBe(200);
    const lines = answer.text.split('\n');
    expect(lines[0]).toContain('"k7"');
    await h.running.close();

    // The log outlives the process, as the server's files do.
    const again = await serve({ dataDir: dir });
    const after = await again.call('GET', '/getAppLog?name=loud&size=2000000000');
    expect(after.text.split('\n')[0]).toContain('"k7"');
  });
});
