import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { CdpClient } from '../helpers/cdp-client.ts';

const bin = new URL('../../bin/eventing-dev.js', import.meta.url).pathname;
const debuggee = new URL('../server/inspector/functions/debuggee', import.meta.url).pathname;

/** A project with the debuggee function and one test of it. */
function project(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-inspect-'));
  cpSync(debuggee, join(cwd, 'functions', 'debuggee'), { recursive: true });
  writeFileSync(
    join(cwd, 'functions', 'debuggee', 'debuggee.test.js'),
    `import { createEmulator } from 'eventing-dev';
import { expect, it } from 'vitest';
it('doubles n', async () => {
  const em = await createEmulator();
  await em.deploy(new URL('.', import.meta.url));
  await em.upsert('src', 'k1', { n: 21 });
  expect(em).toHaveDocument('dst', 'k1', { n: 42 });
  await em.dispose();
});
`,
  );
  return cwd;
}

// The real bin, with vitest and a debugger: seconds, more on a busy machine.
it('eventing-dev test --inspect-brk waits for a debugger, which stops in handler.js', {
  timeout: 60_000,
}, async () => {
  const cwd = project();
  const child = spawn(process.execPath, [bin, 'test', '--inspect-brk=0'], {
    cwd,
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let stderr = '';
  const address = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
      const found = /Debugger listening on (ws:\/\/\S+)/.exec(stderr);
      if (found) resolve(found[1] as string);
    });
    child.on('exit', () => reject(new Error(`exited before listening: ${stderr}`)));
  });
  const client = await CdpClient.connect(address);
  await client.send('Runtime.enable');
  await client.send('Debugger.enable');
  const handler = pathToFileURL(join(cwd, 'functions', 'debuggee', 'handler.js')).href;
  await client.send('Debugger.setBreakpointByUrl', { url: handler, lineNumber: 2 });
  await client.send('Runtime.runIfWaitingForDebugger');

  const paused = await client.next('Debugger.paused');
  const [frame] = paused.callFrames as { callFrameId: string; location: { lineNumber: number } }[];
  expect(frame?.location.lineNumber).toBe(2);
  const { result } = await client.send<{ result: { value: unknown } }>(
    'Debugger.evaluateOnCallFrame',
    { callFrameId: frame?.callFrameId, expression: 'JSON.stringify(doc)', returnByValue: true },
  );
  expect(result.value).toBe('{"n":21}');
  await client.send('Debugger.resume');
  expect(await exited).toBe(0);
  client.close();
});
