import {
  bindingKeyspace,
  isWildcardKeyspace,
  keyspacesOverlap,
  metadataKeyspace,
  mutatesOwnSource,
  sourceKeyspace,
} from '../definition/function-keyspaces.ts';
import { formatKeyspace, type Keyspace, parseKeyspace } from '../definition/keyspace.ts';
import type { FunctionDefinition } from '../definition/types.ts';
import { transpileQueries } from './compile/sql-transpiler.ts';

// The server's deploy-time recursion rules (spec/rest-api.md §3.4), the one module the emulator,
// serve, check and promote ask: no inline SQL++ DML into the function's own source (§1.7,
// ERR_INTER_BUCKET_RECURSION); a function must not close a
// cycle of writes through other deployed functions (ERR_INTER_BUCKET_RECURSION), and two
// functions that write to their own shared source must not both be deployed
// (ERR_INTER_FUNCTION_RECURSION). A function writing its own source through a binding is
// allowed: the server does not deliver those writes back to it. When the cluster allows
// inter-bucket recursion the server checks neither rule (service_manager2/helper.go,
// isInterFunctionRecursion returns before both).

/** A keyspace a function writes to, and how. */
export interface WriteTarget {
  keyspace: Keyspace;
  /** `binding dst`, `SQL++ at line 12`, or `metadata`. */
  via: string;
  /** Where in the handler, for SQL++ DML. */
  position?: { line: number; column: number };
}

/** What the recursion rules need to know of one function. */
export interface FunctionWrites {
  name: string;
  /** How the server names the function in its messages: `name`, or `bucket/scope/name`. */
  location: string;
  source: Keyspace;
  writes: WriteTarget[];
  /** Writes to its own source through a read-write binding ("sbm" in the server's words). */
  sourceBucketMutation: boolean;
}

export type RecursionProblem =
  | {
      kind: 'inter_bucket_recursion';
      /** The functions of the cycle, starting and ending with the function checked. */
      cycle: string[];
      message: string;
      /** Each link of the cycle: `a writes shop.x (binding dst), the source of b`. */
      links: string[];
    }
  | { kind: 'inter_function_recursion'; other: string; message: string }
  | {
      kind: 'dml_into_source';
      /** The server's description (ERR_INTER_BUCKET_RECURSION). */
      message: string;
      write: WriteTarget;
    };

/** The write targets of a definition: read-write bindings, inline SQL++ DML and metadata. */
export function functionWrites(definition: FunctionDefinition): FunctionWrites {
  const writes: WriteTarget[] = [];
  for (const binding of definition.depcfg.buckets) {
    if (binding.access === 'rw') {
      writes.push({ keyspace: bindingKeyspace(binding), via: `binding ${binding.alias}` });
    }
  }
  const { statements } = transpileQueries(definition.appcode, { consistency: '' });
  for (const statement of statements) {
    const keyspace = statement.dml && parseDmlKeyspace(statement.dml.keyspace);
    if (keyspace) {
      const position = { line: statement.line, column: statement.column };
      writes.push({ keyspace, via: `SQL++ at line ${statement.line}`, position });
    }
  }
  writes.push({ keyspace: metadataKeyspace(definition), via: 'metadata' });
  return {
    name: definition.appname,
    location: functionLocation(definition),
    source: sourceKeyspace(definition),
    writes,
    sourceBucketMutation: mutatesOwnSource(definition),
  };
}

/**
 * The rules `candidate` breaks if it is deployed next to `deployed` (the other functions that
 * are deployed or on their way): SQL++ DML into its own source first, then the cycle, as the
 * server checks them. `allowInterBucketRecursion` lifts every rule, as on the server.
 */
export function recursionProblems(
  candidate: FunctionWrites,
  deployed: readonly FunctionWrites[],
  allowInterBucketRecursion = false,
): RecursionProblem[] {
  if (allowInterBucketRecursion) return [];
  const others = deployed.filter((fn) => fn.name !== candidate.name);
  const problems: RecursionProblem[] = [];
  const intoSource = dmlIntoOwnSource(candidate);
  if (intoSource) {
    problems.push({
      kind: 'dml_into_source',
      message: dmlIntoSourceDescription(candidate, intoSource),
      write: intoSource,
    });
  }
  const cycle = findCycle(candidate, [candidate, ...others]);
  if (cycle) {
    // The server names the deployed functions of the path back to the candidate's source (the
    // labels of bucket_graph.go's hasPath), printed with Go's %v: `[b c]`.
    const path = cycle.slice(1, -1).map((fn) => fn.location);
    problems.push({
      kind: 'inter_bucket_recursion',
      cycle: cycle.map((fn) => fn.name),
      message: `Inter bucket recursion error; function: ${candidate.location} causes a cycle involving functions: [${path.join(' ')}], hence deployment is disallowed`,
      links: cycle.slice(1).map((to, index) => link(cycle[index] as FunctionWrites, to)),
    });
  }
  if (candidate.sourceBucketMutation) {
    const other = others.find(
      (fn) => fn.sourceBucketMutation && keyspacesOverlap(fn.source, candidate.source),
    );
    if (other) {
      problems.push({
        kind: 'inter_function_recursion',
        other: other.name,
        message: `Inter handler recursion error with app: ${other.location}`,
      });
    }
  }
  return problems;
}

