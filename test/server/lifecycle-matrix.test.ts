import { describe, expect, it } from 'vitest';
import { composite, inState } from './function-states.ts';
import { expectError, expectOk, type Harness, serve } from './serve-harness.ts';

// The operation × state matrix of Couchbase Server 8.0.1+ (spec §3.2), every cell over HTTP.
// Transitions are held by the test, so a function stays `deploying` or `pausing` until released.
// Edits and deletes in each state: lifecycle-edits.test.ts.

const lifecycle = (harness: Harness, op: string) =>
  harness.call('POST', `/api/v1/functions/fn/${op}`);

const INVALID = { http: 400, name: 'ERR_INVALID_REQUEST', code: 63 };

describe('deploy, undeploy, pause and resume in every state (8.0.1+)', () => {
  it('undeployed: deploy and resume deploy it; undeploy is 406; pause is 400', async () => {
    const h = await inState('undeployed');
    expectError(await lifecycle(h, 'undeploy'), {
      http: 406,
      name: 'ERR_APP_NOT_DEPLOYED',
      code: 12,
      description: 'Invalid operation. Function: fn already in undeployed state.',
    });
    expectError(await lifecycle(h, 'pause'), {
      ...INVALID,
      description: 'state transition not possible',
    });
    expect(expectOk(await lifecycle(h, 'resume'))).toEqual({
      code: 0,
      info: 'Function: fn is Resuming',
    });
    expect(await composite(h)).toBe('deploying');
    await h.transitions.release();
    expect(await composite(h)).toBe('deployed');
  });

  it('undeployed: deploy answers "is deploying" and the function reads deploying, then deployed', async () => {
    const h = await inState('undeployed');
    expect(expectOk(await lifecycle(h, 'deploy'))).toEqual({
      code: 0,
      info: 'Function: fn is deploying',
    });
    expect(await composite(h)).toBe('deploying');
    await h.transitions.release();
    expect(await composite(h)).toBe('deployed');
  });

  it('deployed: deploy and resume are 422 ERR_APP_ALREADY_DEPLOYED; pause and undeploy work', async () => {
    const h = await inState('deployed');
    for (const op of ['deploy', 'resume']) {
      expectError(await lifecycle(h, op), {
        http: 422,
        name: 'ERR_APP_ALREADY_DEPLOYED',
        code: 20,
        description: 'Invalid operation. Function: fn already in deployed state.',
      });
    }
    expect(expectOk(await lifecycle(h, 'pause'))).toEqual({
      code: 0,
      info: 'Function: fn is Pausing',
    });
    await h.transitions.release();
    expect(await composite(h)).toBe('paused');
  });

  it('deployed: undeploy answers "is undeploying" and reaches undeployed', async () => {
    const h = await inState('deployed');
    expect(expectOk(await lifecycle(h, 'undeploy'))).toEqual({
      code: 0,
      info: 'Function: fn is undeploying',
    });
    expect(await composite(h)).toBe('undeploying');
    await h.transitions.release();
    expect(await composite(h)).toBe('undeployed');
  });

  it('paused: pause is 422 ERR_APP_PAUSED; deploy resumes it (resuming, then deployed)', async () => {
    const h = await inState('paused');
    expectError(await lifecycle(h, 'pause'), {
      http: 422,
      name: 'ERR_APP_PAUSED',
      code: 64,
      description: 'Invalid operation. Function: fn already in paused state.',
    });
    expect(expectOk(await lifecycle(h, 'deploy'))).toEqual({
      code: 0,
      info: 'Function: fn is deploying',
    });
    expect(await composite(h)).toBe('resuming');
    await h.transitions.release();
    expect(await composite(h)).toBe('deployed');
  });

  it('paused: resume and undeploy work', async () => {
    const h = await inState('paused');
    expectOk(await lifecycle(h, 'resume'));
    expect(await composite(h)).toBe('resuming');
    await h.transitions.release();
    expectOk(await lifecycle(h, 'pause'));
    await h.transitions.release();
    expectOk(await lifecycle(h, 'undeploy'));
    await h.transitions.release();
    expect(await composite(h)).toBe('undeployed');
  });

  it.each(['deploying', 'pausing', 'resuming', 'undeploying'] as const)(
    '%s: every lifecycle operation is 400 "state transition not possible"',
    async (state) => {
      const h = await inState(state);
      for (const op of ['deploy', 'undeploy', 'pause', 'resume']) {
        expectError(await lifecycle(h, op), {
          ...INVALID,
          description: 'state transition not possible',
        });
      }
      expect(await composite(h)).toBe(state);
    },
  );

  it('unknown function: every lifecycle operation is 400 ERR_APP_NOT_FOUND', async () => {
    const h = await serve();
    for (const op of ['deploy', 'undeploy', 'pause', 'resume']) {
      expectError(await h.call('POST', `/api/v1/functions/nope/${op}`), {
        http: 400,
        name: 'ERR_APP_NOT_FOUND',
        code: 53,
        description: 'Function: nope not found',
      });
    }
  });

  it('refuses a second lifecycle call that races the first', async () => {
    const h = await inState('undeployed');
    const [first, second] = await Promise.all([lifecycle(h, 'deploy'), lifecycle(h, 'deploy')]);
    expect([first.status, second.status].sort()).toEqual([200, 400]);
    expectError(first.status === 400 ? first : second, {
      ...INVALID,
      description: 'state transition not possible',
    });
  });
});
