import type { EntryPoint, ThrownReport } from './door-protocol.ts';

/**
 * A handler invocation that did not complete: an uncaught exception, a timeout or running out
 * of memory. Failures are results, never tool errors: they are counted, logged and kept here.
 */
export interface HandlerFailure {
  /** The function's name (appname). */
  function: string;
  entry: EntryPoint;
  /** The document key of the event, for OnUpdate and OnDelete. */
  key: string | undefined;
  kind: 'exception' | 'timeout' | 'out_of_memory';
  /** A one-line summary, e.g. `ReferenceError: x is not defined`. */
  message: string;
  /** The thrown value as the app log records it (spec §8.1), for exceptions. */
  exception: string | undefined;
  stack: string | undefined;
  /** Where: the handler's file name and the user's own 1-based line and column. */
  file: string;
  line: number | undefined;
  column: number | undefined;
  /** The trimmed source line at `line`. */
  srcLine: string | undefined;
}

interface FailureContext {
  functionName: string;
  file: string;
  /** The user's appcode, for srcLine. */
  source: string;
  key: string | undefined;
}

/** Builds the failure record of an uncaught exception reported by the shim. */
export function exceptionFailure(report: ThrownReport, context: FailureContext): HandlerFailure {
  const location = locateInStack(report.stack, context.file);
  return {
    function: context.functionName,
    entry: report.entry,
    key: context.key,
    kind: 'exception',
    message: summarise(report.exception),
    exception: report.exception,
    stack: report.stack,
    file: context.file,
    line: location?.line,
    column: location?.column,
    srcLine: location ? sourceLine(context.source, location.line) : undefined,
  };
}

/** Builds the failure record of an invocation stopped by the isolate's limits. */
export function terminationFailure(
  kind: 'timeout' | 'out_of_memory',
  entry: EntryPoint,
  context: FailureContext,
  timeoutSeconds: number,
): HandlerFailure {
  // OnDeploy runs under its own limit (spec §1.4).
  const limit = entry === 'OnDeploy' ? 'on_deploy_timeout' : 'execution_timeout';
  const message =
    kind === 'timeout'
      ? `${entry} exceeded ${limit} (${timeoutSeconds} s) and was terminated`
      : `${entry} ran out of memory and was terminated`;
  return {
    function: context.functionName,
    entry,
    key: context.key,
    kind,
    message,
    exception: undefined,
    stack: undefined,
    file: context.file,
    line: undefined,
    column: undefined,
    srcLine: undefined,
  };
}

/**
 * The app log's JSON record of an exception: keys in alphabetical order, as the server's Go
 * encoder writes a map.
 */
export function exceptionLogRecord(failure: HandlerFailure): string {
  return JSON.stringify({
    exception: failure.exception,
    file: failure.file,
    line: failure.line,
    srcLine: failure.srcLine,
    stack: failure.stack,
  });
}

function summarise(exception: string): string {
  try {
    const parsed: unknown = JSON.parse(exception);
    return typeof parsed === 'string' ? parsed : exception;
  } catch {
    return exception;
  }
}

const FRAME = /^at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

/** The first stack frame in the handler's own file. */
export function locateInStack(
  stack: string | undefined,
  file: string,
): { line: number; column: number } | undefined {
  if (!stack) return undefined;
  for (const frame of stack.split('\n').slice(1)) {
    const match = FRAME.exec(frame.trim());
    if (match && match[1] === file) return { line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

function sourceLine(source: string, line: number): string | undefined {
  return source.split('\n')[line - 1]?.trim();
}
