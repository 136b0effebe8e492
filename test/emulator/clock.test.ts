import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_DELAY_MS, RealClock, type TimerFacility } from '../../src/emulator/clock.ts';
import { emulator, handler, logged } from '../helpers/emulator.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('RealClock.wakeAt', () => {
  it('wakes once Date.now() reaches the due time', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const wake = vi.fn();
    new RealClock().wakeAt(1_000_100, wake);
    vi.advanceTimersByTime(99);
    expect(wake).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('waits the rest when the timer fires before Date.now() reaches the due time', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const wake = vi.fn();
    new RealClock().wakeAt(1_000_100, wake);
    // The wall clock falls a millisecond behind the timers' clock, as it can for real.
    vi.setSystemTime(999_999);
    vi.advanceTimersByTime(100);
    expect(Date.now()).toBe(1_000_099);
    expect(wake).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('can be cancelled, also while it waits the rest', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const wake = vi.fn();
    const cancel = new RealClock().wakeAt(1_000_100, wake);
    vi.setSystemTime(999_999);
    vi.advanceTimersByTime(100);
    cancel();
    vi.advanceTimersByTime(10);
    expect(wake).not.toHaveBeenCalled();
  });
});

/** Timers whose time moves only when the test fires the next one. */
function steppedTimers(start: number) {
  let now = start;
  let nextId = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const delays: number[] = [];
  const facility: TimerFacility = {
    now: () => now,
    setTimeout(callback, ms) {
      delays.push(ms);
      pending.set(nextId, { at: now + ms, callback });
      return nextId++;
    },
    clearTimeout: (id) => pending.delete(id as number),
  };
  return {
    facility,
    delays,
    /** Moves time to the earliest pending timer and runs it; false when none is pending. */
    fireNext(): boolean {
      const [id, timer] = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || !timer) return false;
      pending.delete(id);
      now = Math.max(now, timer.at);
      timer.callback();
      return true;
    },
    get now() {
      return now;
    },
  };
}

describe('wake-ups far ahead', () => {
  const YEAR = 365 * 24 * 60 * 60 * 1000;

  it('wake once, at the due time, a year ahead, arming no timer longer than Node takes', () => {
    const timers = steppedTimers(1_000_000);
    const wake = vi.fn();
    new RealClock(timers.facility).wakeAt(1_000_000 + YEAR, wake);
    let fired = 0;
    while (timers.fireNext()) fired++;
    expect(wake).toHaveBeenCalledTimes(1);
    expect(timers.now).toBe(1_000_000 + YEAR);
    expect(Math.max(...timers.delays)).toBe(MAX_TIMER_DELAY_MS);
    // About 24.8 days per timer: 15 for a year, and no busy loop.
    expect(fired).toBe(Math.ceil(YEAR / MAX_TIMER_DELAY_MS));
  });
});

describe('an emulator on the real clock', () => {
  it('expires a document a year ahead once, when due, through a handful of timers', async () => {
    const start = Date.UTC(2026, 0, 1);
    const timers = steppedTimers(start);
    const em = await emulator({ clock: 'real', timers: timers.facility });
    const fn = await em.deploy(
      handler('function OnDelete(meta, options) { log(meta.id, options.expired); }'),
    );
    const due = start + 365 * 24 * 60 * 60 * 1000;
    await em.upsert('src', 'k', {}, { expiry: new Date(due) });
    let fired = 0;
    while (timers.fireNext()) {
      fired++;
      await em.settle();
    }
    expect(logged(fn)).toEqual(['"k" true ']);
    expect(timers.now).toBeGreaterThanOrEqual(due);
    expect(Math.max(...timers.delays)).toBeLessThanOrEqual(MAX_TIMER_DELAY_MS);
    expect(fired).toBeLessThanOrEqual(16);
  });
});
