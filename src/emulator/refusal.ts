import { EventingDevError, type EventingDevErrorCode } from '../errors.ts';

// A refused change to a function carries the server's answer (its error name and description,
// spec/rest-api.md §1.4, §3.2) so that the REST API answers exactly what Couchbase does, and a
// message and hint for people, which the test API shows.

/** The Eventing REST API error names a refused change answers with. */
export type RefusalName =
  | 'ERR_INVALID_REQUEST'
  | 'ERR_APP_ALREADY_DEPLOYED'
  | 'ERR_APP_NOT_DEPLOYED'
  | 'ERR_APP_PAUSED'
  | 'ERR_APP_NOT_UNDEPLOYED'
  | 'ERR_APPCODE_SIZE'
  | 'ERR_INTER_BUCKET_RECURSION'
  | 'ERR_INTER_FUNCTION_RECURSION';

export interface RefusalOptions {
  /** The tool's code (default FUNCTION_STATE). */
  code?: EventingDevErrorCode;
  /** For people (default: the server's description). */
  message?: string;
  hint?: string;
}

/**
 * A lifecycle change, edit or delete the service does not allow; nothing was changed.
 *
 * @example
 * try { await fn.pause(); } catch (e) {
 *   if (e instanceof FunctionRefusal) console.log(e.errorName, e.description);
 * }
 */
export class FunctionRefusal extends EventingDevError {
  /** The REST API's error name, e.g. `ERR_APP_ALREADY_DEPLOYED`. */
  readonly errorName: RefusalName;
  /** The REST API's description, word for word. */
  readonly description: string;

  constructor(errorName: RefusalName, description: string, options: RefusalOptions = {}) {
    super(options.code ?? 'FUNCTION_STATE', options.message ?? description, {
      ...(options.hint === undefined ? {} : { hint: options.hint }),
    });
    this.name = 'FunctionRefusal';
    this.errorName = errorName;
    this.description = description;
  }
}

/** Shorthand for 8.x's catch-all refusal. */
export function invalidRequest(description: string, options?: RefusalOptions): FunctionRefusal {
  return new FunctionRefusal('ERR_INVALID_REQUEST', description, options);
}
