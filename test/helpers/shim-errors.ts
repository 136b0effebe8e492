import { expect } from 'vitest';
import { errorClasses } from '../../src/runtime/shim/errors.js';

/**
 * Asserts that `call` throws an EventingError with `message`, and that the stack starts at the
 * caller: frames of the shim module that threw (matched by `shimFile`) are left out.
 */
export function expectEventingError(call: () => unknown, message: string, shimFile: RegExp): void {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(errorClasses.EventingError);
  expect((thrown as Error).message).toBe(message);
  expect((thrown as Error).stack).not.toMatch(shimFile);
}
