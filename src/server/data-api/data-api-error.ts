import type { ServiceError } from '../error-catalogue.ts';
import type { Reply } from '../reply.ts';
import type { ErrorStyle } from '../router.ts';

// The Data API's errors (dataapiv1/spec.yaml in couchbase/stellar-gateway, `Error`): an HTTP
// status and a JSON body `{ code, message, resource, requestId, debug }` whose `code` is one of
// the spec's ErrorCode names. Messages are worded as the gateway words them.

/** The spec's ErrorCode values that serve answers with. */
export type DataApiErrorCode =
  | 'InvalidArgument'
  | 'Unauthorized'
  | 'InvalidAuth'
  | 'Internal'
  | 'BucketNotFound'
  | 'ScopeNotFound'
  | 'CollectionNotFound'
  | 'DocumentNotFound'
  | 'DocumentExists'
  | 'CasMismatch'
  | 'DocumentNotJson'
  | 'DocumentNotNumeric'
  | 'ValueTooLarge';

/** A refused Data API request. */
export class DataApiError extends Error {
  readonly httpStatus: number;
  readonly code: DataApiErrorCode;
  /** The path of the bucket, scope, collection or document the error is about. */
  readonly resource: string;

  constructor(httpStatus: number, code: DataApiErrorCode, message: string, resource = '') {
    super(message);
    this.name = 'DataApiError';
    this.httpStatus = httpStatus;
    this.code = code;
    this.resource = resource;
  }

  toReply(): Reply {
    const body = {
      code: this.code,
      debug: '',
      message: this.message,
      requestId: '',
      resource: this.resource,
    };
    return { kind: 'json', httpStatus: this.httpStatus, statusCode: -1, body };
  }
}

/** 400 InvalidArgument with `message`. */
export function invalidArgument(message: string): DataApiError {
  return new DataApiError(400, 'InvalidArgument', message);
}

/** The listener's refusals, in the Data API's words. */
export const DATA_API_ERRORS: ErrorStyle = {
  unauthenticated(sent) {
    return sent
      ? new DataApiError(403, 'InvalidAuth', 'Your username or password is invalid.').toReply()
      : new DataApiError(
          401,
          'Unauthorized',
          'You must send authentication to use this endpoint.',
        ).toReply();
  },
  refused(error: ServiceError) {
    if (error.errorName === 'ERR_PAYLOAD_TOO_LARGE') {
      return new DataApiError(
        413,
        'InvalidArgument',
        'The content of the request was too large.',
      ).toReply();
    }
    // fidelity: the gateway's router answers a wrong method with a plain-text 405.
    const status = error.errorName === 'ERR_METHOD_NOT_ALLOWED' ? 405 : 400;
    return new DataApiError(status, 'InvalidArgument', error.message).toReply();
  },
};
