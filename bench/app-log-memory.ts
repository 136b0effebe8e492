import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { ISOLATE_NODE_FLAGS } from '../src/runtime/isolate/node-flags.ts';

// serve's memory under loud handlers: 12 deployed functions each log 100 lines of 10 MB (one per
// document); then serve's resident memory (now and at its peak) and whether it still answers.

const AUTH = `Basic ${Buffer.from('Administrator:password').toString('base64')}`;
const FUNCTIONS = 12;
const LINES = 100;
const LINE_BYTES = 10 * 1024 * 1024;

async function call(pool: Pool, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) {
  const response = await pool.request({
    method,
    path,
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200)
    throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
  return JSON.parse(text) as unknown;
}

/** VmRSS and VmHWM of a process, in MiB (Linux). */
function residentMiB(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

export async function appLogMemory(): Promise<{ now: number; peak: number; statusMs: number }> {
  const script = new URL('serve-child.ts', import.meta.url).pathname;
  const child: ChildProcess = spawn(process.execPath, [...ISOLATE_NODE_FLAGS, script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const pool = new Pool(url, { connections: FUNCTIONS });
  try {
    const appcode = `function OnUpdate(doc, meta) { log(meta.id, 'x'.repeat(${LINE_BYTES})); }`;
    const defs = Array.from({ length: FUNCTIONS }, (_, i) => ({
      appname: `loud${i}`,
      appcode,
      depcfg: { source_bucket: `src${i}`, metadata_bucket: 'meta' },
      settings: { deployment_status: true, processing_status: true },
    }));
    await call(pool, 'POST', '/api/v1/functions', defs);
    for (;;) {
      const { apps } = (await call(pool, 'GET', '/api/v1/status')) as {
        apps: Array<{ composite_status: string }>;
      };
      if (apps.filter((app) => app.composite_status === 'deployed').length === FUNCTIONS) break;
    }
    await Promise.all(
      defs.map(async (_, fn) => {
        for (let line = 0; line < LINES; line++)
          await call(pool, 'PUT', `/_dev/keyspaces/src${fn}/docs/k${line}`, { line });
      }),
    );
    const start = performance.now();
    await call(pool, 'GET', '/api/v1/status');
    const statusMs = performance.now() - start;
    return { ...residentMiB(child.pid as number), statusMs };
  } finally {
    await pool.close();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

// node --no-node-snapshot bench/app-log-memory.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  const { now, peak, statusMs } = await appLogMemory();
  console.log(
    `serve after ${FUNCTIONS} functions x ${LINES} log lines of 10 MB: RSS ${now.toFixed(0)} MiB (peak ${peak.toFixed(0)} MiB); GET /api/v1/status ${statusMs.toFixed(1)} ms`,
  );
}
