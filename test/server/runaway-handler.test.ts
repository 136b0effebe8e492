import { describe, expect, it } from 'vitest';
import {
  definition,
  docPath,
  expectOk,
  expectStored,
  type Harness,
  serve,
} from './serve-harness.ts';

// A handler that never returns runs off the thread that answers HTTP: every route keeps
// answering while it loops, and the server's timeout ends it and is counted.

interface FunctionStatsAnswer {
  execution_stats: { on_update_success: number; on_update_failure: number };
  failure_stats: { timeout_count: number };
}

async function statsOf(h: Harness, name: string): Promise<FunctionStatsAnswer> {
  return expectOk(await h.call('GET', `/api/v1/stats/${name}`)) as FunctionStatsAnswer;
}

/** Polls (a bounded loop, no sleeping) until `check` holds. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let poll = 0; poll < 20_000; poll++) {
    if (await check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the condition never held');
}

async function deployRunaway(h: Harness, name: string, appcode: string, settings: object) {
  const body = definition(name, {
    appcode,
    settings: { deployment_status: true, processing_status: true, ...settings },
  });
  return h.call('POST', `/api/v1/functions/${name}`, { body });
}

describe('a handler that loops forever on serve', () => {
  it('OnUpdate: every route answers while it runs, then its timeout is counted', async () => {
    const h = await serve();
    const appcode =
      "function OnUpdate(doc, meta) {\n  dst[meta.id] = 'started';\n  while (true) {}\n}\n";
    expectOk(await deployRunaway(h, 'spin', appcode, { execution_timeout: 2 }));
    await h.waitFor('spin', 'deployed');
    // Answered once the handler has run, so only after the timeout.
    const put = h.call('PUT', docPath('src', 'k1'), { body: { n: 1 } });
    // The mark is written just before the loop: from then on only the timeout ends the
    // invocation.
    await until(async () => (await h.call('GET', docPath('dst', 'k1'))).status === 200);
    const status = await h.call('GET', '/api/v1/status');
    const log = await h.call('GET', '/getAppLog?name=spin');
    const functions = await h.call('GET', '/api/v1/functions');
    const during = await statsOf(h, 'spin');
    // Nothing counted yet: every answer above came while the handler was looping.
    expect(during.failure_stats.timeout_count).toBe(0);
    expect(during.execution_stats.on_update_failure).toBe(0);
    expect(expectOk(status)).toMatchObject({
      apps: [{ name: 'spin', composite_status: 'deployed' }],
    });
    expect(log.status).toBe(200);
    expect(functions.status).toBe(200);
    // A write that reaches no stuck function is answered while it loops.
    expectStored(await h.call('PUT', docPath('dst', 'other'), { body: { n: 2 } }));
    expect((await statsOf(h, 'spin')).failure_stats.timeout_count).toBe(0);

    expect((await put).status).toBe(200);
    const after = await statsOf(h, 'spin');
    expect(after.failure_stats.timeout_count).toBe(1);
    expect(after.execution_stats).toMatchObject({ on_update_success: 0, on_update_failure: 1 });
  });

  it('OnDeploy: every route answers while it runs, then the deploy fails at on_deploy_timeout', async () => {
    const operator: string[] = [];
    let failed: () => void = () => undefined;
    const deployFailed = new Promise<void>((resolve) => {
      failed = resolve;
    });
    const h = await serve({
      log: (line) => {
        operator.push(line);
        failed();
      },
    });
    const appcode =
      "function OnDeploy(action) {\n  log('deploying');\n  while (true) {}\n}\nfunction OnUpdate(doc, meta) {}\n";
    expectOk(await deployRunaway(h, 'boot', appcode, { on_deploy_timeout: 2 }));
    await until(async () =>
      (await h.call('GET', '/getAppLog?name=boot')).text.includes('deploying'),
    );
    const status = expectOk(await h.call('GET', '/api/v1/status/boot')) as {
      app: { composite_status: string };
    };
    // Still deploying: OnDeploy has started and not ended.
    expect(status.app.composite_status).toBe('deploying');
    expect((await h.call('GET', '/api/v1/functions')).status).toBe(200);

    await deployFailed;
    await h.waitFor('boot', 'undeployed');
    expect(operator).toEqual([expect.stringContaining('exceeded on_deploy_timeout (2 s)')]);
  });

  it('global code: routes keep answering while it runs on save, until its timeout refuses the code', async () => {
    const h = await serve();
    // Only handler_headers and handler_footers can hold global code that runs: the appcode's
    // global space is functions alone.
    const settings = { execution_timeout: 2, handler_footers: ['while (true) {}'] };
    let answered = false;
    const save = h.call('POST', '/api/v1/functions/slow', {
      body: definition('slow', { settings }),
    });
    void save.finally(() => {
      answered = true;
    });
    let answeredMeanwhile = 0;
    while (!answered) {
      expect((await h.call('GET', '/api/v1/status')).status).toBe(200);
      if (!answered) answeredMeanwhile++;
    }
    // Every status request but the first would wait for the save if the global code held the
    // thread that answers HTTP.
    expect(answeredMeanwhile).toBeGreaterThan(10);
    const refused = await save;
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/did not finish within execution_timeout/);
    expect((await h.call('GET', '/api/v1/functions/slow')).status).toBe(404);
  });
});
