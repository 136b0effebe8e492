import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Pool } from 'undici';
import { afterEachTest } from '../helpers/after-each-test.ts';
import { createKeyspace as createKeyspaceThrough, send } from '../server/serve-harness.ts';

// `eventing-dev serve` and the other commands through the real bin, as a user's shell runs
// them: each test file that imports this gets its serves stopped after every test.

const bin = new URL('../../bin/eventing-dev.js', import.meta.url).pathname;
const running: ChildProcess[] = [];

afterEachTest(() => {
  // The bin re-executes itself for serve: kill the group, or its child would be orphaned.
  for (const child of running.splice(0)) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

export interface Served {
  child: ChildProcess;
  url: string;
  output: () => string;
  exit: Promise<number | null>;
}

/** Starts the bin's serve on a free port and resolves once it says where it listens. */
export async function startServe(
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<Served> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, which afterEach kills whole
  });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const match = /listening on (\S+)\n.*Ctrl-C stops\n/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    void exit.then((code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output, exit };
}

export function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Creates `bucket` or `bucket.scope.collection` on a running serve through the cluster
 * manager's REST API, as an administrator would (any certificate accepted).
 */
export async function createKeyspace(
  url: string,
  keyspace: string,
  credentials = 'Administrator:password',
): Promise<void> {
  const pool = new Pool(url, { connect: { rejectUnauthorized: false } });
  const authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  try {
    await createKeyspaceThrough(
      (method, path, options = {}) => send(pool, method, path, { ...options, authorization }),
      keyspace,
    );
  } finally {
    await pool.close();
  }
}
