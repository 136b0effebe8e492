import { EventingDevError, type EventingDevErrorCode } from '../errors.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';

const USAGE_CODES: ReadonlySet<EventingDevErrorCode> = new Set([
  'CONFIG_INVALID',
  'NODE_FLAGS_MISSING',
]);

/** Prints a tool error for people and says which exit code it deserves. */
export function reportError(error: unknown, write: (text: string) => void): ExitCode {
  if (error instanceof EventingDevError) {
    write(`error: ${error.message}\n`);
    if (error.hint) write(`hint: ${error.hint}\n`);
    return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.failed;
  }
  write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.failed;
}