/** Inline SQL++ DML of the function into its own source keyspace, which the server refuses. */
function dmlIntoOwnSource(fn: FunctionWrites): WriteTarget | undefined {
  return fn.writes.find(
    (write) => write.via.startsWith('SQL++') && keyspacesOverlap(write.keyspace, fn.source),
  );
}

/**
 * The server's description of that refusal (application_impl.go, GetDestinationKeyspace), with
 * the keyspace as the query parser's full name: `default:a`, `default:shop.sales.orders`.
 * fidelity: `a._default._default` written out in full is also shown as `default:a`.
 */
function dmlIntoSourceDescription(fn: FunctionWrites, write: WriteTarget): string {
  const { bucket, scope, collection } = write.keyspace;
  const path =
    scope === '_default' && collection === '_default' ? bucket : formatKeyspace(write.keyspace);
  return `Function: ${fn.location} N1QL DML to source keyspace default:${path}`;
}

/** `name` for a function of every bucket and scope, else `bucket/scope/name` (AppLocation). */
function functionLocation(definition: FunctionDefinition): string {
  const scope = definition.function_scope;
  if (scope.bucket === '*' && scope.scope === '*') return definition.appname;
  return `${scope.bucket}/${scope.scope}/${definition.appname}`;
}

/**
 * The functions `from` triggers: those, other than itself, whose source it writes to. Writes
 * to its own source are left out, as the server leaves a keyspace's edge to itself out of its
 * graph: other functions on that source are the inter-function rule's business.
 */
function triggered(from: FunctionWrites, all: readonly FunctionWrites[]): FunctionWrites[] {
  const outward = from.writes.filter(
    (write) =>
      !isWildcardKeyspace(write.keyspace) && !keyspacesOverlap(write.keyspace, from.source),
  );
  return all.filter(
    (fn) => fn !== from && outward.some((write) => keyspacesOverlap(write.keyspace, fn.source)),
  );
}

/** A shortest cycle of triggers through `start`, from `start` back to it. */
function findCycle(
  start: FunctionWrites,
  all: readonly FunctionWrites[],
): FunctionWrites[] | undefined {
  // Breadth first, so the cycle reported is a shortest one.
  const cameFrom = new Map<FunctionWrites, FunctionWrites>();
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift() as FunctionWrites;
    for (const next of triggered(at, all)) {
      if (next === start) return [...pathTo(at, cameFrom, start), start];
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, at);
      queue.push(next);
    }
  }
  return undefined;
}

function pathTo(
  end: FunctionWrites,
  cameFrom: Map<FunctionWrites, FunctionWrites>,
  start: FunctionWrites,
): FunctionWrites[] {
  const path = [end];
  for (let at = end; at !== start; ) {
    at = cameFrom.get(at) as FunctionWrites;
    path.unshift(at);
  }
  return path;
}

/** Why `from` triggers `to`: `a writes shop.x (binding dst), the source of b`. */
function link(from: FunctionWrites, to: FunctionWrites): string {
  const write = from.writes.find(
    (w) =>
      !isWildcardKeyspace(w.keyspace) &&
      !keyspacesOverlap(w.keyspace, from.source) &&
      keyspacesOverlap(w.keyspace, to.source),
  ) as WriteTarget;
  return `${from.name} writes ${formatKeyspace(write.keyspace)} (${write.via}), the source of ${to.name}`;
}

/** A DML target as written (`shop.sales.orders`, `` `travel-sample` ``), if it is a keyspace. */
function parseDmlKeyspace(text: string): Keyspace | undefined {
  try {
    return parseKeyspace(text.replace(/^default:/, ''));
  } catch {
    return undefined;
  }
}
