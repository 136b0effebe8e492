import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { cli, startServe } from '../bin-serve.ts';

// `eventing-dev serve` and `eventing-dev doc` through the real bin, as a user's shell runs them.

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
