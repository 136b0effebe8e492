import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

// `eventing-dev serve` and `eventing-dev doc` through the real bin, as a user's shell runs them.

const bin = new URL('../../../bin/eventing-dev.js', import.meta.url).pathname;
const running: ChildProcess[] = [];

afterEach(() => {
  // The bin re-executes itself for serve: kill the group, or its child would be orphaned.
  for (const child of running.splice(0)) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

interface Served {
  child: ChildProcess;
  url: string;
  output: () => string;
  exit: Promise<number | null>;
}

/** Starts the bin's serve on a free port and resolves once it says where it listens. */
async function startServe(args: string[] = [], env: Record<string, string> = {}): Promise<Served> {
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

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('eventing-dev serve', () => {
  it('prints where it listens, serves the API and stops cleanly on SIGTERM', async () => {
    const served = await startServe(['--transition-ms', '20']);
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(served.output()).toContain('user Administrator / password (the defaults;');
    const answer = await fetch(`${served.url}/api/v1/status`, {
      headers: { authorization: basic('Administrator', 'password') },
    });
    expect({ status: answer.status, body: await answer.json() }).toEqual({
      status: 200,
      body: { apps: [], num_eventing_nodes: 1 },
    });
    served.child.kill('SIGTERM');
    expect(await served.exit).toBe(0);
    expect(served.output()).toContain('eventing-dev serve: stopping');
  });

  it('takes credentials from CB_REST_USERNAME / CB_REST_PASSWORD, and flags over them', async () => {
    const fromEnv = await startServe([], { CB_REST_USERNAME: 'env', CB_REST_PASSWORD: 'envpw' });
    const status = (url: string, user: string, password: string) =>
      fetch(`${url}/api/v1/status`, { headers: { authorization: basic(user, password) } }).then(
        (r) => r.status,
      );
    expect(await status(fromEnv.url, 'env', 'envpw')).toBe(200);
    expect(await status(fromEnv.url, 'Administrator', 'password')).toBe(401);
    const fromFlags = await startServe(['--username', 'flag', '--password', 'flagpw'], {
      CB_REST_USERNAME: 'env',
    });
    expect(await status(fromFlags.url, 'flag', 'flagpw')).toBe(200);
  });

  it('exits 2 with a hint when the port is taken or a flag is wrong', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const taken = cli(['serve', '--port', String(port)]);
    blocker.close();
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain(`Cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
    expect(taken.stderr).toContain('hint: ');
    expect(cli(['serve', '--port', 'http']).code).toBe(2);
    const tls = cli(['serve', '--port', '0', '--tls-cert', 'cert.pem']);
    expect(tls.code).toBe(2);
    expect(tls.stderr).toContain('TLS needs both --tls-cert and --tls-key');
  });
});
