import { describe, expect, it } from 'vitest';
import { logsCommand } from '../../../src/cli/commands/logs.ts';
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

const text = (line: string) => line.replace(/^\S+ /, '');

describe('logs', () => {
  it('prints the log oldest line first; --json is the array of lines', async () => {
    const { flags } = await withLog(2);
    const human = capture();
    expect(await logsCommand('a', flags, human.context)).toBe(0);
    expect(human.captured.out.split('\n').map(text)).toEqual([
      '[INFO] "saw" "k0" ',
      '[INFO] "saw" "k1" ',
      '',
    ]);
    const json = capture();
    await logsCommand('a', { ...flags, json: true, size: 100000 }, json.context);
    expect(JSON.parse(json.captured.out).map(text)).toEqual([
      '[INFO] "saw" "k0" ',
      '[INFO] "saw" "k1" ',
    ]);
  });

  it('--follow prints the lines written since, until stopped', async () => {
    const { flags, put } = await withLog(1);
    const controller = new AbortController();
    let polls = 0;
    const { context, captured } = capture({
      signal: controller.signal,
      // Each pause between polls writes a document; the third one stops the command.
      sleep: async () => {
        polls += 1;
        if (polls < 3) await put(polls);
        else controller.abort();
      },
    });
    expect(await logsCommand('a', { ...flags, follow: true, json: true }, context)).toBe(0);
    expect(
      captured.out
        .trim()
        .split('\n')
        .map((line) => text(JSON.parse(line))),
    ).toEqual(['[INFO] "saw" "k0" ', '[INFO] "saw" "k1" ', '[INFO] "saw" "k2" ']);
  });
});
