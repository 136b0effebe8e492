import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { missingNodeFlags, reexecWithIsolateFlags } from '../../src/cli/isolate-flags.ts';
import { ISOLATE_NODE_FLAGS } from '../../src/runtime/isolate/node-flags.ts';

describe('re-executing the CLI with the isolate flags', () => {
  it('is not needed by commands that create no isolates', () => {
    expect(reexecWithIsolateFlags(['node', 'eventing-dev', '--version'])).toBeUndefined();
    expect(reexecWithIsolateFlags(['node', 'eventing-dev', 'help'])).toBeUndefined();
  });

  it('is not needed when the process already has the flags (this test worker has them)', () => {
    expect(reexecWithIsolateFlags(['node', 'eventing-dev', 'check', 'x.json'])).toBeUndefined();
  });
});

describe('the Node flags a command is re-executed with', () => {
  const run = (...args: string[]) => ['node', 'eventing-dev', ...args];

  it('are the isolate flags for commands that create isolates, unless the process has them', () => {
    expect(missingNodeFlags(run('check', 'x.json'), [], '')).toEqual(ISOLATE_NODE_FLAGS);
    expect(missingNodeFlags(run('watch'), [], '--no-node-snapshot')).toBeUndefined();
    expect(missingNodeFlags(run('list'), [], '')).toBeUndefined();
  });

  it("put serve's V8 in memory saver mode", () => {
    const serve = run('serve', '--port', '0');
    expect(missingNodeFlags(serve, [], '')).toEqual([...ISOLATE_NODE_FLAGS, '--memory-saver-mode']);
    expect(missingNodeFlags(serve, ['--no-node-snapshot'], '')).toContain('--memory-saver-mode');
    expect(missingNodeFlags(serve, ['--no-node-snapshot', '--memory-saver-mode'], '')).toBe(
      undefined,
    );
  });
});

describe('a re-executed child', () => {
  const fixture = fileURLToPath(new URL('./fixtures/follow-parent.ts', import.meta.url));
  const start = (mode: string) => {
    const child = spawn(process.execPath, [fixture, mode], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    const exited = once(child, 'exit').then(([code]) => ({ code, output }));
    return { child, exited, output: () => output };
  };

  it('ends by itself when it is done: the channel to its parent keeps nothing alive', async () => {
    expect(await start('done').exited).toEqual({ code: 0, output: 'done\n' });
  });

  it('stops as on SIGTERM when its parent goes away', async () => {
    const { child, exited } = start('wait');
    await once(child.stdout!, 'data');
    child.disconnect();
    expect(await exited).toEqual({ code: 0, output: 'waiting\nterminated\n' });
  });
});
