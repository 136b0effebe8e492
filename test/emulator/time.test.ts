import { describe, expect, it, vi } from 'vitest';
import { createEmulator } from '../../src/index.ts';
import { deployed, emulator, logged } from '../helpers/emulator.ts';

describe('time in handlers', () => {
  it('Date.now() and new Date() read the emulator clock; other Date uses are untouched', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      log(Date.now(), new Date().toISOString(), new Date(0).toISOString(), typeof Date(), Date.name, Date.length,
        new Date() instanceof Date, Date.UTC(2020, 0, 1), Object.getPrototypeOf(new Date()) === Date.prototype);
    }`);
    await em.upsert('src', 'a', {});
    await em.advance('90s');
    await em.upsert('src', 'b', {});
    const start = Date.UTC(2026, 0, 1);
    const rest = `"1970-01-01T00:00:00.000Z" "string" "Date" 7 true ${Date.UTC(2020, 0, 1)} true `;
    expect(logged(fn)).toEqual([
      `${start} "2026-01-01T00:00:00.000Z" ${rest}`,
      `${start + 90_000} "2026-01-01T00:01:30.000Z" ${rest}`,
    ]);
  });

  it('follows the real clock when the emulator does', async () => {
    const em = await createEmulator({ clock: 'real' });
    const fn = await em.deploy({
      appname: 'real',
      appcode: 'function OnUpdate(doc, meta) { log(Date.now()); }',
      depcfg: { source_bucket: 'src', metadata_bucket: 'meta' },
      settings: {},
    });
    const before = Date.now();
    await em.upsert('src', 'k', {});
    const seen = Number(fn.logs[0]?.split(' ')[2]);
    expect(seen).toBeGreaterThanOrEqual(before);
    expect(seen).toBeLessThanOrEqual(Date.now());
    await expect(em.advance('1s')).rejects.toMatchObject({ code: 'ARGUMENT_INVALID' });
    await em.dispose();
  });
});

describe('moving the clock', () => {
  it('accepts milliseconds and unit texts, and an absolute date', async () => {
    const em = await emulator({ now: '2026-01-01T00:00:00Z' });
    await em.advance(500);
    await em.advance('1.5s');
    await em.advance('2m');
    expect(em.now.toISOString()).toBe('2026-01-01T00:02:02.000Z');
    await em.advanceTo(new Date('2026-01-02T00:00:00Z'));
    expect(em.now.toISOString()).toBe('2026-01-02T00:00:00.000Z');
  });

  it('never goes back, and rejects durations it cannot read', async () => {
    const em = await emulator({ now: '2026-01-01T00:00:00Z' });
    await em.advanceTo('2025-01-01T00:00:00Z');
    expect(em.now.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    await expect(em.advance('ten seconds')).rejects.toMatchObject({
      code: 'ARGUMENT_INVALID',
      hint: expect.stringContaining("'10s'"),
    });
    await expect(em.advance(-5)).rejects.toMatchObject({ code: 'ARGUMENT_INVALID' });
  });
});

describe('document expiry', () => {
  it('removes a document at its due time and delivers OnDelete with { expired: true }', async () => {
    const { em, fn } = await deployed(`function OnDelete(meta, options) {
      log(meta.id, options, meta.expiration, 'expiry_date' in meta, new Date().toISOString());
    }`);
    await em.upsert('src', 'session', { user: 'u' }, { expiry: 60 });
    await em.advance('59s');
    expect(em.get('src', 'session')).toBeDefined();
    await em.advance('1s');
    expect(em.get('src', 'session')).toBeUndefined();
    expect(logged(fn)).toEqual(['"session" {"expired":true} 0 false "2026-01-01T00:01:00.000Z" ']);
    expect(fn.stats.execution_stats).toMatchObject({
      on_delete_success: 1,
      dcp_delete_msg_counter: 1,
    });
  });

  it('forgets the expiry of a document rewritten without one', async () => {
    const { em, fn } = await deployed('function OnDelete(meta, options) { log(meta.id); }');
    await em.upsert('src', 'k', 1, { expiry: 10 });
    await em.upsert('src', 'k', 2);
    await em.advance('1h');
    expect(em.get('src', 'k')?.value).toBe(2);
    expect(logged(fn)).toEqual([]);
  });

  it('fires timers and expiries together in due-time order, each settled before the next', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      if (doc.timerIn) createTimer(Cb, new Date(Date.now() + doc.timerIn * 1000), meta.id, meta.id);
    }
    function Cb(id) { log('timer', id, new Date().toISOString()); }
    function OnDelete(meta, options) { log('expired', meta.id, new Date().toISOString()); }`);
    await em.upsert('src', 'doc20', {}, { expiry: 20 });
    await em.upsert('src', 't10', { timerIn: 10 });
    await em.upsert('src', 't30', { timerIn: 30 });
    await em.advance('1m');
    expect(logged(fn)).toEqual([
      '"timer" "t10" "2026-01-01T00:00:10.000Z" ',
      '"expired" "doc20" "2026-01-01T00:00:20.000Z" ',
      '"timer" "t30" "2026-01-01T00:00:30.000Z" ',
    ]);
  });
});

describe('the real clock', () => {
  it('wakes the emulator when a timer comes due, without a test moving time', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 5, 1), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const em = await createEmulator({ clock: 'real' });
      const fn = await em.deploy({
        appname: 'wake',
        appcode: `function OnUpdate(doc, meta) { createTimer(Ring, new Date(doc.at), 'r'); }
function Ring() { log('rang'); }`,
        depcfg: { source_bucket: 'src', metadata_bucket: 'meta' },
        settings: {},
      });
      await em.upsert('src', 'k', { at: Date.now() + 5000 });
      expect(fn.logs).toEqual([]);
      await vi.advanceTimersByTimeAsync(5000);
      // Only the emulator's own wake-up can have fired the timer: nothing here settles it.
      await new Promise((resolve) => setImmediate(resolve));
      expect(fn.logs.map((line) => line.replace(/^\S+ /, ''))).toEqual(['[INFO] "rang" ']);
      await em.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
