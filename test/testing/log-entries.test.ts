import { describe, expect, it } from 'vitest';
import { parseAppLogLine } from '../../src/runtime/bindings/log/app-log-entry.ts';
import { eventingMatchers } from '../../src/testing/index.ts';
import * as advancedGet from '../fixtures/documented-examples/advanced-get.ts';
import { assertionFailure } from '../helpers/assertion-failure.ts';
import { deployed, emulator, handler } from '../helpers/emulator.ts';

expect.extend(eventingMatchers);

const failure = assertionFailure;

describe('fn.logEntries', () => {
  it('gives each line its level, time and logged arguments as values', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        log('done', { id: meta.id, tags: ['a b', 'c'] }, 1.5, null, true, undefined, [1, { x: '}' }], 'say "hi" {');
      }`,
    );
    await em.upsert('src', 'k1', {});
    expect(fn.logEntries).toEqual([
      {
        level: 'INFO',
        time: new Date('2026-01-01T00:00:00Z'),
        args: [
          'done',
          { id: 'k1', tags: ['a b', 'c'] },
          1.5,
          null,
          true,
          undefined,
          [1, { x: '}' }],
          'say "hi" {',
        ],
        text: fn.logs[0]?.slice('2026-01-01T00:00:00.000+00:00 [INFO] '.length),
      },
    ]);
  });

  it('keeps no more entries than lines: both come from the bounded log', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) { for (var i = 0; i < 50; i++) log('line', i, 'x'.repeat(100)); }`,
      { settings: { app_log_max_size: 1024, app_log_max_files: 2 } },
    );
    await em.upsert('src', 'k', {});
    expect(fn.logEntries.length).toBe(fn.logs.length);
    expect(fn.logs.length).toBeLessThan(50);
    expect(fn.logEntries.at(-1)?.args.slice(0, 2)).toEqual(['line', 49]);
  });

  it('keeps an unreadable line whole as text', () => {
    expect(parseAppLogLine('not a log line')).toMatchObject({
      level: '',
      args: [],
      text: 'not a log line',
    });
  });
});

describe('toHaveLogged with values', () => {
  it('matches a line whose arguments equal the values, asymmetric matchers inside', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) { log('done', { id: meta.id, at: Date.now() }); }`,
    );
    await em.upsert('src', 'k1', {});
    expect(fn).toHaveLogged('done', { id: 'k1', at: expect.any(Number) });
    expect(fn).toHaveLogged(expect.stringMatching(/^do/), expect.objectContaining({ id: 'k1' }));
    expect(fn).not.toHaveLogged('done', { id: 'k1' });
    expect(fn).not.toHaveLogged(expect.stringMatching(/^done$/));
    expect(fn).not.toHaveLogged({ id: 'k1', at: expect.any(Number) });
  });

  it('lists what was logged when no line matches', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) { log('done', { id: meta.id }); }`,
    );
    await em.upsert('src', 'k1', {});
    expect(failure(() => expect(fn).toHaveLogged('done', { id: 'k2' }))).toBe(
      'expected the log of fn to have a line logging ("done", {"id": "k2"}); it has:\n  ("done", {"id": "k1"})',
    );
  });

  it(`replays the documented example ${advancedGet.page}`, async () => {
    const em = await emulator({
      now: advancedGet.output.time,
      timeZone: advancedGet.output.timeZone,
    });
    const fn = await em.deploy(
      handler(advancedGet.handler, {
        name: 'advancedGetOp',
        source: 'bulk.data.source',
        buckets: { src_col: 'bulk.data.source' },
      }),
    );
    await em.upsert('bulk.data.source', advancedGet.input.key, advancedGet.input.value);
    const [doc, meta, found, missing] = advancedGet.output.log as [
      unknown[],
      unknown[],
      [string, { meta: object }],
      unknown[],
    ];
    expect(fn.logs[0]).toBe(advancedGet.output.firstLine);
    expect(fn).toHaveLogged(...doc);
    // A CAS is new on every write. 8.x's meta has flags 0 and adds datatype and keyspace; its
    // results name data_type datatype and add res_size; its error code is 1 where 7.x gave 272.
    const cas = expect.stringMatching(/^\d+$/);
    expect(fn).toHaveLogged(
      meta[0],
      expect.objectContaining({ ...(meta[1] as object), cas, flags: 0, datatype: 'json' }),
    );
    const { data_type: _, ...foundMeta } = found[1].meta as { data_type: string };
    expect(fn).toHaveLogged(found[0], {
      ...found[1],
      meta: { ...foundMeta, cas, datatype: 'json' },
      res_size: expect.any(Number),
    });
    const result = missing[3] as { error: object };
    expect(fn).toHaveLogged(...missing.slice(0, 3), {
      ...result,
      error: { ...result.error, code: 1 },
    });
  });
});
