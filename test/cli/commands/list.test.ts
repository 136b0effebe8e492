import { describe, expect, it } from 'vitest';
import { listCommand } from '../../../src/cli/commands/list.ts';
import { capture } from '../cli-harness.ts';
import { withLog } from '../served-functions.ts';

// `eventing-dev logs|stats|config|list` in process, against serve; and how a command picks its
// cluster and credentials.

describe('list', () => {
  it('prints names, filtered by the server; refuses contradictory filters', async () => {
    const { flags } = await withLog(0);
    const all = capture();
    await listCommand(flags, all.context);
    expect(all.captured.out).toBe('a\nidle\n');
    const deployed = capture();
    await listCommand({ ...flags, deployed: true, json: true }, deployed.context);
    expect(deployed.captured.out).toBe('[\n  "a"\n]\n');
    const none = capture();
    await listCommand({ ...flags, sourceBucket: 'elsewhere', json: true }, none.context);
    expect(none.captured.out).toBe('[]\n');
    const both = capture();
    expect(await listCommand({ ...flags, deployed: true, undeployed: true }, both.context)).toBe(2);
    const type = capture();
    expect(await listCommand({ ...flags, type: 'mine' }, type.context)).toBe(2);
    expect(type.captured.err).toMatch(/^error: --type takes sbm or notsbm, not "mine"\n/);
  });
});
