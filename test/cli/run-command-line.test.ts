import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-harness.ts';

// The command line as the bin parses it, in process: exit codes of usage errors and of help.

describe('runCommandLine', () => {
  it('exits 2 for an unknown command or option, 0 for help and version', async () => {
    const unknown = await runInProcess(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown command 'frobnicate'");
    expect((await runInProcess(['pack', 'x', '--frob'])).code).toBe(2);
    const help = await runInProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: eventing-dev');
    expect((await runInProcess(['--version'])).out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('gives every command the context it was run with', async () => {
    // types resolves the project from the context's folder, not the process's.
    const result = await runInProcess(['types']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('No function folders in functions');
  });
});
