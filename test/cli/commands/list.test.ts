import { describe, expect, it } from 'vitest';
import { listCommand } from '../../../src/cli/commands/list.ts';
import { fn, servedClient } from '../../client/client-harness.ts';
import { capture } from '../cli-harness.ts';

// `eventing-dev logs|stats|config|list` in process, against serve; and how a command picks its
// cluster and credentials.

const DEPLOYED = { settings: { deployment_status: true, processing_status: true } };

async function withLog(lines: number) {
  const served = await servedClient();
  await served.client.saveFunction(fn('a', DEPLOYED));
  await served.client.saveFunction(fn('idle'));
  await served.client.waitForStatus('a', 'deployed');
  const put = async (i: number) => {
    const answer = await served.h.call('PUT', `/_dev/keyspaces/src/docs/k${i}`, { body: { i } });
    expect(answer.status).toBe(200);
  };
  for (let i = 0; i < lines; i++) await put(i);
  return { ...served, put, flags: { cluster: served.h.running.url } };
}

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
