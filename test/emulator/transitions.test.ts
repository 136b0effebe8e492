import { describe, expect, it } from 'vitest';
import { createManualTransitions } from '../../src/emulator/transitions.ts';
import type { EmulatorEvent } from '../../src/index.ts';
import { emulator, handler, logged } from '../helpers/emulator.ts';

const LOG_IDS = 'function OnUpdate(doc, meta) { log(meta.id); }';

/** An emulator whose transitions end when the test steps them, and the statuses it reported. */
async function held() {
  const transitions = createManualTransitions();
  const em = await emulator({ transitions });
  const statuses: string[] = [];
  em.watch((event: EmulatorEvent) => {
    if (event.type === 'status') statuses.push(event.status);
  });
  return { em, transitions, statuses };
}

describe('the lifecycle state machine', () => {
  it('enters every transitional status itself and rests when the transition ends', async () => {
    const { em, transitions, statuses } = await held();
    const fn = await em.define(handler(LOG_IDS));
    const deploying = fn.deploy();
    expect(fn.status).toBe('deploying');
    expect(transitions.pending).toBe(1);
    await transitions.step();
    await deploying;
    expect(fn.status).toBe('deployed');
    const pausing = fn.pause();
    expect(fn.status).toBe('pausing');
    await transitions.release();
    await pausing;
    const resuming = fn.resume();
    expect(fn.status).toBe('resuming');
    await transitions.release();
    await resuming;
    const undeploying = fn.undeploy();
    expect(fn.status).toBe('undeploying');
    await transitions.release();
    await undeploying;
    expect(statuses).toEqual([
      'deploying',
      'deployed',
      'pausing',
      'paused',
      'resuming',
      'deployed',
      'undeploying',
      'undeployed',
    ]);
  });

  it('shows the intent of a transition in the status flags at once', async () => {
    const { em, transitions } = await held();
    await em.define(handler(LOG_IDS));
    const { done } = em.begin('fn', 'deploy');
    const fn = em.function('fn');
    expect(fn.definition.settings).toMatchObject({
      deployment_status: true,
      processing_status: true,
    });
    await transitions.release();
    await done;
    em.begin('fn', 'pause');
    expect(fn.definition.settings).toMatchObject({
      deployment_status: true,
      processing_status: false,
    });
    await transitions.release();
  });

  it('refuses every change while a transition is under way, and changes nothing', async () => {
    const { em, transitions } = await held();
    await em.define(handler(LOG_IDS));
    em.begin('fn', 'deploy');
    const fn = em.function('fn');
    expect(() => em.begin('fn', 'undeploy')).toThrow(
      expect.objectContaining({
        errorName: 'ERR_INVALID_REQUEST',
        description: 'state transition not possible',
      }),
    );
    await expect(em.store(handler('function OnUpdate() {}'))).rejects.toMatchObject({
      errorName: 'ERR_INVALID_REQUEST',
      description: 'Function fn is in deploying state. Try again later.',
    });
    await expect(em.delete('fn')).rejects.toMatchObject({ errorName: 'ERR_APP_NOT_UNDEPLOYED' });
    expect(fn.definition.appcode).toBe(LOG_IDS);
    await transitions.release();
    expect(fn.status).toBe('deployed');
  });

  it('returns a function to where it rested when OnDeploy fails, and says why', async () => {
    const { em, transitions } = await held();
    const failures: string[] = [];
    em.watch((event) => {
      if (event.type === 'status' && event.failure) failures.push(event.failure.message);
    });
    await em.define(
      handler(
        'function OnDeploy(action) { throw new Error("no"); }\nfunction OnUpdate(doc, meta) {}',
      ),
    );
    const { done } = em.begin('fn', 'deploy');
    await transitions.release();
    await expect(done).rejects.toMatchObject({ code: 'ONDEPLOY_FAILED' });
    expect(em.function('fn').status).toBe('undeployed');
    expect(em.function('fn').definition.settings.deployment_status).toBe(false);
    expect(failures).toEqual([expect.stringContaining('OnDeploy of function "fn" failed')]);
  });
});

