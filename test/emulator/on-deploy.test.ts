import { describe, expect, it } from 'vitest';
import { emulator, handler, logged } from '../helpers/emulator.ts';

describe('OnDeploy', () => {
  it('runs once on deploy with { reason: "Deploy", delay: 0 }, before any mutation', async () => {
    const em = await emulator();
    await em.upsert('src', 'existing', {});
    const fn = await em.deploy(
      handler(`function OnDeploy(action) { log('deploy', action, Object.keys(action)); dst['from-ondeploy'] = 1; }
      function OnUpdate(doc, meta) { log('update', meta.id); }`),
    );
    expect(logged(fn)).toEqual([
      '"deploy" {"reason":"Deploy","delay":0} ["reason","delay"] ',
      '"update" "existing" ',
    ]);
    expect(em.get('dst', 'from-ondeploy')?.value).toBe(1);
    // OnDeploy has no execution counters of its own.
    expect(fn.stats.execution_stats.on_update_success).toBe(1);
  });

  it('runs on resume with { reason: "Resume", delay: milliseconds since the pause }', async () => {
    const em = await emulator();
    const fn = await em.deploy(
      handler('function OnDeploy(action) { log(action); }\nfunction OnUpdate(doc, meta) {}'),
    );
    await fn.pause();
    await em.advance('90s');
    await fn.resume();
    expect(logged(fn)).toEqual([
      '{"reason":"Deploy","delay":0} ',
      '{"reason":"Resume","delay":90000} ',
    ]);
  });

  it('can create timers, and one in the past fires as soon as the function is deployed', async () => {
    const em = await emulator();
    const fn = await em.deploy(
      handler(`function OnDeploy(action) {
        createTimer(Tick, new Date(0), 'past');
        createTimer(Tick, new Date(Date.now() + 60000), 'later');
      }
      function Tick() { log('tick', new Date().toISOString()); }
      function OnUpdate(doc, meta) {}`),
    );
    expect(logged(fn)).toEqual(['"tick" "2026-01-01T00:00:00.000Z" ']);
    await em.advance('1m');
    expect(logged(fn)).toHaveLength(2);
  });

  it('that throws leaves the function undeployed, logs the error and rejects with ONDEPLOY_FAILED', async () => {
    const em = await emulator();
    const definition = handler(`function OnDeploy(action) {
  createTimer(Tick, new Date(Date.now() + 1000), 'r');
  throw new Error('not ready');
}
function Tick() {}
function OnUpdate(doc, meta) { log('update'); }`);
    await expect(em.deploy(definition)).rejects.toMatchObject({
      code: 'ONDEPLOY_FAILED',
      message: 'OnDeploy of function "fn" failed: Error: not ready',
    });
    expect(em.functions).toEqual([]);
    const fn = await em.define(definition);
    await expect(fn.deploy()).rejects.toMatchObject({ code: 'ONDEPLOY_FAILED' });
    expect([fn.status, fn.timers]).toEqual(['undeployed', []]);
    expect(JSON.parse(logged(fn)[0] as string)).toMatchObject({
      exception: '"Error: not ready"',
      line: 3,
    });
    expect(fn.failures).toEqual([
      expect.objectContaining({ entry: 'OnDeploy', kind: 'exception' }),
    ]);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toHaveLength(1);
  });

  it('that fails on resume leaves the function paused', async () => {
    const em = await emulator();
    const fn = await em.deploy(
      handler(
        "function OnDeploy(action) { if (action.reason === 'Resume') throw new Error('no'); }\nfunction OnUpdate(doc, meta) {}",
      ),
    );
    await fn.pause();
    await expect(fn.resume()).rejects.toMatchObject({ code: 'ONDEPLOY_FAILED' });
    expect(fn.status).toBe('paused');
  });

  it('is stopped after on_deploy_timeout seconds, and the deploy fails', async () => {
    const em = await emulator();
    const definition = handler(
      'function OnDeploy(action) { while (true) {} }\nfunction OnUpdate(doc, meta) {}',
      {
        settings: { on_deploy_timeout: 1 },
      },
    );
    await expect(em.deploy(definition)).rejects.toMatchObject({
      code: 'ONDEPLOY_FAILED',
      message: expect.stringContaining('exceeded on_deploy_timeout (1 s)'),
    });
  });
});
