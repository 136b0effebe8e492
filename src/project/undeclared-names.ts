import { runInNewContext } from 'node:vm';
import { type Node, parse } from 'acorn';
import { analyze } from 'eslint-scope';
import type { FunctionDefinition } from '../definition/types.ts';
import type { Problem } from '../errors.ts';
import { transpileQueries } from '../runtime/compile/sql-transpiler.ts';

// Names a handler uses that nothing defines: not an Eventing global, not a binding or a
// constant of the function, not declared in the code. The usual cause is an alias from
// another version of the docs (`dst_bkt` in 6.6, `dst_col` in 7.x): it passes a save and then
// fails at run time with "ReferenceError: dst_col is not defined".
//
// acorn parses the code (after the inline SQL++ transpiler, which keeps every line where it
// was) and eslint-scope, ESLint's scope analyser, resolves each reference through the nested
// scopes as the language does (hoisting, closures, catch parameters, classes): a real parser
// and scope rules rather than a pattern over the text.

/** The globals of the Eventing JavaScript environment, besides those of the language. */
const EVENTING_GLOBALS = [
  'log',
  'curl',
  'createTimer',
  'cancelTimer',
  'crc64',
  'N1QL',
  'N1qlQuery',
  'couchbase',
  'KVError',
  'N1QLError',
  'EventingError',
  'CurlError',
  'AnalyticsError',
  'SearchError',
  // The handler entry points the server calls; a handler may also refer to them.
  'OnUpdate',
  'OnDelete',
  'OnDeploy',
];

/** The language's own globals, as a fresh V8 context has them (no Node additions). */
const LANGUAGE_GLOBALS: readonly string[] = runInNewContext(
  'Object.getOwnPropertyNames(globalThis)',
);

/**
 * A warning per name the code reads but nothing defines, at its first use, listing the
 * function's real aliases. Code that does not parse gets none (its compile error says more).
 */
export function undeclaredNameWarnings(definition: FunctionDefinition, file: string): Problem[] {
  const code = transpileQueries(definition.appcode, { consistency: '' }).code;
  let ast: Node;
  try {
    ast = parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      locations: true,
      // eslint-scope compares node ranges.
      ranges: true,
    });
  } catch {
    return [];
  }
  const known = new Set([...LANGUAGE_GLOBALS, ...EVENTING_GLOBALS, ...aliasesOf(definition)]);
  const guarded = typeofOperands(ast);
  // biome-ignore lint/suspicious/noExplicitAny: acorn's and ESTree's Program types differ only nominally
  const global = analyze(ast as any, { ecmaVersion: 2025, sourceType: 'script' }).globalScope;
  const references = global?.through ?? [];
  // A name assigned somewhere is an implicit global of sloppy code: defined, if oddly.
  const assigned = new Set(
    references.filter((ref) => ref.isWrite()).map((ref) => ref.identifier.name),
  );
  const warnings = new Map<string, Problem>();
  for (const reference of references) {
    const { name, loc } = reference.identifier;
    if (known.has(name) || assigned.has(name) || guarded.has(reference.identifier)) continue;
    if (warnings.has(name)) continue;
    const where = loc ? `${file}:${loc.start.line}:${loc.start.column + 1}` : file;
    warnings.set(name, {
      path: where,
      message: `${name} is not defined: not a binding or constant of this function, not an Eventing global, not declared in the code (it fails with ReferenceError when this line runs). ${describeAliases(definition)}`,
    });
  }
  return [...warnings.values()];
}

function aliasesOf(definition: FunctionDefinition): string[] {
  const { depcfg } = definition;
  return [
    ...depcfg.buckets.map((binding) => binding.alias),
    ...depcfg.curl.map((binding) => binding.value),
    ...depcfg.constants.map((binding) => binding.value),
  ];
}

function describeAliases(definition: FunctionDefinition): string {
  const { depcfg } = definition;
  const groups = [
    [
      'bucket bindings',
      depcfg.buckets.map((b) => `${b.alias} (${b.access === 'rw' ? 'read-write' : 'read-only'})`),
    ],
    ['URL bindings', depcfg.curl.map((b) => b.value)],
    ['constants', depcfg.constants.map((b) => b.value)],
  ] as const;
  const listed = groups.filter(([, names]) => names.length > 0);
  if (listed.length === 0) return 'This function has no bindings.';
  return `Its aliases: ${listed.map(([kind, names]) => `${kind} ${names.join(', ')}`).join('; ')}.`;
}

/** Identifiers read by `typeof x`: code that checks whether a name exists, which is fine. */
function typeofOperands(root: Node): Set<unknown> {
  const found = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null || !('type' in value)) return;
    const node = value as Record<string, unknown>;
    if (node.type === 'UnaryExpression' && node.operator === 'typeof') found.add(node.argument);
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'loc') visit(child);
    }
  };
  visit(root);
  return found;
}
