import { expect, it } from 'vitest';
import { serveCommand } from '../../src/cli/commands/serve.ts';
import { CdpClient } from '../helpers/cdp-client.ts';

// `eventing-dev serve --inspect`: the handler isolates of serve open to debuggers.

it('says where debuggers attach, and takes them there', async () => {
  let err = '';
  const io = {
    out: () => undefined,
    err: (text: string) => {
      err += text;
    },
    exit: () => undefined,
  };
  let listed: unknown;
  let enabled: unknown;
  await serveCommand(
    { host: '127.0.0.1', port: 0, transitionMs: 0, inspect: '127.0.0.1:0' },
    { io, env: {}, cwd: process.cwd(), interactive: false },
    async () => {
      const address = /Debugger listening on (ws:\/\/(\S+)\/\S+)/.exec(err);
      listed = await (await fetch(`http://${address?.[2]}/json/list`)).json();
      const client = await CdpClient.connect(address?.[1] as string);
      enabled = await client.send('Debugger.enable');
      client.close();
    },
  );
  expect(err).toContain('For Chrome DevTools, open devtools://devtools/bundled/js_app.html');
  expect(listed).toMatchObject([{ type: 'node', title: 'eventing-dev handlers' }]);
  expect(enabled).toHaveProperty('debuggerId');
});
