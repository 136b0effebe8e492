import { describe, expect, it } from 'vitest';
import { deployed, logged } from '../../helpers/emulator.ts';

const at = (iso: string) => `new Date('${iso}')`;

describe('createTimer validation, in the server order and with its messages', () => {
  it.each([
    [
      'fewer than 3 arguments',
      'createTimer(Callback, new Date())',
      'createTimer needs atleast 3 arguments - callback function, time, reference',
    ],
    [
      'a callback that is not a function',
      "createTimer('Callback', new Date(), 'r')",
      'First argument to createTimer must be a valid global function',
    ],
    [
      'an anonymous callback',
      'createTimer(function () {}, new Date(), "r")',
      'First argument to createTimer must be a valid global function',
    ],
    [
      'a callback that is not global',
      'createTimer(function local() {}, new Date(), "r")',
      'First argument to createTimer must be a valid global function',
    ],
    [
      'a date that is not a Date',
      "createTimer(Callback, Date.now(), 'r')",
      'Second argument to createTimer must be a Date object instance',
    ],
    [
      'a reference that is not a string',
      'createTimer(Callback, new Date(), 42)',
      'Third argument to createTimer must be a string (or null to generate an ID)',
    ],
  ])('rejects %s with an EventingError', async (_case, call, message) => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      try { ${call}; } catch (e) { log(e instanceof EventingError, e.message); }
    }
    function Callback(context) {}`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([`true ${JSON.stringify(message)} `]);
    expect(fn.stats.execution_stats).toMatchObject({
      timer_create_failure: 1,
      timer_create_counter: 0,
    });
    expect(fn.timers).toEqual([]);
  });

  it('limits the context to timer_context_size bytes of JSON', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        try { createTimer(Callback, new Date(), 'big', 'x'.repeat(30)); } catch (e) { log(e.message); }
        createTimer(Callback, new Date(), 'fits', 'x'.repeat(20));
      }
      function Callback(context) {}`,
      { settings: { timer_context_size: 23 } },
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      '"The context payload size is more than the configured size:23 bytes" ',
    ]);
    expect(fn.stats.failure_stats.timer_context_size_exceeded_counter).toBe(1);
    expect(fn.stats.execution_stats).toMatchObject({
      timer_create_failure: 1,
      timer_create_counter: 1,
    });
  });
});

