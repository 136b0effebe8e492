import { describe, expect, it } from 'vitest';
import * as cancelOverwrite from '../fixtures/documented-examples/cancel-overwrite-timer.ts';
import { deployed, emulator, handler, logged } from '../helpers/emulator.ts';

const withoutTime = (line: string) => line.replace(/^\S+ /, '');

const SHOW = `function OnUpdate(doc, meta, xattrs) { log(doc, meta.expiration, xattrs); }`;

describe('em.edit', () => {
  it('changes fields as one mutation, removing those given as undefined', async () => {
    const { em, fn } = await deployed(SHOW);
    await em.upsert('src', 'k', { a: 1, b: { c: 2 }, gone: true });
    const { cas } = await em.edit('src', 'k', { a: 5, b: { d: 3 }, gone: undefined, added: 'x' });
    expect(em.get('src', 'k')).toMatchObject({ value: { a: 5, b: { d: 3 }, added: 'x' }, cas });
    expect(logged(fn)).toEqual([
      '{"a":1,"b":{"c":2},"gone":true} 0 null ',
      '{"a":5,"b":{"d":3},"added":"x"} 0 null ',
    ]);
  });

  it('takes a function of a copy of the value, for nested changes and non-objects', async () => {
    const { em } = await emulator().then(async (em) => ({ em }));
    await em.upsert('src', 'o', { list: [1, 2] });
    await em.edit('src', 'o', (value) => {
      (value as { list: number[] }).list.push(3);
    });
    expect(em.get('src', 'o')?.value).toEqual({ list: [1, 2, 3] });
    await em.upsert('src', 'n', 41);
    await em.edit('src', 'n', (value) => (value as number) + 1);
    expect(em.get('src', 'n')?.value).toBe(42);
  });

  it('saves as the console does: expiry cleared, user xattrs gone, JSON flags', async () => {
    const { em, fn } = await deployed(SHOW);
    await em.upsert('src', 'k', { a: 1 }, { expiry: 60, xattrs: { tag: 'x' }, flags: 0 });
    await em.edit('src', 'k', { a: 2 });
    expect(em.get('src', 'k')).toMatchObject({ expiration: 0, xattrs: null });
    expect(logged(fn)[1]).toBe('{"a":2} 0 null ');
    await em.advance('2m');
    expect(em.get('src', 'k')).toBeDefined();
  });

  it('refuses a missing document, and fields of a value that is not an object', async () => {
    const em = await emulator();
    await expect(em.edit('src', 'nope', { a: 1 })).rejects.toMatchObject({
      code: 'DOCUMENT_INVALID',
      message: 'There is no document nope in src to edit',
    });
    await em.upsert('src', 'list', [1]);
    await expect(em.edit('src', 'list', { a: 1 })).rejects.toMatchObject({
      code: 'DOCUMENT_INVALID',
      hint: expect.stringContaining('(value) => newValue'),
    });
    expect(em.get('src', 'list')?.value).toEqual([1]);
  });

  it(`replays the documented example ${cancelOverwrite.page}`, async () => {
    const [first] = cancelOverwrite.steps;
    const em = await emulator({ now: first?.at, timeZone: cancelOverwrite.timeZone });
    const fn = await em.deploy(
      handler(cancelOverwrite.handler, {
        name: 'cancel_overwrite_timer',
        source: 'bulk.data.source',
        buckets: { tgt_col: 'bulk.data.target' },
      }),
    );
    const { key, value } = cancelOverwrite.input;
    em.seed('bulk.data.source', { [key]: value });
    for (const step of cancelOverwrite.steps) {
      const before = fn.logs.length;
      const replayAt = 'replayAt' in step ? step.replayAt : undefined;
      await em.advanceTo(replayAt ?? step.at);
      if (step.edit && !replayAt) {
        await em.edit('bulk.data.source', key, step.edit);
        expect(fn.logs.slice(before)).toEqual(step.log);
      } else {
        if (step.edit) await em.edit('bulk.data.source', key, step.edit);
        expect(fn.logs.slice(before).map(withoutTime)).toEqual(step.log.map(withoutTime));
      }
    }
    expect(em.get('bulk.data.target', key)?.value).toEqual(cancelOverwrite.target);
  });
});
