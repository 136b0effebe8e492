import { randomBytes } from 'node:crypto';

// The ids the server gives a function, renewed on every fresh deploy (8.x).

/** A server-generated `handleruuid`: an unsigned 32-bit number. */
export function newHandlerUuid(): number {
  return randomBytes(4).readUInt32BE();
}

/** A `function_instance_id` in the 8.x form `<handleruuid>-<random>`. */
export function newInstanceId(handleruuid: number): string {
  return `${handleruuid}-${randomBytes(6).toString('base64url')}`;
}
