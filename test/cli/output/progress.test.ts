import { describe, expect, it } from 'vitest';
import { lifecycleCommand } from '../../../src/cli/commands/functions-lifecycle.ts';
import { capture } from '../cli-harness.ts';
import { seeded } from '../served-functions.ts';

// `eventing-dev functions ...` in process, against serve: what each prints, human and --json,
// and the exit code.

describe('progress on a terminal', () => {
  it('redraws one line in place while waiting and clears it before the result', async () => {
    const { flags } = await seeded();
    const { context, captured } = capture({ interactive: true });
    expect(await lifecycleCommand('pause', ['enrich'], flags, context)).toBe(0);
    const frames = captured.err.split('\r\x1b[2K').filter((frame) => frame !== '');
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      expect(frame).toMatch(/^[|/\\-] enrich: (pausing|paused), waiting for paused \(\d+\.\d s\)$/);
    }
    expect(captured.err.endsWith('\r\x1b[2K')).toBe(true);
    expect(captured.out).toMatch(/^enrich paused \(\d+\.\d s\)\n$/);
  });
});
