import { describe, expect, it } from 'vitest';
import { formatReport } from '../../../src/project/watch/format-report.ts';
import type { ActivityReport } from '../../../src/project/watch/watch-report.ts';
import { docPath, expectStored, serve } from '../../server/serve-harness.ts';
import { createOnServe, functionFolder, watch } from './watch-fixture.ts';

// Handler failures between saves are reported as they happen, not with the next save.

const THROWS = `function OnUpdate(doc, meta) {
  if (doc.bad) throw new Error('bad document ' + meta.id);
  dst[meta.id] = doc;
}
`;

describe('watch between saves', () => {
  it('reports a handler failure at the next look, with the exception the log holds', async () => {
    const harness = await serve({ transitionMs: 0 });
    await createOnServe(harness, 'fn1', THROWS, { deploy: true });
    const folder = await functionFolder('fn1', THROWS);
    // The looks are run by hand: no timer, no sleep. A look ends by scheduling the next one.
    const looks: Array<() => void> = [];
    let scheduled: () => void = () => undefined;
    const timers = {
      set: (callback: () => void) => {
        looks.push(callback);
        scheduled();
      },
      clear: () => undefined,
    };
    const watching = await watch(harness.running.url, [folder], { activityMs: 1000, timers });
    expectStored(await harness.call('PUT', docPath('src', 'k1'), { body: { bad: true } }));
    const looked = new Promise<void>((resolve) => {
      scheduled = resolve;
    });
    looks.shift()?.();
    await looked;
    const report = watching.reports.find((r): r is ActivityReport => r.type === 'activity');
    expect(report).toMatchObject({ function: 'fn1', activity: { failed: 1 } });
    if (!report) return;
    const text = formatReport(report);
    expect(text).toMatch(
      /^\d\d:\d\d:\d\d fn1: 1 handler failed\n {2}since the last look: 0 handled, 1 failed/,
    );
    expect(text).toContain('bad document k1');
  });
});
