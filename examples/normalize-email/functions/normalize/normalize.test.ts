import { createEmulator, type Emulator, type EventingFunction } from 'eventing-dev';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const USERS = 'app.people.users';
const folder = new URL('.', import.meta.url).pathname;

let em: Emulator;
let fn: EventingFunction;

beforeEach(async () => {
  em = await createEmulator();
  fn = await em.deploy(folder);
});
afterEach(() => em.dispose());

describe('normalize', () => {
  it('lower-cases and trims the e-mail address in place, once', async () => {
    await em.upsert(USERS, 'u1', { name: 'Ada', email: '  Ada@Example.COM ' });
    expect(em.get(USERS, 'u1')?.value).toEqual({ name: 'Ada', email: 'ada@example.com' });
    // Its own write is not delivered back to it: one invocation, no recursion.
    expect(fn.stats.execution_stats.on_update_success).toBe(1);
  });

  it('normalises documents that existed before it was deployed', async () => {
    const later = await createEmulator();
    await later.upsert(USERS, 'old', { email: 'OLD@EXAMPLE.COM' });
    await later.deploy(folder);
    expect(later.get(USERS, 'old')?.value).toEqual({ email: 'old@example.com' });
    await later.dispose();
  });

  it('is idempotent for any address (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (email) => {
        await em.upsert(USERS, 'u', { email });
        const once = em.get(USERS, 'u')?.value as { email: string };
        expect(once.email).toBe(email.trim().toLowerCase());
        await em.upsert(USERS, 'u', once);
        expect(em.get(USERS, 'u')?.value).toEqual(once);
      }),
      { numRuns: 100 },
    );
    expect(fn.failures).toEqual([]);
  });
});
