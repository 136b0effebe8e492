import { FunctionRefusal } from '../emulator/refusal.ts';

// The Eventing REST API's error names with their 8.x numeric codes and HTTP statuses (spec
// rest-api.md §1.4, the 8.x column). Clients branch on `name`; the codes differ between server
// versions, which is why both travel in every error envelope and in the `status` header.

interface CatalogueEntry {
  code: number;
  httpStatus: number;
  /** Only these errors carry `attributes: ["retry"]`. */
  retry?: true;
}

const CATALOGUE = {
  ERR_APP_NOT_DEPLOYED: { code: 12, httpStatus: 406 },
  ERR_APP_NOT_FOUND_TS: { code: 13, httpStatus: 404 },
  ERR_UNMARSHAL_PLD: { code: 16, httpStatus: 400 },
  ERR_APP_ALREADY_DEPLOYED: { code: 20, httpStatus: 422 },
  ERR_APP_NOT_UNDEPLOYED: { code: 22, httpStatus: 422 },
  ERR_HANDLER_COMPILATION: { code: 27, httpStatus: 422 },
  ERR_APPCODE_SIZE: { code: 39, httpStatus: 400 },
  ERR_INTER_FUNCTION_RECURSION: { code: 50, httpStatus: 400 },
  ERR_INTER_BUCKET_RECURSION: { code: 51, httpStatus: 400 },
  ERR_APP_NOT_FOUND: { code: 53, httpStatus: 400 },
  INTERNAL_SERVER_ERROR: { code: 59, httpStatus: 500, retry: true },
  ERR_UNAUTHENTICATED: { code: 61, httpStatus: 401 },
  ERR_METHOD_NOT_ALLOWED: { code: 62, httpStatus: 405 },
  ERR_INVALID_REQUEST: { code: 63, httpStatus: 400 },
  ERR_APP_PAUSED: { code: 64, httpStatus: 422 },
  // fidelity: eventing-dev's own error, for a limit Couchbase's Eventing service does not have
  // (the request size limit). Codes above 1000 cannot clash.
  ERR_PAYLOAD_TOO_LARGE: { code: 1002, httpStatus: 413 },
} as const satisfies Record<string, CatalogueEntry>;

/** An error name the local service answers with. */
export type ErrorName = keyof typeof CATALOGUE;

/** The catalogue entry of `name`: numeric code, HTTP status, retry attribute. */
export function catalogueEntry(name: ErrorName): CatalogueEntry {
  return CATALOGUE[name];
}

/**
 * An error answered as the REST API's error envelope
 * `{ name, code, description, attributes? }` with the name's HTTP status.
 *
 * @example
 * throw new ServiceError('ERR_APP_NOT_FOUND_TS', 'Function: fn1 not found');
 */
export class ServiceError extends Error {
  readonly errorName: ErrorName;
  /** A string almost always; the compile-status object for ERR_HANDLER_COMPILATION. */
  readonly description: unknown;

  constructor(errorName: ErrorName, description: unknown) {
    super(typeof description === 'string' ? description : errorName);
    this.name = 'ServiceError';
    this.errorName = errorName;
    this.description = description;
  }

  get code(): number {
    return CATALOGUE[this.errorName].code;
  }

  get httpStatus(): number {
    return CATALOGUE[this.errorName].httpStatus;
  }

  /** The envelope, keys in the order the server writes them. */
  toEnvelope(): Record<string, unknown> {
    const entry: CatalogueEntry = CATALOGUE[this.errorName];
    return {
      name: this.errorName,
      code: entry.code,
      description: this.description,
      ...(entry.retry ? { attributes: ['retry'] } : {}),
    };
  }
}

/** Shorthand for the most common error of 8.x, the catch-all for refused requests. */
export function invalidRequest(description: string): ServiceError {
  return new ServiceError('ERR_INVALID_REQUEST', description);
}

/**
 * The envelope error of an emulator refusal (the server's own name and description); a
 * ServiceError as it is; anything else unchanged (an internal error).
 */
export function serviceErrorOf(error: unknown): unknown {
  if (error instanceof FunctionRefusal) return new ServiceError(error.errorName, error.description);
  return error;
}
