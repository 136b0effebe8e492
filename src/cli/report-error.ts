import { EventingDevError, type EventingDevErrorCode } from '../errors.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';

const USAGE_CODES: ReadonlySet<EventingDevErrorCode> = new Set([
  'CONFIG_INVALID',
  'NODE_FLAGS_MISSING',
]);

/** What a file-system error code means for the path, and what to do about it. */
const FILE_ERRORS: Readonly<Record<string, [problem: string, hint: string]>> = {
  ENOENT: ['does not exist', 'Check the path (relative paths start in the current folder).'],
  EISDIR: ['is a folder, not a file', 'Give the path of a file.'],
  ENOTDIR: ['is not a folder', 'Check the path: a part of it is a file.'],
  EACCES: ['cannot be used: permission denied', 'Check its permissions, or choose another path.'],
  EPERM: [
    'cannot be used: operation not permitted',
    'Check its permissions, or choose another path.',
  ],
  EEXIST: ['already exists', 'Remove it, or choose another path.'],
  EROFS: ['is on a read-only file system', 'Choose a path on a writable disk.'],
  ENOSPC: ['cannot be written: the disk is full', 'Free some space, then run the command again.'],
};

/** Prints a tool error for people and says which exit code it deserves. */
export function reportError(error: unknown, write: (text: string) => void): ExitCode {
  if (error instanceof EventingDevError) {
    write(`error: ${error.message}\n`);
    if (error.hint) write(`hint: ${error.hint}\n`);
    return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.failed;
  }
  const file = fileError(error);
  if (file) {
    write(`error: ${`${file.path} ${file.problem}`.trim()}\nhint: ${file.hint}\n`);
    return EXIT.failed;
  }
  write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.failed;
}

/** A Node file-system error (ENOENT, EISDIR, EACCES, ...) as one line and a hint. */
function fileError(error: unknown) {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  const known = typeof code === 'string' ? FILE_ERRORS[code] : undefined;
  if (!known) return undefined;
  if (typeof path === 'string') return { path, problem: known[0], hint: known[1] };
  // Node names no path for some calls (a read of a folder): its own message, without a stack.
  return { path: (error as Error).message, problem: '', hint: known[1] };
}
