import { afterEach, describe, expect, it } from 'vitest';
import { EventingClient } from '../../../src/client/eventing-client.ts';
import { pushAppcode } from '../../../src/project/watch/push-appcode.ts';
import { nextTurn } from '../../client/client-harness.ts';
import { type Harness, heldTransitions, serve } from '../../server/serve-harness.ts';
import {
  appcodeOnServe,
  createOnServe,
  effectOf,
  handler,
  statusOnServe,
} from './watch-fixture.ts';

// pushAppcode against serve: each state of the function, refusals, failing resumes and their
// rollback, and a function found mid-transition.

const TIMEOUT = 30_000;
const clients: EventingClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

function clientOf(harness: Harness): EventingClient {
  const client = new EventingClient({
    url: harness.running.url,
    username: 'Administrator',
    password: 'password',
    // Status polls yield to the event loop instead of sleeping.
    sleep: nextTurn,
  });
  clients.push(client);
  return client;
}

const steps = (result: { steps: Array<{ step: string; failed?: boolean }> }) =>
  result.steps.map(({ step, failed }) => (failed ? `${step} failed` : step));

/** OnDeploy inserts a marker document, so it succeeds once and fails every later time. */
const ONCE = `function OnDeploy(action) {\n  const result = couchbase.insert(dst, { id: 'once' }, { at: 1 });\n  if (!result.success) throw new Error('deployed before');\n}\n`;
const FAILING_ON_DEPLOY = "function OnDeploy(action) {\n  throw new Error('no config');\n}\n";

