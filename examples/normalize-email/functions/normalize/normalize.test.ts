import { createEmulator, type Emulator, type EventingFunction } from 'eventing-dev';
import { applyMutations, arbitraries } from 'eventing-dev/testing';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const USERS = 'app.people.users';
const folder = new URL('.', import.meta.url);

let em: Emulator;
let fn: EventingFunction;

beforeEach(async () => {
  em = await createEmulator();
  fn = await em.deploy(folder);
});
// em is unset when beforeEach failed: that failure is the one to read.
afterEach(() => em?.dispose());

describe('normalize', () => {
  it('lower-cases and trims the e-mail address in place, once', async () => {
    await em.upsert(USERS, 'u1', { name: 'Ada', email: '  Ada@Example.COM ' });
    expect(em).toHaveDocument(USERS, 'u1', { name: 'Ada', email: 'ada@example.com' });
    // Its own write is not delivered back to it: one invocation, no recursion.
    expect(fn).toHaveStat('on_update_success', 1);
  });

  it('normalises documents that existed before it was deployed', async () => {
    await fn.undeploy();
    em.seed(USERS, { old: { email: 'OLD@EXAMPLE.COM' } }); // there before; no function sees it
    expect(em).toHaveDocument(USERS, 'old', { email: 'OLD@EXAMPLE.COM' });
    await fn.deploy(); // dcp_stream_boundary "everything": existing documents are delivered
    expect(em).toHaveDocument(USERS, 'old', { email: 'old@example.com' });
  });

  it('leaves every address normalised, whatever the change feed does (property)', async () => {
    const user = fc.record({ email: fc.string({ maxLength: 20 }) });
    await fc.assert(
      fc.asyncProperty(
        arbitraries.mutations({ keyspace: USERS, values: user, delivery: 'feed' }),
        async (steps) => {
          await em.reset();
          await applyMutations(em, steps);
          for (const key of em.keys(USERS)) {
            const user = em.get(USERS, key)?.value as { email: string };
            expect(user.email).toBe(user.email.trim().toLowerCase());
          }
        },
      ),
      { numRuns: 100 },
    );
    expect(fn.failures).toEqual([]);
  });
});
