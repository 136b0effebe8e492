import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Pool } from 'undici';
import { ISOLATE_NODE_FLAGS } from '../src/runtime/isolate/node-flags.ts';
import { since, summarise } from './stats.ts';

// Wall time of `eventing-dev functions list --json` against serve, the built bin started as a
// user's shell starts it (plain node, no flags), from spawn to exit: the issue asks for at most
// 300 ms. `node -e 0` on the same machine is printed alongside, as the floor no command can beat.
// Serve runs in its own process with 10 functions, 5 of them deployed.

const RUNS = 20;
const FUNCTIONS = 10;
const root = new URL('../', import.meta.url);
const bin = new URL('bin/eventing-dev.js', root).pathname;
const AUTH = `Basic ${Buffer.from('Administrator:password').toString('base64')}`;

async function startServe(): Promise<{ url: string; child: ChildProcess }> {
  const script = new URL('serve-child.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, [...ISOLATE_NODE_FLAGS, script], {
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
  return { url, child };
}

async function seed(url: string): Promise<void> {
  const pool = new Pool(url);
  const definitions = Array.from({ length: FUNCTIONS }, (_, i) => ({
    appname: `fn${i}`,
    appcode: 'function OnUpdate(doc, meta) { log(meta.id); }',
    depcfg: { source_bucket: `src${i}`, metadata_bucket: 'meta' },
    settings: { deployment_status: i % 2 === 0, processing_status: i % 2 === 0 },
  }));
  const response = await pool.request({
    method: 'POST',
    path: '/api/v1/functions',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(definitions),
  });
  await response.body.text();
  await pool.close();
}

/** Wall milliseconds of one run of `node <args>` from spawn to exit. */
function wall(args: string[]): { ms: number; stdout: string } {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const ms = since(start);
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${result.stderr}`);
  return { ms, stdout: result.stdout };
}

/** The figures, as the lines bench/run.ts prints. */
export async function cliListReport(): Promise<string> {
  if (!existsSync(new URL('dist/cli/main.js', root))) {
    spawnSync(process.execPath, ['scripts/build.js'], { cwd: root, stdio: 'inherit' });
  }
  const { url, child } = await startServe();
  try {
    await seed(url);
    const args = [bin, 'functions', 'list', '--json', '--cluster', url];
    const listed = JSON.parse(wall(args).stdout) as unknown[];
    if (listed.length !== FUNCTIONS) throw new Error(`listed ${listed.length} functions`);
    wall(args); // warm the file system cache
    const list = summarise(Array.from({ length: RUNS }, () => wall(args).ms));
    const floor = summarise(Array.from({ length: RUNS }, () => wall(['-e', '0']).ms));
    const fmt = (t: { median: number; p90: number; min: number }) =>
      `median ${t.median.toFixed(0)} ms, p90 ${t.p90.toFixed(0)} ms, min ${t.min.toFixed(0)} ms`;
    return [
      `\neventing-dev functions list --json against serve (${FUNCTIONS} functions), wall from spawn to exit`,
      `  the built bin      ${fmt(list)}  (target: 300 ms)`,
      `  node -e 0 (floor)  ${fmt(floor)}`,
    ].join('\n');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

// node --no-node-snapshot bench/cli-list.ts: this figure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await cliListReport());
}
