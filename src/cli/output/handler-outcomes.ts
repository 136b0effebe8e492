import { join, relative } from 'node:path';
import { readOnlyWriteNote } from '../../definition/read-only-write-note.ts';
import { listFunctions } from '../../project/function-folders.ts';
import { loadProject } from '../../project/project-config.ts';
import type { CommandContext } from '../command-context.ts';
import type { TriggeredFunction, WriteObserver } from '../connection/triggered-handlers.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

// The app log lines a write's handlers added, for people: each line without its timestamp,
// and each exception (the server logs it as JSON: exception, file, line, srcLine, stack) as
// an error at its file and line, with the line of code.

/** Where a function's handler file is shown: in the project's own path when it has one. */
export type HandlerPath = (fn: string, file: string) => string;

export function describeTriggered(
  triggered: readonly TriggeredFunction[],
  handlerPath: HandlerPath,
): { text: string; failures: number } {
  let failures = 0;
  const lines: string[] = [];
  for (const fn of triggered) {
    if (fn.lines.length === 0) {
      lines.push(`${fn.name}: (nothing logged)`);
      continue;
    }
    for (const line of fn.lines) {
      const exception = exceptionOf(line);
      if (!exception) {
        lines.push(`${fn.name}: ${line.replace(/^\S+ \[INFO\] /, '').trimEnd()}`);
        continue;
      }
      failures++;
      const where = exception.file
        ? ` at ${handlerPath(fn.name, exception.file)}:${exception.line}`
        : '';
      lines.push(`${fn.name}: error: ${exception.message}${where}`);
      if (exception.srcLine) lines.push(`    ${exception.line} | ${exception.srcLine}`);
      const note = readOnlyWriteNote(exception.message, exception.srcLine, fn.buckets ?? []);
      if (note) lines.push(`    ${note}`);
    }
  }
  return { text: lines.map((line) => `${line}\n`).join(''), failures };
}

function exceptionOf(line: string) {
  const json = line.replace(/^\S+ \[\w+\] /, '');
  if (!json.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(json) as Record<string, unknown>;
    if (entry.exception === undefined) return undefined;
    return {
      message: unquote(entry.exception),
      file: typeof entry.file === 'string' ? entry.file : undefined,
      line: typeof entry.line === 'number' ? entry.line : 0,
      srcLine: typeof entry.srcLine === 'string' ? entry.srcLine.trim() : undefined,
    };
  } catch {
    return undefined;
  }
}

/** The server writes the exception as a JSON string inside the JSON: `"\"Error: x\""`. */
function unquote(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  try {
    const inner: unknown = JSON.parse(value);
    if (typeof inner === 'string') return inner;
    // An Eventing error object is logged as its JSON: { message, stack, ... }.
    const message = (inner as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : value;
  } catch {
    return value;
  }
}

/**
 * After a write: prints what each handler it reached logged, and its failures; says so when
 * no deployed function listens. Exit code 1 when a handler failed (the write itself stands).
 */
export async function reportTriggered(
  observer: WriteObserver & { close(): Promise<void> },
  keyspace: string,
  context: CommandContext,
): Promise<ExitCode> {
  try {
    if (observer.listeners.length === 0) {
      context.io.err(`note: no deployed function listens to ${keyspace}\n`);
      return EXIT.ok;
    }
    const { text, failures } = describeTriggered(await observer.after(), projectPaths(context.cwd));
    context.io.out(text);
    if (failures === 0) return EXIT.ok;
    context.io.err(
      `error: ${failures === 1 ? 'a handler' : `${failures} handlers`} failed (the document change itself stands)\n`,
    );
    return EXIT.failed;
  } finally {
    await observer.close();
  }
}

/** A function's handler file in the project of `cwd` when it has a folder of that name. */
function projectPaths(cwd: string): HandlerPath {
  let folders: Map<string, string>;
  try {
    folders = new Map(listFunctions(loadProject(cwd)).map((folder) => [folder.name, folder.dir]));
  } catch {
    folders = new Map();
  }
  return (fn, file) => {
    const dir = folders.get(fn);
    return dir && file === `${fn}.js` ? relative(cwd, join(dir, 'handler.js')) : file;
  };
}
