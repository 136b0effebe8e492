import { get } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../../src/index.ts';
import {
  disableInspector,
  enableInspector,
} from '../../../src/runtime/isolate/inspector/inspector-hub.ts';
import {
  type InspectorServer,
  parseInspectorAddress,
  startInspectorServer,
} from '../../../src/server/inspector/inspector-server.ts';
import { CdpClient } from '../../helpers/cdp-client.ts';

const folder = new URL('./functions/debuggee/', import.meta.url);
const handlerUrl = pathToFileURL(resolve(new URL('handler.js', folder).pathname)).href;

interface CallFrame {
  callFrameId: string;
  url: string;
  location: { scriptId: string; lineNumber: number };
  scopeChain: { type: string; object: { objectId: string } }[];
}

let server: InspectorServer;
let client: CdpClient;
let em: Emulator;

beforeEach(async () => {
  server = await startInspectorServer({ host: '127.0.0.1', port: 0 });
  client = await CdpClient.connect(server.webSocketUrl);
  await client.send('Runtime.enable');
  await client.send('Debugger.enable');
  em = await createEmulator();
});

afterEach(async () => {
  client.close();
  await em.dispose();
  await server.close();
  disableInspector();
});

/** The id of the handler script once the debugger has been told of it. */
async function handlerScriptId(): Promise<string> {
  for (;;) {
    const script = await client.next('Debugger.scriptParsed');
    if (script.url === handlerUrl) return script.scriptId as string;
  }
}

/** Waits for the handler to stop, and returns where, with the names in its local scope. */
async function pausedFrame(): Promise<{ frame: CallFrame; locals: Map<string, unknown> }> {
  const paused = await client.next('Debugger.paused');
  const frame = (paused.callFrames as CallFrame[])[0] as CallFrame;
  const local = frame.scopeChain.find((scope) => scope.type === 'local');
  const { result } = await client.send<{ result: { name: string; value: { value?: unknown } }[] }>(
    'Runtime.getProperties',
    { objectId: local?.object.objectId, ownProperties: true },
  );
  return { frame, locals: new Map(result.map((p) => [p.name, p.value.value])) };
}

