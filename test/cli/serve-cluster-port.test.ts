import { request } from 'undici';
import { expect, it } from 'vitest';
import { serveCommand } from '../../src/cli/commands/serve.ts';
import { ADMIN } from '../server/serve-harness.ts';

// `eventing-dev serve --cluster-port`: serve also answers on the cluster manager's port.

it("also listens on the cluster manager's port and says what to give couchbase-cli", async () => {
  let out = '';
  const io = {
    out: (text: string) => {
      out += text;
    },
    err: () => undefined,
    exit: () => undefined,
  };
  let pools: unknown;
  await serveCommand(
    { host: '127.0.0.1', port: 0, clusterPort: 0, transitionMs: 20 },
    { io, env: {}, cwd: process.cwd(), interactive: false },
    async (running) => {
      const response = await request(`http://127.0.0.1:${running.clusterPort}/pools`, {
        headers: { authorization: ADMIN },
      });
      pools = await response.body.json();
    },
  );
  expect(out).toMatch(/cluster manager on port (\d+) \(couchbase-cli -c 127\.0\.0\.1:\1\)/);
  expect(pools).toMatchObject({ pools: [{ name: 'default' }] });
});
