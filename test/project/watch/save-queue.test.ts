import { describe, expect, it } from 'vitest';
import { SaveQueue, type Timers } from '../../../src/project/watch/save-queue.ts';

// The queue driven by a fake clock: time moves only when the test says so.

function fakeClock() {
  let now = 0;
  let next = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    set(callback, ms) {
      const id = next++;
      pending.set(id, { at: now + ms, callback });
      return id;
    },
    clear(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    /** Moves the clock forward, firing what falls due, in order. */
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, timer]) => timer.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
  };
}

/** A job whose runs the test finishes by hand. */
function manualJob() {
  const runs: Array<{ key: string; files: string[]; finish: () => void }> = [];
  const run = (key: string, files: string[]) =>
    new Promise<void>((finish) => {
      runs.push({ key, files, finish });
    });
  return { runs, run };
}

describe('SaveQueue', () => {
  it('runs a job once the files stayed quiet for quietMs, with every file saved', async () => {
    const clock = fakeClock();
    const job = manualJob();
    const queue = new SaveQueue({ quietMs: 40, run: job.run, timers: clock.timers });
    queue.notify('fn1', 'handler.js');
    clock.advance(30);
    queue.notify('fn1', 'function.json');
    queue.notify('fn1', 'handler.js');
    clock.advance(39);
    expect(job.runs).toEqual([]);
    clock.advance(1);
    expect(job.runs.map(({ key, files }) => ({ key, files }))).toEqual([
      { key: 'fn1', files: ['handler.js', 'function.json'] },
    ]);
    job.runs[0]?.finish();
    await queue.whenIdle();
    expect(queue.idle).toBe(true);
  });

  it('folds the saves made while a job runs into one more run, after it', async () => {
    const clock = fakeClock();
    const job = manualJob();
    const queue = new SaveQueue({ quietMs: 40, run: job.run, timers: clock.timers });
    queue.notify('fn1', 'handler.js');
    clock.advance(40);
    expect(job.runs).toHaveLength(1);
    for (let i = 0; i < 5; i++) {
      queue.notify('fn1', 'handler.js');
      clock.advance(50);
    }
    // Each of those went quiet, but the first run has not finished: nothing else started.
    expect(job.runs).toHaveLength(1);
    job.runs[0]?.finish();
    await Promise.resolve().then(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(job.runs).toHaveLength(2);
    expect(job.runs[1]?.files).toEqual(['handler.js']);
    job.runs[1]?.finish();
    await queue.whenIdle();
    expect(job.runs).toHaveLength(2);
  });

  it('runs one job at a time across functions, in the order they went quiet', async () => {
    const clock = fakeClock();
    const job = manualJob();
    const queue = new SaveQueue({ quietMs: 40, run: job.run, timers: clock.timers });
    queue.notify('fn2', 'handler.js');
    clock.advance(10);
    queue.notify('fn1', 'handler.js');
    clock.advance(40);
    expect(job.runs.map((run) => run.key)).toEqual(['fn2']);
    job.runs[0]?.finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(job.runs.map((run) => run.key)).toEqual(['fn2', 'fn1']);
    job.runs[1]?.finish();
    await queue.whenIdle();
  });

  it('carries on after a job that throws, and reports it', async () => {
    const clock = fakeClock();
    const errors: string[] = [];
    const seen: string[] = [];
    const queue = new SaveQueue({
      quietMs: 40,
      timers: clock.timers,
      run: async (key) => {
        seen.push(key);
        if (key === 'bad') throw new Error('boom');
      },
      onError: (key, error) => errors.push(`${key}: ${(error as Error).message}`),
    });
    queue.notify('bad', 'handler.js');
    queue.notify('good', 'handler.js');
    clock.advance(40);
    await queue.whenIdle();
    expect({ seen, errors }).toEqual({ seen: ['bad', 'good'], errors: ['bad: boom'] });
  });

  it('drops waiting saves on close and waits for the running job', async () => {
    const clock = fakeClock();
    const job = manualJob();
    const queue = new SaveQueue({ quietMs: 40, run: job.run, timers: clock.timers });
    queue.notify('fn1', 'handler.js');
    clock.advance(40);
    queue.notify('fn2', 'handler.js');
    let closed = false;
    const closing = queue.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    job.runs[0]?.finish();
    await closing;
    clock.advance(100);
    queue.notify('fn3', 'handler.js');
    clock.advance(100);
    expect(job.runs.map((run) => run.key)).toEqual(['fn1']);
  });
});
