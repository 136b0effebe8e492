import { spawn } from 'node:child_process';
import { hasIsolateNodeFlags, ISOLATE_NODE_FLAGS } from '../runtime/isolate/node-flags.ts';

// Commands that create isolates in this process need Node started with ISOLATE_NODE_FLAGS.
// Rather than making every command pay for that (a Node without its startup snapshot starts
// slower), only these re-execute themselves with the flags.
const ISOLATE_COMMANDS = new Set(['check', 'promote', 'serve', 'watch']);

/**
 * serve's process also runs V8 in its memory saver mode. serve runs for hours beside the tools
 * of the person using it, and its handlers may make garbage by the gigabyte (a 10 MB string
 * logged per document): by default V8 lets a heap grow to several times what it keeps alive
 * before collecting it, in Node's heap and in every function's isolate alike, while memory saver
 * mode keeps heaps near what is alive, for a little more time spent collecting (PUTs per second
 * through a handler, bench/serve-http.ts, stay within the noise).
 */
export const SERVE_NODE_FLAGS: readonly string[] = [...ISOLATE_NODE_FLAGS, '--memory-saver-mode'];

/** The command name in `node eventing-dev <command> ...`, if any. */
function commandOf(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((arg) => !arg.startsWith('-'));
}

/**
 * The Node flags this CLI invocation must be re-executed with, or undefined when this process
 * can carry on itself (the command creates no isolates, or the process has the flags).
 */
export function missingNodeFlags(
  argv: readonly string[],
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): readonly string[] | undefined {
  const command = commandOf(argv);
  if (command === undefined || !ISOLATE_COMMANDS.has(command)) return undefined;
  const flags = command === 'serve' ? SERVE_NODE_FLAGS : ISOLATE_NODE_FLAGS;
  return hasIsolateNodeFlags(execArgv, nodeOptions, flags) ? undefined : flags;
}

/**
 * Runs this same CLI invocation again in a child Node with the isolate flags when the command
 * needs them and they are missing. Resolves to the child's exit code, or undefined when this
 * process can carry on itself.
 */
export function reexecWithIsolateFlags(argv: readonly string[]): Promise<number> | undefined {
  const flags = missingNodeFlags(argv);
  if (!flags) return undefined;
  // The IPC channel lets the child notice when this process dies, even of a SIGKILL that it
  // cannot forward, so that a serve child never outlives it holding its port.
  const child = spawn(process.execPath, [...flags, ...process.execArgv, ...argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}

/**
 * In a child started by {@link reexecWithIsolateFlags}: ends this process (as a SIGTERM would,
 * so serve still saves and closes) when the parent goes away. The channel itself must not keep
 * the process alive.
 */
export function followParent(): void {
  if (!process.channel) return;
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
