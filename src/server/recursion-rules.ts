import type { FunctionDefinition } from '../definition/types.ts';
import {
  dmlIntoOwnSource,
  dmlIntoSourceDescription,
  functionWrites,
  recursionProblems,
} from '../runtime/recursion.ts';
import { ServiceError } from './error-catalogue.ts';

// The checks a deploy or resume request gets before it is accepted (spec/rest-api.md §3.4,
// rules 2 and 3): refused at once with 400, not discovered when the transition ends.

/**
 * @param others the definitions of the functions that are deployed, paused or on their way.
 * @throws ServiceError ERR_INTER_BUCKET_RECURSION or ERR_INTER_FUNCTION_RECURSION.
 */
export function checkRecursion(
  candidate: FunctionDefinition,
  others: readonly FunctionDefinition[],
  allowInterbucketRecursion: boolean,
): void {
  const writes = functionWrites(candidate);
  if (!allowInterbucketRecursion) {
    const intoSource = dmlIntoOwnSource(writes);
    if (intoSource) {
      throw new ServiceError(
        'ERR_INTER_BUCKET_RECURSION',
        dmlIntoSourceDescription(writes, intoSource),
      );
    }
  }
  const [problem] = recursionProblems(
    writes,
    others.map((other) => functionWrites(other)),
    allowInterbucketRecursion,
  );
  if (!problem) return;
  throw new ServiceError(
    problem.kind === 'inter_bucket_recursion'
      ? 'ERR_INTER_BUCKET_RECURSION'
      : 'ERR_INTER_FUNCTION_RECURSION',
    problem.message,
  );
}
