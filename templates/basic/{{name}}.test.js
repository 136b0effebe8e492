import { createEmulator } from 'eventing-dev';
import { arbitraries } from 'eventing-dev/testing';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const folder = new URL('.', import.meta.url);
let em;
let fn;

beforeEach(async () => {
  em = await createEmulator({ now: '2026-01-01T00:00:00Z' });
  fn = await em.deploy(folder);
});
// em is unset when beforeEach failed: that failure is the one to read.
afterEach(() => em?.dispose());

describe('{{name}}', () => {
  it('copies a new document and logs it', async () => {
    await em.upsert('app', 'user_1', { name: 'Ada' });
    expect(em).toHaveDocument('copies', 'user_1', { name: 'Ada' });
    expect(fn).toHaveLogged('copied user_1');
    expect(fn).toHaveStat('on_update_success', 1);
  });

  it('deletes the copy when the document is deleted', async () => {
    await em.upsert('app', 'user_1', { name: 'Ada' });
    await em.remove('app', 'user_1');
    expect(em).not.toHaveDocument('copies', 'user_1');
  });

  it('deletes the copy when the document expires', async () => {
    await em.upsert('app', 'session', { user: 'u1' }, { expiry: 60 });
    await em.advance('1m');
    expect(em).not.toHaveDocument('copies', 'session');
    expect(fn).toHaveLogged('expired session');
  });

  it('copies any document exactly (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraries.key(), arbitraries.document(), async (key, document) => {
        await em.upsert('app', key, document);
        expect(em.get('copies', key)?.value).toEqual(document);
      }),
      { numRuns: 100 },
    );
  });
});
