import { describe, expect, it } from 'vitest';
import { defineFunction } from '../../src/testing/index.ts';
import { emulator } from '../helpers/emulator.ts';

const copy = (name: string, source: string, target: string) =>
  defineFunction({
    name,
    source,
    buckets: { out: target },
    code: 'function OnUpdate(doc, meta) { out[meta.id] = doc; }',
  });

describe('deploying into a recursion', () => {
  it('refuses the function that closes a write cycle, as the server does', async () => {
    const em = await emulator();
    await em.deploy(copy('there', 'a', 'b'));
    const refused = em.deploy(copy('back', 'b', 'a'));
    await expect(refused).rejects.toMatchObject({
      code: 'RECURSION_REFUSED',
      message:
        'Function "back" cannot be deployed: ERR_INTER_BUCKET_RECURSION, Inter bucket recursion error; function: back causes a cycle involving functions: [there], hence deployment is disallowed',
      hint: expect.stringContaining(
        'back writes a._default._default (binding out), the source of there',
      ),
    });
    expect(em.functions.map((fn) => fn.name)).toEqual(['there']);
  });

  it('counts paused functions, and not undeployed ones', async () => {
    const em = await emulator();
    const there = await em.deploy(copy('there', 'a', 'b'));
    await there.pause();
    await expect(em.deploy(copy('back', 'b', 'a'))).rejects.toMatchObject({
      code: 'RECURSION_REFUSED',
    });
    await there.undeploy();
    const back = await em.deploy(copy('back', 'b', 'a'));
    expect(back.status).toBe('deployed');
    await expect(there.deploy()).rejects.toMatchObject({ code: 'RECURSION_REFUSED' });
  });

  it('allows the cycle when the emulator allows inter-bucket recursion', async () => {
    const em = await emulator({ allowInterbucketRecursion: true });
    await em.deploy(copy('there', 'a', 'b'));
    expect((await em.deploy(copy('back', 'b', 'a'))).status).toBe('deployed');
  });

  it('refuses a second function writing to the source it shares with another', async () => {
    const em = await emulator();
    await em.deploy(copy('one', 'a', 'a'));
    await expect(em.deploy(copy('two', 'a', 'a'))).rejects.toMatchObject({
      message:
        'Function "two" cannot be deployed: ERR_INTER_FUNCTION_RECURSION, Inter handler recursion error with app: one',
    });
  });

  it('deploys a second function writing to a shared source when inter-bucket recursion is allowed', async () => {
    const em = await emulator({ allowInterbucketRecursion: true });
    await em.deploy(copy('one', 'a', 'a'));
    expect((await em.deploy(copy('two', 'a', 'a'))).status).toBe('deployed');
  });
});