describe('timers firing on the emulator clock', () => {
  it('fire at their due time with the context as a JSON copy and the callback as this', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      log('created', createTimer(Callback, ${at('2026-01-01T00:00:30.700Z')}, 'ref-' + meta.id,
        { id: meta.id, when: new Date(0), drop: undefined }));
    }
    function Callback(context) { log('fired', context, this === Callback, new Date().toISOString()); }`);
    await em.upsert('src', 'k', {});
    expect(fn.timers).toEqual([
      {
        callback: 'Callback',
        reference: 'ref-k',
        due: Date.UTC(2026, 0, 1, 0, 0, 30),
        context: '{"id":"k","when":"1970-01-01T00:00:00.000Z"}',
      },
    ]);
    await em.advance('29s');
    expect(logged(fn)).toEqual(['"created" "ref-k" ']);
    await em.advance('1s');
    expect(logged(fn)).toEqual([
      '"created" "ref-k" ',
      '"fired" {"id":"k","when":"1970-01-01T00:00:00.000Z"} true "2026-01-01T00:00:30.000Z" ',
    ]);
    expect(fn.stats.execution_stats).toMatchObject({
      timer_create_counter: 1,
      timer_msg_counter: 1,
      timer_callback_success: 1,
    });
    expect(fn.timers).toEqual([]);
  });

  it('fire up to a second before the Date given, as the server keeps due times in whole seconds', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      createTimer(Callback, ${at('2026-01-01T00:01:00.999Z')}, 'late-in-the-second', {});
    }
    function Callback(context) { log('fired at', new Date().toISOString()); }`);
    await em.upsert('src', 'k', {});
    expect(fn.timers[0]?.due).toBe(Date.UTC(2026, 0, 1, 0, 1, 0));
    await em.advanceTo('2026-01-01T00:00:59.999Z');
    expect(logged(fn)).toEqual([]);
    await em.advanceTo('2026-01-01T00:01:00.000Z');
    expect(logged(fn)).toEqual(['"fired at" "2026-01-01T00:01:00.000Z" ']);
  });

  it('call the callback without an argument when no context was given', async () => {
    const { em, fn } =
      await deployed(`function OnUpdate(doc, meta) { createTimer(Callback, new Date(), null); }
    function Callback(context) { log(arguments.length, context === undefined); }`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['1 true ']);
  });

  it('generate an opaque reference when the reference is null or undefined', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      log(createTimer(Callback, ${at('2027-01-01T00:00:00Z')}, null), createTimer(Callback, ${at('2027-01-01T00:00:00Z')}, undefined));
    }
    function Callback() {}`);
    await em.upsert('src', 'k', {});
    const [first, second] = logged(fn)[0]!
      .trim()
      .split(' ')
      .map((text) => JSON.parse(text) as string);
    expect(first).toMatch(/^\d+$/);
    expect(second).toMatch(/^\d+$/);
    expect(first).not.toBe(second);
    expect(fn.timers).toHaveLength(2);
  });

  it('replace a timer with the same callback and reference: last date and context win', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      createTimer(Callback, ${at('2026-01-01T00:01:00Z')}, 'same', doc.n);
    }
    function Other() {}
    function Callback(context) { log('fired', context, new Date().toISOString()); }`);
    for (const n of [1, 2, 3]) await em.upsert('src', `k${n}`, { n });
    await em.advance('5m');
    expect(logged(fn)).toEqual(['"fired" 3 "2026-01-01T00:01:00.000Z" ']);
  });

  it('fire timers set in the past at the next settle, and fire chains created by callbacks', async () => {
    const { em, fn } =
      await deployed(`function OnUpdate(doc, meta) { createTimer(Step, ${at('2000-01-01T00:00:00Z')}, 'chain', 1); }
    function Step(n) {
      log('step', n, new Date().toISOString());
      if (n < 3) createTimer(Step, new Date(Date.now() + 10000), 'chain', n + 1);
    }`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['"step" 1 "2026-01-01T00:00:00.000Z" ']);
    await em.advance('1m');
    expect(logged(fn).slice(1)).toEqual([
      '"step" 2 "2026-01-01T00:00:10.000Z" ',
      '"step" 3 "2026-01-01T00:00:20.000Z" ',
    ]);
  });

  it('fire in due-time order, whatever the order of creation', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      createTimer(Cb, new Date(Date.now() + doc.after * 1000), meta.id, meta.id);
    }
    function Cb(id) { log(id); }`);
    await em.upsert('src', 'late', { after: 30 });
    await em.upsert('src', 'early', { after: 10 });
    await em.upsert('src', 'middle', { after: 20 });
    await em.advance('30s');
    expect(logged(fn)).toEqual(['"early" ', '"middle" ', '"late" ']);
  });

  it('count a callback that throws as timer_callback_failure', async () => {
    const { em, fn } =
      await deployed(`function OnUpdate(doc, meta) { createTimer(Cb, new Date(), 'r'); }
    function Cb() { throw new Error('in timer'); }`);
    await em.upsert('src', 'k', {});
    expect(fn.stats.execution_stats).toMatchObject({
      timer_callback_failure: 1,
      timer_callback_success: 0,
    });
    expect(fn.failures).toEqual([
      expect.objectContaining({ entry: 'Timer', message: 'Error: in timer', key: undefined }),
    ]);
  });
});

describe('cancelTimer', () => {
  it('removes a pending timer, returns whether it did, and counts the removals', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      if (doc.create) createTimer(Cb, ${at('2026-01-01T00:10:00Z')}, 'r');
      else log(cancelTimer(Cb, 'r'), cancelTimer(Cb, 'r'), cancelTimer(Cb, 'unknown'));
    }
    function Cb() { log('fired'); }`);
    await em.upsert('src', 'a', { create: true });
    await em.upsert('src', 'b', {});
    await em.advance('1h');
    expect(logged(fn)).toEqual(['true false false ']);
    expect(fn.stats.execution_stats.timer_cancel_counter).toBe(1);
  });

  it.each([
    [
      'fewer than 2 arguments',
      'cancelTimer(Cb)',
      'cancelTimer needs 2 arguments - callback function, reference',
    ],
    [
      'a callback that is not a global function',
      "cancelTimer('Cb', 'r')",
      'First argument to cancelTimer must be a valid global function',
    ],
    [
      'a reference that is not a string',
      'cancelTimer(Cb, null)',
      'Second argument to cancelTimer must be a string',
    ],
  ])('rejects %s with an EventingError', async (_case, call, message) => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      try { ${call}; } catch (e) { log(e instanceof EventingError, e.message); }
    }
    function Cb() {}`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([`true ${JSON.stringify(message)} `]);
  });
});