describe('a refused call changes nothing', () => {
  it('keeps the code of a paused function when em.deploy() is refused', async () => {
    const em = await emulator();
    const fn = await em.deploy(handler('function OnUpdate(doc, meta) { log("old", meta.id); }'));
    await fn.pause();
    await expect(
      em.deploy(handler('function OnUpdate(doc, meta) { log("new", meta.id); }')),
    ).rejects.toMatchObject({ code: 'FUNCTION_STATE' });
    await fn.resume();
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['"old" "k" ']);
  });
});

describe('storing over an existing function (import)', () => {
  const flags = (deployment_status: boolean, processing_status: boolean) =>
    handler(LOG_IDS, { settings: { deployment_status, processing_status } });

  it('undeploys a paused function imported over as undeployed, and it can deploy again', async () => {
    const em = await emulator();
    const fn = await em.deploy(handler(LOG_IDS));
    await fn.pause();
    await (await em.store(flags(false, false))).done;
    expect(fn.status).toBe('undeployed');
    await fn.deploy();
    expect(fn.status).toBe('deployed');
  });

  it('leaves a paused function imported over as paused resting, and undeploy is accepted', async () => {
    const { em, transitions } = await held();
    const fn = await em.define(handler(LOG_IDS));
    em.begin('fn', 'deploy');
    await transitions.release();
    em.begin('fn', 'pause');
    await transitions.release();
    await em.store(flags(true, false));
    expect(fn.status).toBe('paused');
    expect(transitions.pending).toBe(0);
    const { done } = em.begin('fn', 'undeploy');
    await transitions.release();
    await done;
    expect(fn.status).toBe('undeployed');
  });

  it('resumes a paused function imported over as deployed', async () => {
    const em = await emulator();
    const fn = await em.deploy(handler(LOG_IDS));
    await fn.pause();
    await (await em.store(flags(true, true))).done;
    expect(fn.status).toBe('deployed');
  });
});

describe('manual transitions', () => {
  it('end one at a time with step(), and say when none waits', async () => {
    const transitions = createManualTransitions();
    const order: number[] = [];
    transitions.schedule(async () => void order.push(1));
    transitions.schedule(async () => void order.push(2));
    expect(transitions.pending).toBe(2);
    expect(await transitions.step()).toBe(true);
    expect(order).toEqual([1]);
    await transitions.release();
    expect(order).toEqual([1, 2]);
    expect(await transitions.step()).toBe(false);
  });
});

describe('the recursion rules', () => {
  const copy = (name: string, source: string, target: string) =>
    handler('function OnUpdate(doc, meta) { dst[meta.id] = doc; }', {
      name,
      source,
      buckets: { dst: target },
    });

  it('judge a deploy when it is requested, counting functions still on their way', async () => {
    const { em, transitions } = await held();
    await em.define(copy('there', 'a', 'b'));
    em.begin('there', 'deploy');
    await em.define(copy('back', 'b', 'a'));
    expect(() => em.begin('back', 'deploy')).toThrow(
      expect.objectContaining({ errorName: 'ERR_INTER_BUCKET_RECURSION' }),
    );
    expect(em.function('back').status).toBe('undeployed');
    await transitions.release();
  });

  it('are checked once per deploy: not again when the transition ends', async () => {
    const { em, transitions } = await held();
    em.allowInterbucketRecursion = true;
    await em.define(copy('there', 'a', 'b'));
    em.begin('there', 'deploy');
    await em.define(copy('back', 'b', 'a'));
    const { done } = em.begin('back', 'deploy');
    em.allowInterbucketRecursion = false;
    await transitions.release();
    await done;
    expect(em.function('back').status).toBe('deployed');
  });
});
