import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../../src/index.ts';
import { defineFunction } from '../../../src/testing/index.ts';
import { logged } from '../../helpers/emulator.ts';

describe('isolates reused after a function is disposed', () => {
  it('give the next function a fresh global environment', async () => {
    const first = await createEmulator();
    await first.deploy(
      defineFunction({
        name: 'polluter',
        source: 'src',
        code: 'function OnUpdate(doc, meta) { globalThis.leaked = 1; Object.prototype.polluted = 1; log = null; }',
      }),
    );
    await first.upsert('src', 'k', {});
    await first.dispose();

    const second = await createEmulator();
    const fn = await second.deploy(
      defineFunction({
        name: 'observer',
        source: 'src',
        code: 'function OnUpdate(doc, meta) { log(typeof globalThis.leaked, ({}).polluted === undefined); }',
      }),
    );
    await second.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['"undefined" true ']);
    await second.dispose();
  });
});
