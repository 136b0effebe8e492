import { EventingDevError } from '../errors.ts';
import { functionWrites, recursionProblems } from '../runtime/recursion.ts';
import type { ManagedFunction } from './managed-function.ts';

/**
 * Refuses to deploy `fn` where the server would (spec/rest-api.md §3.4): when it closes a cycle
 * of writes with the functions that are deployed or paused, or when it and another of them
 * both write to the source they share.
 * @throws EventingDevError `RECURSION_REFUSED`, its message naming the server's error.
 */
export function refuseRecursion(
  fn: ManagedFunction,
  functions: Iterable<ManagedFunction>,
  allowInterbucketRecursion: boolean,
): void {
  const others = [...functions].filter((other) => other !== fn && other.status !== 'undeployed');
  if (others.length === 0) return;
  const [problem] = recursionProblems(
    functionWrites(fn.definition),
    others.map((other) => functionWrites(other.definition)),
    allowInterbucketRecursion,
  );
  if (!problem) return;
  const name =
    problem.kind === 'inter_bucket_recursion'
      ? 'ERR_INTER_BUCKET_RECURSION'
      : 'ERR_INTER_FUNCTION_RECURSION';
  throw new EventingDevError(
    'RECURSION_REFUSED',
    `Function "${fn.name}" cannot be deployed: ${name}, ${problem.message}`,
    {
      hint:
        problem.kind === 'inter_bucket_recursion'
          ? `${problem.links.join('; ')}. Break the cycle, or allow inter-bucket recursion (allowInterbucketRecursion).`
          : `Only one of the functions that write to their own source ${problem.other} shares may be deployed; undeploy ${problem.other} first.`,
    },
  );
}
