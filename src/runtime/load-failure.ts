import { locateInStack } from './handler-failure.ts';
import type { LoadFailure } from './isolate/function-isolate.ts';

/** A load failure reduced to a message and the user's line and column. */
export function describeLoadFailure(
  failure: LoadFailure,
  file: string,
): { message: string; line: number; column: number } {
  if (failure.line !== undefined && failure.column !== undefined) {
    return { message: failure.message, line: failure.line, column: failure.column };
  }
  const located = locateInStack(failure.stack, file);
  const prefix =
    failure.kind === 'timeout'
      ? 'the global code did not finish within execution_timeout: '
      : failure.kind === 'out_of_memory'
        ? ''
        : 'the global code threw: ';
  return {
    message: `${prefix}${failure.message}`,
    line: located?.line ?? 1,
    column: located?.column ?? 1,
  };
}
