import { describe, expect, it } from 'vitest';
import {
  type Eventually,
  runSteps,
  type Steps,
  settled,
} from '../../../../src/runtime/bindings/curl/steps.ts';

function* sum(a: Eventually<number>, b: Eventually<number>): Steps<number> {
  const first = yield* settled(a);
  const second = yield* settled(b);
  return first + second;
}

function* recovering(value: Eventually<number>): Steps<string> {
  try {
    return `got ${yield* settled(value)}`;
  } catch (error) {
    return `caught ${(error as Error).message}`;
  }
}

describe('steps that wait only when they must', () => {
  it('answer at once when nothing they wait for is a promise', () => {
    expect(runSteps(sum(1, 2))).toBe(3);
  });

  it('answer with a promise from the first value that is one', async () => {
    const answer = runSteps(sum(1, Promise.resolve(2)));
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toBe(3);
    expect(await runSteps(sum(Promise.resolve(1), 2))).toBe(3);
  });

  it('throw a rejection into the steps, where try catches it', async () => {
    expect(await runSteps(recovering(Promise.reject(new Error('late'))))).toBe('caught late');
    expect(runSteps(recovering(4))).toBe('got 4');
  });

  it('throw what a step throws: at once, or as a rejection once waiting', async () => {
    function* failing(value: Eventually<number>): Steps<number> {
      yield* settled(value);
      throw new Error('broken');
    }
    expect(() => runSteps(failing(1))).toThrow('broken');
    await expect(runSteps(failing(Promise.resolve(1)))).rejects.toThrow('broken');
  });
});
