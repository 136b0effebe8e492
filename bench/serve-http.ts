import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Pool } from 'undici';
import { SERVE_NODE_FLAGS } from '../src/cli/isolate-flags.ts';
import { seededDataDir } from './seed-data-dir.ts';
import { since } from './stats.ts';

// eventing-dev serve over loopback HTTP, the service in a child process:
// - GET /api/v1/status with 50 deployed functions, one request at a time: p50 and p99;
// - document PUTs through a deployed trivial OnUpdate (each answered once the handler ran),
//   32 in flight over 32 keep-alive connections: sustained PUTs per second, through the Data
//   API (PUT /v1/buckets/docs/scopes/_default/collections/_default/documents/{key});
// - POST /query/service with a SELECT by key (USE KEYS $1), 32 in flight: queries per second.

const AUTH = `Basic ${Buffer.from('Administrator:password').toString('base64')}`;
const FUNCTIONS = 50;
const STATUS_REQUESTS = 3000;
const PUTS = 20_000;
const IN_FLIGHT = 32;

export interface Served {
  pool: Pool;
  /** serve's process id. */
  pid: number;
  stop: () => Promise<void>;
}

/** serve in a child process (in memory, or on `dataDir`), with a pool of 32 connections to it. */
export async function startServe(dataDir?: string): Promise<Served> {
  const script = new URL('serve-child.ts', import.meta.url).pathname;
  const child: ChildProcess = spawn(
    process.execPath,
    [...SERVE_NODE_FLAGS, script, ...(dataDir ? [dataDir] : [])],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const pool = new Pool(url, { connections: IN_FLIGHT });
  return {
    pool,
    pid: child.pid as number,
    async stop() {
      await pool.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function call(
  pool: Pool,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
) {
  const response = await pool.request({
    method,
    path,
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`${method} ${path}: ${text}`);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** The Data API path of a document in a bucket's default collection. */
export function documentPath(bucket: string, key: string): string {
  return `/v1/buckets/${bucket}/scopes/_default/collections/_default/documents/${key}`;
}

/** Creates a bucket through the cluster manager's REST API, as couchbase-cli bucket-create does. */
export async function createBucket(pool: Pool, name: string): Promise<void> {
  const response = await pool.request({
    method: 'POST',
    path: '/pools/default/buckets',
    headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
    body: `name=${name}&ramQuota=100`,
  });
  const text = await response.body.text();
  if (response.statusCode !== 202) throw new Error(`creating bucket ${name}: ${text}`);
}

function definition(name: string, source: string, appcode: string, buckets: object[] = []) {
  return {
    appname: name,
    appcode,
    depcfg: { source_bucket: source, metadata_bucket: 'meta', buckets },
    settings: { deployment_status: true, processing_status: true },
  };
}

/** Polls GET /api/v1/status until `count` functions are deployed. */
export async function allDeployed(pool: Pool, count: number): Promise<void> {
  for (;;) {
    const { apps } = (await call(pool, 'GET', '/api/v1/status')) as {
      apps: Array<{ composite_status: string }>;
    };
    if (apps.filter((app) => app.composite_status === 'deployed').length >= count) return;
  }
}

/** GET /api/v1/status latency with 50 deployed functions, in milliseconds. */
export async function statusLatency(): Promise<{ p50: number; p99: number }> {
  const { pool, stop } = await startServe();
  const defs = Array.from({ length: FUNCTIONS }, (_, i) =>
    definition(`fn${i}`, `src${i}`, 'function OnUpdate(doc, meta) { log(meta.id); }'),
  );
  await call(pool, 'POST', '/api/v1/functions', defs);
  await allDeployed(pool, FUNCTIONS);
  for (let i = 0; i < 300; i++) await call(pool, 'GET', '/api/v1/status'); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < STATUS_REQUESTS; i++) {
    const start = performance.now();
    await call(pool, 'GET', '/api/v1/status');
    samples.push(since(start));
  }
  await stop();
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.floor(q * (samples.length - 1))] as number;
  return { p50: at(0.5), p99: at(0.99) };
}

/**
 * GET /api/v1/status latency while a deployed OnUpdate loops forever (execution_timeout 60 s),
 * one request at a time, in milliseconds.
 */
export async function statusLatencyWhileLooping(): Promise<{ p50: number; p99: number }> {
  const { pool, stop } = await startServe();
  const looping = "function OnUpdate(doc, meta) { dst[meta.id] = 'started'; while (true) {} }";
  const spin = definition('spin', 'src', looping, [
    { alias: 'dst', bucket_name: 'dst', access: 'rw' },
  ]);
  await call(pool, 'POST', '/api/v1/functions/spin', spin);
  await allDeployed(pool, 1);
  // Answered only when the handler is stopped: not awaited.
  void call(pool, 'PUT', documentPath('src', 'k'), {}).catch(() => undefined);
  const started = async () => {
    const answer = await pool.request({
      method: 'GET',
      path: documentPath('dst', 'k'),
      headers: { authorization: AUTH },
    });
    await answer.body.dump();
    return answer.statusCode === 200;
  };
  while (!(await started())) await new Promise((resolve) => setTimeout(resolve, 10));
  const samples: number[] = [];
  for (let i = 0; i < STATUS_REQUESTS; i++) {
    const start = performance.now();
    await call(pool, 'GET', '/api/v1/status');
    samples.push(since(start));
  }
  const stats = (await call(pool, 'GET', '/api/v1/stats/spin')) as {
    failure_stats: { timeout_count: number };
  };
  await stop();
  if (stats.failure_stats.timeout_count !== 0) throw new Error('the handler stopped looping');
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.floor(q * (samples.length - 1))] as number;
  return { p50: at(0.5), p99: at(0.99) };
}

/**
 * Sustained document PUTs per second through a deployed trivial OnUpdate; with `stored`, serve
 * has a --data-dir that already holds that many documents.
 */
export async function putThroughput(stored?: number): Promise<number> {
  const dir = stored === undefined ? undefined : seededDataDir(stored);
  const { pool, stop } = await startServe(dir);
  const trivial = 'function OnUpdate(doc, meta) { if (doc.n < 0) log(meta.id); }';
  await call(pool, 'POST', '/api/v1/functions/trivial', definition('trivial', 'docs', trivial));
  await allDeployed(pool, 1);
  for (let i = 0; i < 500; i++) await call(pool, 'PUT', documentPath('docs', `w${i}`), { n: i });
  let next = 0;
  const worker = async () => {
    while (next < PUTS) {
      const i = next++;
      await call(pool, 'PUT', documentPath('docs', `k${i}`), { n: i, name: `doc ${i}` });
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const elapsed = since(start);
  const stats = (await call(pool, 'GET', '/api/v1/stats/trivial')) as {
    execution_stats: { on_update_success: number };
  };
  await stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (stats.execution_stats.on_update_success !== PUTS + 500) {
    throw new Error('the handler did not run once per PUT');
  }
  return PUTS / (elapsed / 1000);
}

const QUERIES = 20_000;

/** Sustained POST /query/service SELECTs by key per second, over 1 000 documents. */
export async function queryThroughput(): Promise<number> {
  const { pool, stop } = await startServe();
  await createBucket(pool, 'docs');
  for (let i = 0; i < 1000; i++) await call(pool, 'PUT', documentPath('docs', `k${i}`), { n: i });
  const statement = 'SELECT d.n FROM docs AS d USE KEYS $1';
  const query = async (i: number) => {
    const { results } = (await call(pool, 'POST', '/query/service', {
      statement,
      args: [`k${i % 1000}`],
    })) as { results: Array<{ n: number }> };
    if (results[0]?.n !== i % 1000) throw new Error(`wrong row for k${i % 1000}`);
  };
  for (let i = 0; i < 500; i++) await query(i);
  let next = 0;
  const worker = async () => {
    while (next < QUERIES) await query(next++);
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const elapsed = since(start);
  await stop();
  return QUERIES / (elapsed / 1000);
}

// node --no-node-snapshot bench/serve-http.ts: these figures alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const status = await statusLatency();
  console.log(
    `GET /api/v1/status, 50 deployed functions: p50 ${status.p50.toFixed(2)} ms, p99 ${status.p99.toFixed(2)} ms`,
  );
  const looping = await statusLatencyWhileLooping();
  console.log(
    `GET /api/v1/status while an OnUpdate loops forever: p50 ${looping.p50.toFixed(2)} ms, p99 ${looping.p99.toFixed(2)} ms`,
  );
  console.log(`document PUTs through a trivial OnUpdate: ${Math.round(await putThroughput())} /s`);
  for (const stored of [1_000, 100_000]) {
    const rate = Math.round(await putThroughput(stored));
    console.log(`the same with --data-dir holding ${stored} documents: ${rate} /s`);
  }
  console.log(`POST /query/service, SELECT by key: ${Math.round(await queryThroughput())} /s`);
}
