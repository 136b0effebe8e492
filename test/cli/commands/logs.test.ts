import { describe, expect, it } from 'vitest';
import { logsCommand } from '../../../src/cli/commands/logs.ts';
import { capture } from '../cli-harness.ts';
import { withLog } from '../served-functions.ts';

// `eventing-dev logs|stats|config|list` in process, against serve; and how a command picks its
// cluster and credentials.

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
