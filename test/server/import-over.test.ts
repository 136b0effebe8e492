import { describe, expect, it } from 'vitest';
import { composite, inState } from './function-states.ts';
import { definition, expectOk } from './serve-harness.ts';

// POST /api/v1/import over a function that exists (8.x: the status flags of the body are the
// lifecycle request, spec §2.7, §3.2): the function ends resting where the flags say, never
// stuck in a transition.

const imported = (deployment_status: boolean, processing_status: boolean) => [
  definition('fn', { settings: { deployment_status, processing_status } }),
];

describe('importing over a paused function', () => {
  it('as undeployed: undeploys it, and it can be deployed again', async () => {
    const h = await inState('paused');
    const [result] = expectOk(
      await h.call('POST', '/api/v1/import', { body: imported(false, false) }),
    ) as Array<{ code: number }>;
    expect(result?.code).toBe(0);
    expect(await composite(h)).toBe('undeploying');
    await h.transitions.release();
    expect(await composite(h)).toBe('undeployed');
    expectOk(await h.call('POST', '/api/v1/functions/fn/deploy'));
    await h.transitions.release();
    expect(await composite(h)).toBe('deployed');
  });

  it('as paused: stays paused, with nothing pending, and a later undeploy is accepted', async () => {
    const h = await inState('paused');
    expectOk(await h.call('POST', '/api/v1/import', { body: imported(true, false) }));
    expect(await composite(h)).toBe('paused');
    expect(h.transitions.pending).toBe(0);
    expectOk(await h.call('POST', '/api/v1/functions/fn/undeploy'));
    await h.transitions.release();
    expect(await composite(h)).toBe('undeployed');
  });

  it('as deployed: resumes it', async () => {
    const h = await inState('paused');
    expectOk(await h.call('POST', '/api/v1/import', { body: imported(true, true) }));
    expect(await composite(h)).toBe('resuming');
    await h.transitions.release();
    expect(await composite(h)).toBe('deployed');
  });
});
