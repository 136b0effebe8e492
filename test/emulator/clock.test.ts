import { afterEach, describe, expect, it, vi } from 'vitest';
import { RealClock } from '../../src/emulator/clock.ts';

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
