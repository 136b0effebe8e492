import { EventingDevError } from '../../errors.ts';

/**
 * Node flags every process that creates isolates must run with. isolated-vm documents that on
 * Node >= 20 the startup snapshot must be off (`--no-node-snapshot`). The CLI re-executes itself
 * with these flags for commands that create isolates, and the vitest preset passes them to its
 * workers: both read this one list.
 */
export const ISOLATE_NODE_FLAGS: readonly string[] = ['--no-node-snapshot'];

/**
 * True when this process was started with every flag of {@link ISOLATE_NODE_FLAGS} (or of
 * `flags`, a list that includes them).
 */
export function hasIsolateNodeFlags(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
  flags: readonly string[] = ISOLATE_NODE_FLAGS,
): boolean {
  const fromOptions = nodeOptions.split(/\s+/);
  return flags.every((flag) => execArgv.includes(flag) || fromOptions.includes(flag));
}

const FLAGS_FIX =
  "Run the tests with `eventing-dev test`, or use `vitestPreset()` from 'eventing-dev/testing' as your vitest config, or start Node with --no-node-snapshot (NODE_OPTIONS=--no-node-snapshot).";

/** Throws a clear error, before any isolate exists, when the process lacks the flags. */
export function assertIsolateNodeFlags(): void {
  if (hasIsolateNodeFlags()) return;
  throw new EventingDevError(
    'NODE_FLAGS_MISSING',
    // The fix is in the message itself: vitest shows a test's error message, not its hint.
    `This Node.js process was started without ${ISOLATE_NODE_FLAGS.join(' ')}, which isolated-vm needs on Node >= 20. ${FLAGS_FIX}`,
    { hint: FLAGS_FIX },
  );
}
