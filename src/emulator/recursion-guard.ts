import type { FunctionDefinition } from '../definition/types.ts';
import { functionWrites, type RecursionProblem, recursionProblems } from '../runtime/index.ts';
import { FunctionRefusal } from './refusal.ts';

// The checks a deploy or resume request gets before it is accepted (spec/rest-api.md §3.4,
// rules 2 and 3, and §1.7), once per request, for the test API and the REST API alike. The
// rules themselves are runtime/recursion.ts's, which check and promote use too.

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
  const [problem] = recursionProblems(
    functionWrites(candidate),
    others.map((other) => functionWrites(other)),
    options.allowInterbucketRecursion,
  );
  if (!problem) return;
  const errorName =
    problem.kind === 'inter_function_recursion'
      ? 'ERR_INTER_FUNCTION_RECURSION'
      : 'ERR_INTER_BUCKET_RECURSION';
  const at = problem.kind === 'dml_into_source' ? problem.write.position : undefined;
  const where = at ? ` at ${options.filename}:${at.line}:${at.column}` : '';
  throw new FunctionRefusal(errorName, problem.message, {
    code: 'RECURSION_REFUSED',
    message: `Function "${candidate.appname}" cannot be deployed: ${errorName}, ${problem.message}${where}`,
    hint: hintOf(problem),
  });
}

function hintOf(problem: RecursionProblem): string {
  switch (problem.kind) {
    case 'dml_into_source':
      return 'Write to the source keyspace through a read-write bucket binding (its writes are not delivered back to the function), or allow inter-bucket recursion (allowInterbucketRecursion).';
    case 'inter_bucket_recursion':
      return `${problem.links.join('; ')}. Break the cycle, or allow inter-bucket recursion (allowInterbucketRecursion).`;
    case 'inter_function_recursion':
      return `Only one of the functions that write to their own source ${problem.other} shares may be deployed; undeploy ${problem.other} first.`;
  }
}
