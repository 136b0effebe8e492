/**
 * Stable codes for everything that can go wrong in the tool itself (never for behaviour of the
 * emulated service, which is data, nor for a user's handler failing, which is a result).
 */
export type EventingDevErrorCode =
  | 'CONFIG_INVALID'
  | 'DEFINITION_INVALID'
  | 'HANDLER_INVALID'
  | 'KEYSPACE_INVALID'
  | 'DOCUMENT_INVALID'
  | 'FUNCTION_NOT_FOUND'
  | 'FUNCTION_STATE'
  | 'ONDEPLOY_FAILED'
  | 'RECURSION_REFUSED'
  | 'ARGUMENT_INVALID'
  | 'NODE_FLAGS_MISSING'
  | 'EMULATOR_DISPOSED'
  | 'FILE_NOT_FOUND'
  | 'FILE_EXISTS'
  | 'PROMOTE_FAILED'
  | 'API_ERROR'
  | 'API_UNAUTHORIZED'
  | 'API_FORBIDDEN'
  | 'API_NOT_FOUND'
  | 'API_TIMEOUT'
  | 'CLUSTER_UNREACHABLE';

/** One located problem, for errors that report several at once. */
export interface Problem {
  /** Where: a JSON path such as `depcfg.buckets[1].alias`, or `file:line:column` for code. */
  path: string;
  message: string;
  /** For code: the source line and a caret under the column (see codeFrame). */
  excerpt?: string;
}

export interface EventingDevErrorOptions {
  /** What the user can do next. */
  hint?: string;
  cause?: unknown;
  problems?: Problem[];
}

/**
 * The one error class of the tool. `code` is stable and safe to branch on; `message` is for
 * people; `hint` says what to do next; `problems` lists every located problem at once.
 *
 * @example
 * try { await em.deploy(def); } catch (e) {
 *   if (e instanceof EventingDevError && e.code === 'DEFINITION_INVALID') console.log(e.problems);
 * }
 */
export class EventingDevError extends Error {
  readonly code: EventingDevErrorCode;
  readonly hint: string | undefined;
  readonly problems: Problem[];

  constructor(code: EventingDevErrorCode, message: string, options: EventingDevErrorOptions = {}) {
    super(withProblems(message, options.problems), { cause: options.cause });
    this.name = 'EventingDevError';
    this.code = code;
    this.hint = options.hint;
    this.problems = options.problems ?? [];
  }
}

function withProblems(message: string, problems: Problem[] | undefined): string {
  if (!problems || problems.length === 0) return message;
  return [
    message,
    ...problems.map((p) => `  ${p.path}: ${p.message}${indented(p.excerpt, 4)}`),
  ].join('\n');
}

/** An excerpt below its problem, each line indented; '' without one. */
export function indented(excerpt: string | undefined, by: number): string {
  if (!excerpt) return '';
  return excerpt
    .split('\n')
    .map((line) => `\n${' '.repeat(by)}${line}`)
    .join('');
}
