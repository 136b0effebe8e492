import { readFileSync } from 'node:fs';
import { allDeployed, call, documentPath, startServe } from './serve-http.ts';

// serve's memory under loud handlers: 12 deployed functions each log 100 lines of 10 MB (one per
// document); then serve's resident memory (now and at its peak) and whether it still answers.

const FUNCTIONS = 12;
const LINES = 100;
const LINE_BYTES = 10 * 1024 * 1024;

/** VmRSS and VmHWM of a process, in MiB (Linux). */
function residentMiB(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

export async function appLogMemory(): Promise<{
  now: number;
  peak: number;
  statusMs: number;
  deployed: number;
}> {
  const { pool, pid, stop } = await startServe();
  try {
    const appcode = `function OnUpdate(doc, meta) { log(meta.id, 'x'.repeat(${LINE_BYTES})); }`;
    const defs = Array.from({ length: FUNCTIONS }, (_, i) => ({
      appname: `loud${i}`,
      appcode,
      depcfg: { source_bucket: `src${i}`, metadata_bucket: 'meta' },
      settings: { deployment_status: true, processing_status: true },
    }));
    await call(pool, 'POST', '/api/v1/functions', defs);
    await allDeployed(pool, FUNCTIONS);
    await Promise.all(
      defs.map(async (_, fn) => {
        for (let line = 0; line < LINES; line++)
          await call(pool, 'PUT', documentPath(`src${fn}`, `k${line}`), { line });
      }),
    );
    const start = performance.now();
    const { apps } = (await call(pool, 'GET', '/api/v1/status')) as {
      apps: Array<{ composite_status: string }>;
    };
    const statusMs = performance.now() - start;
    const deployed = apps.filter((app) => app.composite_status === 'deployed').length;
    return { ...residentMiB(pid), statusMs, deployed };
  } finally {
    await stop();
  }
}

// node --no-node-snapshot bench/app-log-memory.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  const { now, peak, statusMs, deployed } = await appLogMemory();
  console.log(
    `serve after ${FUNCTIONS} functions x ${LINES} log lines of 10 MB: RSS ${now.toFixed(0)} MiB (peak ${peak.toFixed(0)} MiB); GET /api/v1/status ${statusMs.toFixed(1)} ms, ${deployed} deployed`,
  );
}
