import { relative, resolve } from 'node:path';
import { loadDefinition } from '../definition/load-definition.ts';
import { validateDefinition } from '../definition/parse-definition.ts';
import type { FunctionDefinition } from '../definition/types.ts';
import { createEmulator } from '../emulator/emulator.ts';
import { EventingDevError, type Problem } from '../errors.ts';
import {
  type FunctionWrites,
  functionWrites,
  type RecursionProblem,
  recursionProblems,
} from '../runtime/recursion.ts';
import { undeclaredNameWarnings } from './undeclared-names.ts';

// What `eventing-dev check` (and watch and promote, before they push anything) finds wrong with
// functions without a cluster: each definition and its handler as a save on the server would
// judge them, then the functions together as deploying all of them would.

/** The server's default `function_size`: the largest appcode it stores, in bytes. */
export const FUNCTION_SIZE_LIMIT = 128 * 1024;

export interface FunctionCheck {
  /** The file or folder as given. */
  file: string;
  function: string | undefined;
  ok: boolean;
  problems: Problem[];
  warnings: Problem[];
  /** The parsed definition, when it is valid. */
  definition?: FunctionDefinition | undefined;
}

/**
 * A recursion rule broken: a write cycle or a shared self-written source (functions together),
 * or SQL++ DML into a function's own source.
 */
export interface RecursionFinding {
  kind: RecursionProblem['kind'];
  functions: string[];
  message: string;
  /** How each function triggers the next, for a cycle. */
  links: string[];
}

export interface ChecksReport {
  ok: boolean;
  functions: FunctionCheck[];
  recursion: RecursionFinding[];
}

export interface CheckOptions {
  /** Where relative paths start (default: the working directory). */
  cwd?: string;
  /** As the cluster's `allow_interbucket_recursion` (default false). */
  allowInterbucketRecursion?: boolean;
  /** As the cluster's `function_size` (default 131072 bytes). */
  functionSize?: number;
  /**
   * Other functions (definition files or folders) deployed alongside: not checked themselves
   * (nor loaded into an isolate), but the recursion rules count their writes. Findings are
   * those that involve a function checked.
   */
  alongside?: readonly string[];
}

/**
 * Checks functions (definition .json files or function folders): definition, appcode size,
 * structure, compilation and global code in a real isolate; then the recursion rules across all
 * of them, as if they were deployed together.
 */
export async function checkFunctions(
  paths: readonly string[],
  options: CheckOptions = {},
): Promise<ChecksReport> {
  const functions: FunctionCheck[] = [];
  for (const path of paths) functions.push(await checkFunction(path, options));
  const valid = functions.flatMap((check) => (check.ok && check.definition ? [check] : []));
  const checked = new Set(valid.map((check) => check.function));
  const others = (await definitionsAlongside(options)).filter((d) => !checked.has(d.appname));
  const recursion = findRecursion(
    [...valid.map((check) => check.definition as FunctionDefinition), ...others].map(
      functionWrites,
    ),
    options.allowInterbucketRecursion ?? false,
  ).filter((finding) => finding.functions.some((name) => checked.has(name)));
  return {
    ok: functions.every((check) => check.ok) && recursion.length === 0,
    functions,
    recursion,
  };
}

async function checkFunction(file: string, options: CheckOptions): Promise<FunctionCheck> {
  const check: FunctionCheck = {
    file,
    function: undefined,
    ok: false,
    problems: [],
    warnings: [],
  };
  let source: unknown;
  let handlerFile: string | undefined;
  try {
    ({ definition: source, handlerFile } = await loadDefinition(
      resolve(options.cwd ?? process.cwd(), file),
    ));
  } catch (error) {
    check.problems.push({ path: file, message: (error as Error).message });
    return check;
  }
  const validation = validateDefinition(source);
  check.warnings = validation.warnings;
  if (!validation.ok) {
    check.problems = validation.problems;
    return check;
  }
  const { definition } = validation;
  check.function = definition.appname;
  const limit = options.functionSize ?? FUNCTION_SIZE_LIMIT;
  const size = Buffer.byteLength(definition.appcode);
  if (size > limit) {
    check.problems.push({
      path: 'appcode',
      message: `is ${size} bytes; the server stores at most ${limit} (function_size)`,
    });
    return check;
  }
  // A save on the server compiles the handler and runs its global code; define does the same.
  const em = await createEmulator();
  try {
    await em.define(definition, { filename: handlerFile ?? `${definition.appname}.js` });
    check.ok = true;
    check.definition = definition;
    const shownFile = handlerFile
      ? relative(options.cwd ?? process.cwd(), handlerFile) || handlerFile
      : 'appcode';
    check.warnings.push(...undeclaredNameWarnings(definition, shownFile));
  } catch (error) {
    if (!(error instanceof EventingDevError)) throw error;
    check.problems =
      error.problems.length > 0 ? error.problems : [{ path: file, message: error.message }];
  } finally {
    await em.dispose();
  }
  return check;
}

/** Every rule broken among `all`, each cycle once whichever function it is found from. */
function findRecursion(all: FunctionWrites[], allowInterbucketRecursion: boolean) {
  const findings: RecursionFinding[] = [];
  const seen = new Set<string>();
  for (const candidate of all) {
    for (const problem of recursionProblems(candidate, all, allowInterbucketRecursion)) {
      const functions =
        problem.kind === 'inter_bucket_recursion'
          ? problem.cycle.slice(0, -1)
          : problem.kind === 'inter_function_recursion'
            ? [candidate.name, problem.other]
            : [candidate.name];
      const key = `${problem.kind}:${[...functions].sort().join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({
        kind: problem.kind,
        functions,
        message: problem.message,
        links: problem.kind === 'inter_bucket_recursion' ? problem.links : [],
      });
    }
  }
  return findings;
}

/** The valid definitions of `alongside`; one that does not load is left out (its own check says why). */
async function definitionsAlongside(options: CheckOptions): Promise<FunctionDefinition[]> {
  const definitions: FunctionDefinition[] = [];
  for (const path of options.alongside ?? []) {
    try {
      const { definition } = await loadDefinition(resolve(options.cwd ?? process.cwd(), path));
      const validation = validateDefinition(definition);
      if (validation.ok) definitions.push(validation.definition);
    } catch {
      // Not readable now: nothing to count.
    }
  }
  return definitions;
}
