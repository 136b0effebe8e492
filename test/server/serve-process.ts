import { type ChildProcess, spawn } from 'node:child_process';
import { Pool } from 'undici';

import { SERVE_NODE_FLAGS } from '../../src/cli/isolate-flags.ts';
import { afterEachTest } from '../helpers/after-each-test.ts';
import { type Answer, type CallOptions, send } from './serve-harness.ts';

// `eventing-dev serve` from the sources in a child process, so that a test can kill it (SIGKILL,
// SIGTERM) at a moment of its choosing. Every child is killed after the test.

export interface ServeProcess {
  process: ChildProcess;
  url: string;
  pool: Pool;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | NodeJS.Signals>;
  /** Everything the process wrote so far. */
  output(): string;
}

const children: ServeProcess[] = [];

afterEachTest(async () => {
  for (const child of children.splice(0)) {
    child.process.kill('SIGKILL');
    await child.exited;
    await child.pool.destroy();
  }
});

/** Starts serve on a free port with `--data-dir dir`; resolves once it listens. */
export async function startServeProcess(dir: string, args: string[] = []): Promise<ServeProcess> {
  const script = new URL('serve-child.ts', import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    [
      ...SERVE_NODE_FLAGS,
      script,
      '--port',
      '0',
      '--transition-ms',
      '20',
      '--data-dir',
      dir,
      ...args,
    ],
    { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal as NodeJS.Signals))),
  );
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  const pool = new Pool(url);
  const started: ServeProcess = {
    process: child,
    url,
    pool,
    call: (method, path, options = {}) => send(pool, method, path, options),
    exited,
    output: () => output,
  };
  children.push(started);
  return started;
}
