import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../src/cli/command-context.ts';
import type { ExitCode } from '../../src/cli/exit-codes.ts';
import { runCommandLine } from '../../src/cli/run-command-line.ts';
import { nextTurn } from '../client/client-harness.ts';

// Running the management commands: in process with a fake CliIo (most output checks), or as
// the real bin in a child process (exit codes, the speed path). The child is spawned
// asynchronously, so that a serve in this process can answer it.

/** What a command printed, and the exit code it reported. */
export interface Captured {
  out: string;
  err: string;
  code: ExitCode | undefined;
}

/** A context whose io records everything; polls yield instead of sleeping. */
export function capture(overrides: Partial<CommandContext> = {}) {
  const captured: Captured = { out: '', err: '', code: undefined };
  const context: CommandContext = {
    io: {
      out: (text) => {
        captured.out += text;
      },
      err: (text) => {
        captured.err += text;
      },
      exit: (code) => {
        captured.code = code;
      },
    },
    env: {},
    cwd: mkdtempSync(join(tmpdir(), 'eventing-dev-cli-')),
    interactive: false,
    sleep: nextTurn,
    ...overrides,
  };
  return { context, captured };
}

const bin = new URL('../../bin/eventing-dev.js', import.meta.url).pathname;

/** Runs the built bin with `args`, as a user's shell would (no extra Node flags). */
export function runBin(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const inherited = { ...process.env };
    for (const name of [
      'CB_REST_USERNAME',
      'CB_REST_PASSWORD',
      'EVENTING_DEV_CLUSTER',
      'EVENTING_DEV_ENV',
    ]) {
      delete inherited[name];
    }
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...inherited, NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs a command line in this process, as the bin would parse it, with a captured context:
 * what it printed and its exit code.
 */
export async function runInProcess(
  args: string[],
  overrides: Partial<CommandContext> = {},
): Promise<Captured> {
  const { context, captured } = capture(overrides);
  const code = await runCommandLine(['node', 'eventing-dev', ...args], context.io, () => context);
  return { ...captured, code };
}
