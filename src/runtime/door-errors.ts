import type { DoorError, EmulatedError } from './door-protocol.ts';

// The one shape of an error that crosses the door: `{ error: { class, message } }`, which the
// shim turns into an in-realm error object of that class and throws.

/** An emulated Eventing error for the shim to throw. */
export function doorError(errorClass: EmulatedError['class'], message: unknown): DoorError {
  return { error: { class: errorClass, message } };
}

/** Whether a door answer is an error to throw. */
export function isDoorError(value: unknown): value is DoorError {
  return typeof value === 'object' && value !== null && 'error' in value;
}
