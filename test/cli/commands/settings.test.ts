import { describe, expect, it } from 'vitest';
import { settingsGetCommand, settingsSetCommand } from '../../../src/cli/commands/settings.ts';
import { parsePairs } from '../../../src/cli/options/key-values.ts';
import { fn, servedClient } from '../../client/client-harness.ts';
import { capture } from '../cli-harness.ts';

// `eventing-dev settings|keyspaces|appcode get|set` in process, against serve.

async function oneFunction(overrides: Record<string, unknown> = {}) {
  const served = await servedClient();
  await served.client.saveFunction(fn('a', overrides));
  return { ...served, flags: { cluster: served.h.running.url } };
}

describe('settings', () => {
  it('prints every setting as a table, and as JSON', async () => {
    const { flags } = await oneFunction();
    const human = capture();
    expect(await settingsGetCommand('a', flags, human.context)).toBe(0);
    const lines = human.captured.out.split('\n');
    expect(lines[0]).toMatch(/^SETTING +VALUE$/);
    expect(lines).toContainEqual(expect.stringMatching(/^worker_count +1$/));
    expect(lines).toContainEqual(expect.stringMatching(/^handler_headers +\["'use strict';"\]$/));
    const json = capture();
    await settingsGetCommand('a', { ...flags, json: true }, json.context);
    expect(JSON.parse(json.captured.out)).toMatchObject({ worker_count: 1, log_level: 'INFO' });
  });

  it('sets typed values with the function’s current status flags, which 7.x requires', async () => {
    const { flags, client } = await oneFunction();
    const { context, captured } = capture();
    const pairs = [
      'worker_count=4',
      'log_level=DEBUG',
      'description=nightly job',
      'n1ql_prepare_all=true',
    ];
    expect(await settingsSetCommand('a', pairs, { ...flags, json: true }, context)).toBe(0);
    expect(JSON.parse(captured.out)).toEqual({
      name: 'a',
      sent: {
        deployment_status: false,
        processing_status: false,
        worker_count: 4,
        log_level: 'DEBUG',
        description: 'nightly job',
        n1ql_prepare_all: true,
      },
      info: 'Function: a stored settings',
    });
    expect(await client.getSettings('a')).toMatchObject({
      worker_count: 4,
      log_level: 'DEBUG',
      description: 'nightly job',
      n1ql_prepare_all: true,
    });
  });

  it('says what it stored, warns about keys 8.x does not know, and relays refusals', async () => {
    const { flags } = await oneFunction();
    const ok = capture();
    expect(
      await settingsSetCommand('a', ['worker_count=2', 'worker_queue_cap=9'], flags, ok.context),
    ).toBe(0);
    expect(ok.captured.out).toBe('Stored settings of a: worker_count=2, worker_queue_cap=9\n');
    expect(ok.captured.err).toBe(
      'warning: worker_queue_cap is not a setting of Couchbase Server 8.x, which ignores it (7.x stores it)\n',
    );
    const refused = capture();
    expect(await settingsSetCommand('a', ['worker_count=0'], flags, refused.context)).toBe(1);
    expect(refused.captured.err).toMatch(
      /^error: worker_count value should be greater than or equal to 1 \(ERR_INVALID_REQUEST, HTTP 400\)\n/,
    );
  });

  it('refuses values of the wrong kind before asking the server (exit 2)', async () => {
    const { flags } = await oneFunction();
    for (const [pair, message] of [
      ['worker_count=four', 'worker_count takes a number, not "four"'],
      ['n1ql_prepare_all=yes', 'n1ql_prepare_all takes true or false, not "yes"'],
      ['worker_count', '"worker_count" is not key=value'],
    ] as const) {
      const { context, captured } = capture();
      expect(await settingsSetCommand('a', [pair], flags, context)).toBe(2);
      expect(captured.err).toMatch(
        new RegExp(`^error: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`),
      );
    }
  });

  it('reads lists of strings and loose JSON', () => {
    expect(
      parsePairs(['handler_headers=["a", "b"]', 'handler_footers=x'], 'settings').values,
    ).toEqual({
      handler_headers: ['a', 'b'],
      handler_footers: ['x'],
    });
    expect(parsePairs(['ram_quota=512', 'enable_debugger=true', 'name=x=y'])).toEqual({
      values: { ram_quota: 512, enable_debugger: true, name: 'x=y' },
      unknown: [],
    });
  });
});
