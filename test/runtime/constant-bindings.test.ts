import { describe, expect, it } from 'vitest';
import { deployed, logged } from '../helpers/emulator.ts';

describe('constant bindings', () => {
  it('evaluate each literal as JavaScript source: strings, numbers, arrays, objects, functions', async () => {
    const { em, fn } = await deployed(
      'function OnUpdate(doc, meta) { log(NAME, COUNT, RATIO, LIST, CONF, ADD(2, 3)); }',
      {
        constants: {
          NAME: '"binding1"',
          COUNT: '3',
          RATIO: '6.5',
          LIST: '[1, "two"]',
          CONF: '{ retries: 2 }',
          ADD: '(a, b) => a + b',
        },
      },
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['"binding1" 3 6.5 [1,"two"] {"retries":2} 5 ']);
  });

  it('are read-only globals for handler code', async () => {
    const { em, fn } = await deployed(
      'function OnUpdate(doc, meta) { try { COUNT = 4; } catch (e) { log(e instanceof TypeError, COUNT); } }',
      { constants: { COUNT: '3' } },
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['true 3 ']);
  });

  it('leave the constants after a throwing literal uninitialised, as the server does', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        log(FIRST);
        try { log(LATER); } catch (e) { log(e instanceof ReferenceError); }
      }`,
      { constants: { FIRST: '1', BROKEN: '(() => { throw new Error("x"); })()', LATER: '2' } },
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['1 ', 'true ']);
  });
});
