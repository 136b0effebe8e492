import { describe, expect, it } from 'vitest';
import { statsCommand, statsResetCommand } from '../../../src/cli/commands/stats.ts';
import { capture } from '../cli-harness.ts';
import { withLog } from '../served-functions.ts';

// `eventing-dev logs|stats|config|list` in process, against serve; and how a command picks its
// cluster and credentials.

describe('stats', () => {
  it('tabulates running functions, shows one function’s sections, and says when one is idle', async () => {
    const { flags } = await withLog(2);
    const all = capture();
    expect(await statsCommand(undefined, flags, all.context)).toBe(0);
    expect(all.captured.out).toBe(
      [
        'NAME  ON_UPDATE OK/FAIL  ON_DELETE OK/FAIL  TIMERS OK/FAIL  FAILURES  BACKLOG',
        'a     2/0                0/0                0/0             0         0',
        '',
      ].join('\n'),
    );
    const one = capture();
    await statsCommand('a', flags, one.context);
    expect(one.captured.out).toMatch(/^function_name +a\n/m);
    expect(one.captured.out).toMatch(
      /^execution_stats:\n(?: {2}.*\n)*? {2}on_update_success +2\n/m,
    );
    const idle = capture();
    await statsCommand('idle', flags, idle.context);
    expect(idle.captured.out).toBe(
      'idle is undeployed: only deployed or paused functions have statistics\n',
    );
    const idleJson = capture();
    await statsCommand('idle', { ...flags, json: true }, idleJson.context);
    expect(idleJson.captured.out).toBe('null\n');
  });

  it('resets a function’s counters', async () => {
    const { flags, client } = await withLog(2);
    const { context, captured } = capture();
    expect(await statsResetCommand('a', flags, context)).toBe(0);
    expect(captured.out).toBe('Reset the statistics of a\n');
    expect((await client.getExecutionStats('a')).on_update_success).toBe(0);
  });
});
