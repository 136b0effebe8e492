import { describe, expect, it } from 'vitest';
import { isDoorError } from '../../src/runtime/door-errors.ts';
import type { DoorTargets } from '../../src/runtime/door-router.ts';
import { createDoorRouter, synchronousDoor } from '../../src/runtime/door-router.ts';
import { createFunctionStats } from '../../src/runtime/stats.ts';

/** Targets whose log and thrown reports are recorded; other bindings are not reached here. */
function targets(lines: string[]): DoorTargets {
  return {
    keyspaces: undefined as never,
    timers: undefined as never,
    queries: undefined as never,
    curl: undefined as never,
    stats: createFunctionStats(),
    log: (text) => lines.push(text),
    thrown: (report) => lines.push(`thrown ${report.exception}`),
    timerMissing: (index) => lines.push(`missing ${index}`),
  };
}

describe('the door router', () => {
  it('routes each operation of the protocol table to its handler', () => {
    const lines: string[] = [];
    const route = createDoorRouter(targets(lines));
    route('log', 'hello');
    route('timer.missing', 3);
    route('thrown', { entry: 'OnUpdate', index: 0, exception: '"x"', stack: undefined });
    expect(lines).toEqual(['hello', 'missing 3', 'thrown "x"']);
  });

  it('counts the statistics the shim reports', () => {
    const t = targets([]);
    createDoorRouter(t)('stat', 'timer_create_failure');
    expect(t.stats.execution_stats.timer_create_failure).toBe(1);
  });

  it('refuses an operation the protocol does not have, naming it', () => {
    const route = createDoorRouter(targets([]));
    expect(() => route('kv.explode')).toThrow('unknown host operation: kv.explode');
    expect(() => route('toString')).toThrow('unknown host operation: toString');
  });
});

describe('the synchronous door', () => {
  it('answers work that would wait with the one error shape, for curl and queries alike', () => {
    const waits = synchronousDoor(() => Promise.resolve({ status: 200 }));
    const curl = waits('curl', 0, 'GET', '{}', undefined);
    const query = waits('query.start', 'n1ql', 'SELECT 1', undefined, '{}');
    expect(isDoorError(curl) && curl.error.class).toBe('CurlError');
    expect(isDoorError(query) && query.error.class).toBe('N1QLError');
    expect(Object.keys(curl as object)).toEqual(['error']);
    expect(Object.keys(query as object)).toEqual(['error']);
  });
});
