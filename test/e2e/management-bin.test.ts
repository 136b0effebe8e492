import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runBin } from '../cli/cli-harness.ts';
import { fn, servedClient } from '../client/client-harness.ts';

// The management commands through the real bin, as a user's shell runs them, against serve in
// this process: exit codes, error text on standard error, JSON on standard output, and what
// the process loads.

const probe = new URL('../client/fixtures/module-probe.mjs', import.meta.url).pathname;

async function served() {
  const s = await servedClient();
  await s.client.saveFunction(fn('a'));
  return { ...s, url: s.h.running.url };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the bin', () => {
  it('prints functions list --json, loading neither isolated-vm, vitest nor all of undici', async () => {
    const { url } = await served();
    const result = await runBin(['functions', 'list', '--json', '--cluster', url], {
      NODE_OPTIONS: `--import ${probe}`,
    });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({ location: 'a', composite_status: 'undeployed' }),
    ]);
  });

  it('deploys and waits, taking the cluster from EVENTING_DEV_CLUSTER', async () => {
    const { url, client } = await served();
    const result = await runBin(['functions', 'deploy', 'a'], { EVENTING_DEV_CLUSTER: url });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^a deployed \(\d+\.\d s\)\n$/);
    expect((await client.getStatus('a')).composite_status).toBe('deployed');
  });

  it('exits 1 with the server’s error and a credentials hint on 401, never printing the password', async () => {
    const { url } = await served();
    const result = await runBin(['functions', 'list', '--cluster', url], {
      CB_REST_USERNAME: 'Administrator',
      CB_REST_PASSWORD: 'hunter2',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: unauthenticated User (ERR_UNAUTHENTICATED, HTTP 401)\n' +
        'hint: Check the credentials (user Administrator): --username/--password, or CB_REST_USERNAME / CB_REST_PASSWORD.\n',
    );
    expect(result.stdout + result.stderr).not.toContain('hunter2');
  });

  it('exits 1 with a hint about the cluster URL when nothing listens there', async () => {
    const port = await closedPort();
    const result = await runBin(['list', '--cluster', `127.0.0.1:${port}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^error: Cannot reach the Eventing service at http://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED.*\\n`,
      ),
    );
    expect(result.stderr).toContain(
      `hint: Check the cluster URL http://127.0.0.1:${port}, which came from --cluster; choose another with --cluster, --env or EVENTING_DEV_CLUSTER, or start a local one with \`eventing-dev serve\`.\n`,
    );
  });

  it('exits 2 for usage errors, ours and commander’s', async () => {
    const { url } = await served();
    const pair = await runBin(['settings', 'set', 'a', 'worker_count', '--cluster', url]);
    expect([pair.code, pair.stderr.split('\n')[0]]).toEqual([
      2,
      'error: "worker_count" is not key=value',
    ]);
    const missing = await runBin(['functions', 'deploy']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'fn'");
    const credentials = await runBin(['list', '--cluster', 'cb.example.com']);
    expect([credentials.code, credentials.stderr.split('\n')[0]]).toEqual([
      2,
      'error: No credentials for http://cb.example.com:8096: give a username and password',
    ]);
  });

  it('documents cluster selection and credentials in each command’s help', async () => {
    const result = await runBin(['functions', 'deploy', '--help']);
    expect(result.code).toBe(0);
    for (const text of [
      '--no-wait',
      '--timeout <seconds>',
      'EVENTING_DEV_CLUSTER',
      'CB_REST_PASSWORD',
      '--cacert',
    ]) {
      expect(result.stdout).toContain(text);
    }
  });
});
