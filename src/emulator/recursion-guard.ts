import type { FunctionDefinition } from '../definition/types.ts';
import {
  dmlIntoOwnSource,
  dmlIntoSourceDescription,
  functionWrites,
  type RecursionProblem,
  recursionProblems,
} from '../runtime/recursion.ts';
import { FunctionRefusal } from './refusal.ts';

// The checks a deploy or resume request gets before it is accepted (spec/rest-api.md §3.4,
// rules 2 and 3), once per request, for the test API and the REST API alike.

/**
 * Refuses to deploy `candidate` where the server would: inline SQL++ DML into its own source,
 * a cycle of writes with `others` (the functions deployed, paused or on their way), or a second
 * function writing to the source it shares with another.
 * @throws FunctionRefusal `RECURSION_REFUSED` with the server's ERR_INTER_BUCKET_RECURSION or
 *   ERR_INTER_FUNCTION_RECURSION.
 */
export function refuseRecursion(
  candidate: FunctionDefinition,
  others: readonly FunctionDefinition[],
  options: { allowInterbucketRecursion: boolean; filename: string },
): void {
  const { allowInterbucketRecursion } = options;
  const writes = functionWrites(candidate);
  if (!allowInterbucketRecursion) {
    const intoSource = dmlIntoOwnSource(writes);
    if (intoSource) {
      const at = intoSource.position;
      throw refusal(
        candidate.appname,
        'ERR_INTER_BUCKET_RECURSION',
        dmlIntoSourceDescription(writes, intoSource),
        'Write to the source keyspace through a read-write bucket binding (its writes are not delivered back to the function), or allow inter-bucket recursion (allowInterbucketRecursion).',
        at && `${options.filename}:${at.line}:${at.column}`,
      );
    }
  }
  const [problem] = recursionProblems(
    writes,
    others.map((other) => functionWrites(other)),
    allowInterbucketRecursion,
  );
  if (problem) throw refusal(candidate.appname, nameOf(problem), problem.message, hintOf(problem));
}

function nameOf(problem: RecursionProblem) {
  return problem.kind === 'inter_bucket_recursion'
    ? 'ERR_INTER_BUCKET_RECURSION'
    : 'ERR_INTER_FUNCTION_RECURSION';
}

function hintOf(problem: RecursionProblem): string {
  return problem.kind === 'inter_bucket_recursion'
    ? `${problem.links.join('; ')}. Break the cycle, or allow inter-bucket recursion (allowInterbucketRecursion).`
    : `Only one of the functions that write to their own source ${problem.other} shares may be deployed; undeploy ${problem.other} first.`;
}

function refusal(
  name: string,
  errorName: 'ERR_INTER_BUCKET_RECURSION' | 'ERR_INTER_FUNCTION_RECURSION',
  description: string,
  hint: string,
  where?: string,
): FunctionRefusal {
  return new FunctionRefusal(errorName, description, {
    code: 'RECURSION_REFUSED',
    message: `Function "${name}" cannot be deployed: ${errorName}, ${description}${where ? ` at ${where}` : ''}`,
    hint,
  });
}