describe('debugging handler code over the Chrome DevTools Protocol', () => {
  it('lists one target for the handler isolates at /json/list, as Node does', async () => {
    const origin = server.webSocketUrl.replace(/^ws:/, 'http:').replace(/\/[^/]*$/, '');
    const list = (await (await fetch(`${origin}/json/list`)).json()) as Record<string, string>[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ type: 'node', webSocketDebuggerUrl: server.webSocketUrl });
    const version = (await (await fetch(`${origin}/json/version`)).json()) as object;
    expect(version).toHaveProperty('Protocol-Version');
  });

  it('refuses requests naming a host other than an address or localhost (DNS rebinding)', async () => {
    const { port } = new URL(server.webSocketUrl.replace(/^ws:/, 'http:'));
    const status = (host: string) =>
      new Promise<number | undefined>((resolve) => {
        get({ host: '127.0.0.1', port, path: '/json/list', headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode);
        });
      });
    expect(await status('rebind.attacker.example:9229')).toBe(403);
    expect(await status(`localhost:${port}`)).toBe(200);
  });

  it('stops at a breakpoint set by file URL and line in handler.js, with the document in scope', async () => {
    // Set before the function is deployed, as an editor does: it binds in the new isolate.
    await client.send('Debugger.setBreakpointByUrl', { url: handlerUrl, lineNumber: 2 });
    await em.deploy(folder);
    const scriptId = await handlerScriptId();
    const handled = em.upsert('src', 'k1', { n: 21 });
    const { frame, locals } = await pausedFrame();
    expect(frame.location).toMatchObject({ scriptId, lineNumber: 2 });
    expect(locals.get('doubled')).toBe(42);
    const { result } = await client.send<{ result: { value: unknown } }>(
      'Debugger.evaluateOnCallFrame',
      { callFrameId: frame.callFrameId, expression: 'doc.n + 1', returnByValue: true },
    );
    expect(result.value).toBe(22);
    await client.send('Debugger.resume');
    await handled;
    expect(em.get('dst', 'k1')?.value).toEqual({ n: 42 });
  });

  it('stops at a debugger statement', async () => {
    await em.deploy(folder);
    const handled = em.upsert('src', 'k2', { n: 1, stop: true });
    const { frame } = await pausedFrame();
    expect(frame.location.lineNumber).toBe(5);
    await client.send('Debugger.resume');
    await handled;
    expect(em.get('dst', 'k2')?.value).toEqual({ n: 2 });
  });

  it('shows the handler script under its file URL with the source it runs', async () => {
    await em.deploy(folder);
    const { scriptSource } = await client.send<{ scriptSource: string }>(
      'Debugger.getScriptSource',
      { scriptId: await handlerScriptId() },
    );
    expect(scriptSource).toContain('const doubled = doc.n * 2;');
  });

  it('lets no execution_timeout end a handler paused in the debugger', async () => {
    await em.deploy(folder); // execution_timeout: 1 s
    const handled = em.upsert('src', 'k3', { n: 5, stop: true });
    const { frame } = await pausedFrame();
    // A person looking around for longer than the timeout, done in the paused handler itself.
    await client.send('Debugger.evaluateOnCallFrame', {
      callFrameId: frame.callFrameId,
      expression: 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500)',
    });
    await client.send('Debugger.resume');
    await handled;
    const fn = em.function('debuggee');
    expect(fn.stats.failure_stats.timeout_count).toBe(0);
    expect(em.get('dst', 'k3')?.value).toEqual({ n: 10 });
  });

  it('removes a breakpoint from every isolate when asked', async () => {
    const { breakpointId } = await client.send<{ breakpointId: string }>(
      'Debugger.setBreakpointByUrl',
      { url: handlerUrl, lineNumber: 2 },
    );
    await em.deploy(folder);
    await client.send('Debugger.removeBreakpoint', { breakpointId });
    await em.upsert('src', 'k4', { n: 3 });
    expect(client.received('Debugger.paused')).toEqual([]);
    expect(em.get('dst', 'k4')?.value).toEqual({ n: 6 });
  });
});

describe('waiting for a debugger', () => {
  it('holds the run until a debugger says to run, as --inspect-brk does', async () => {
    const hub = enableInspector();
    let released = false;
    const waiting = hub.waitForDebugger().then(() => {
      released = true;
    });
    const port = hub.connect(() => undefined);
    expect(released).toBe(false);
    port.receive(JSON.stringify({ id: 1, method: 'Runtime.runIfWaitingForDebugger' }));
    await waiting;
    expect(released).toBe(true);
    port.close();
    disableInspector();
  });
});

describe('isolates made before debugging was turned on', () => {
  it('are not handed to functions that debuggers may join', async () => {
    disableInspector();
    const before = await createEmulator();
    await before.deploy(folder);
    await before.dispose(); // its isolate is pooled, made without the inspector
    const server = await startInspectorServer({ host: '127.0.0.1', port: 0 });
    const after = await createEmulator();
    await after.deploy(folder);
    await after.upsert('src', 'k5', { n: 4 });
    expect(after.get('dst', 'k5')?.value).toEqual({ n: 8 });
    await after.dispose();
    await server.close();
  });
});

describe('the inspector address', () => {
  it('defaults to loopback port 9229 and takes a port or host:port', () => {
    expect(parseInspectorAddress(undefined)).toEqual({ host: '127.0.0.1', port: 9229 });
    expect(parseInspectorAddress('9333')).toEqual({ host: '127.0.0.1', port: 9333 });
    expect(parseInspectorAddress('0.0.0.0:9230')).toEqual({ host: '0.0.0.0', port: 9230 });
    expect(() => parseInspectorAddress('localhost:x')).toThrow(/not an inspector address/);
  });
});