describe('pushAppcode', () => {
  it('stores the code of an undeployed function and leaves it undeployed', async () => {
    const harness = await serve({ transitionMs: 0 });
    await createOnServe(harness, 'fn1', handler(1));
    const result = await pushAppcode({
      client: clientOf(harness),
      name: 'fn1',
      appcode: handler(2),
    });
    expect(result).toMatchObject({ outcome: 'pushed', before: 'undeployed', after: 'undeployed' });
    expect(steps(result)).toEqual(['store']);
    expect(await appcodeOnServe(harness, 'fn1')).toBe(handler(2));
  });

  it('stores the code of a paused function and leaves it paused, unless asked to resume it', async () => {
    const harness = await serve({ transitionMs: 0 });
    await createOnServe(harness, 'fn1', handler(1), { deploy: true });
    await harness.call('POST', '/api/v1/functions/fn1/pause');
    await harness.waitFor('fn1', 'paused');
    const client = clientOf(harness);
    const kept = await pushAppcode({ client, name: 'fn1', appcode: handler(2) });
    expect(kept).toMatchObject({ outcome: 'pushed', before: 'paused', after: 'paused' });
    expect(await statusOnServe(harness, 'fn1')).toBe('paused');
    // A push that paused it earlier and lost the cluster before resuming asks for the resume.
    const resumed = await pushAppcode({ client, name: 'fn1', appcode: handler(2), resume: true });
    expect(resumed).toMatchObject({ outcome: 'pushed', after: 'deployed', leftPaused: false });
    expect(steps(resumed)).toEqual(['resume']);
    expect(await effectOf(harness, 'k1')).toEqual({ version: 2, from: 'doc k1' });
  });

  it('pauses, stores and resumes a deployed function; the same code again sends nothing', async () => {
    const harness = await serve({ transitionMs: 0 });
    await createOnServe(harness, 'fn1', handler(1), { deploy: true });
    const client = clientOf(harness);
    const result = await pushAppcode({ client, name: 'fn1', appcode: handler(2) });
    expect(result).toMatchObject({ outcome: 'pushed', before: 'deployed', after: 'deployed' });
    expect(steps(result)).toEqual(['pause', 'store', 'resume']);
    expect(await effectOf(harness, 'k1')).toEqual({ version: 2, from: 'doc k1' });
    const again = await pushAppcode({ client, name: 'fn1', appcode: handler(2) });
    expect(again).toMatchObject({ outcome: 'unchanged', after: 'deployed', steps: [] });
  });

  it(
    'resumes the previous code when the server refuses the new one',
    async () => {
      const harness = await serve({ transitionMs: 0 });
      await createOnServe(harness, 'fn1', handler(1), { deploy: true });
      const broken = 'function OnUpdate(doc, meta) {\n  dst[meta.id] = ;\n}\n';
      const result = await pushAppcode({ client: clientOf(harness), name: 'fn1', appcode: broken });
      expect(result).toMatchObject({ outcome: 'refused', after: 'deployed', leftPaused: false });
      expect((result.error as Error).name).toBe('ERR_HANDLER_COMPILATION');
      expect(steps(result)).toEqual(['pause', 'store failed', 'resume']);
      expect(await appcodeOnServe(harness, 'fn1')).toBe(handler(1));
      expect(await statusOnServe(harness, 'fn1')).toBe('deployed');
    },
    TIMEOUT,
  );

  it(
    'puts the previous code back and resumes it when the new OnDeploy fails',
    async () => {
      const harness = await serve({ transitionMs: 0 });
      await createOnServe(harness, 'fn1', handler(1), { deploy: true });
      const result = await pushAppcode({
        client: clientOf(harness),
        name: 'fn1',
        appcode: handler(2, FAILING_ON_DEPLOY),
      });
      expect(result).toMatchObject({
        outcome: 'rolled-back',
        after: 'deployed',
        leftPaused: false,
      });
      expect((result.error as Error).message).toContain('fn1 is paused');
      expect(steps(result)).toEqual(['pause', 'store', 'resume failed', 'restore', 'resume']);
      expect(await appcodeOnServe(harness, 'fn1')).toBe(handler(1));
      expect(await effectOf(harness, 'k1')).toEqual({ version: 1, from: 'doc k1' });
    },
    TIMEOUT,
  );

  it(
    'says so, and leaves it paused, when the previous code does not resume either',
    async () => {
      const harness = await serve({ transitionMs: 0 });
      await createOnServe(harness, 'fn1', handler(1, ONCE), { deploy: true });
      const result = await pushAppcode({
        client: clientOf(harness),
        name: 'fn1',
        appcode: handler(2, FAILING_ON_DEPLOY),
      });
      expect(result).toMatchObject({
        outcome: 'rollback-failed',
        after: 'paused',
        leftPaused: true,
      });
      expect((result.rollbackError as Error).message).toContain('fn1 is paused');
      expect(steps(result)).toEqual([
        'pause',
        'store',
        'resume failed',
        'restore',
        'resume failed',
      ]);
      expect(await appcodeOnServe(harness, 'fn1')).toBe(handler(1, ONCE));
      expect(await statusOnServe(harness, 'fn1')).toBe('paused');
    },
    TIMEOUT,
  );

  it(
    'waits for a transition in flight to end before pushing',
    async () => {
      const transitions = heldTransitions();
      const harness = await serve({ transitions });
      await createOnServe(harness, 'fn1', handler(1));
      await harness.call('POST', '/api/v1/functions/fn1/deploy');
      expect(await statusOnServe(harness, 'fn1')).toBe('deploying');
      const result = await pushAppcode({
        client: clientOf(harness),
        name: 'fn1',
        appcode: handler(2),
        // Every transition ends once the push has seen it under way.
        wait: {
          onProgress: (progress) => {
            if (progress.status !== progress.target) void transitions.release();
          },
        },
      });
      expect(result).toMatchObject({ outcome: 'pushed', before: 'deployed', after: 'deployed' });
      expect(steps(result)).toEqual(['wait', 'pause', 'store', 'resume']);
      expect(await effectOf(harness, 'k1')).toEqual({ version: 2, from: 'doc k1' });
    },
    TIMEOUT,
  );

  it('throws what the server answers before anything changed: an unknown function', async () => {
    const harness = await serve({ transitionMs: 0 });
    await expect(
      pushAppcode({ client: clientOf(harness), name: 'nosuch', appcode: handler(1) }),
    ).rejects.toMatchObject({ name: 'ERR_APP_NOT_FOUND_TS', status: 404 });
  });
});
