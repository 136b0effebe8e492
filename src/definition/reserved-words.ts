// Binding aliases become globals of the handler's script, and Couchbase's inline SQL++
// transpiler treats statements starting with certain keywords as queries, so an alias may be
// neither kind of word (spec runtime.md §2.5, rest-api.md §4.3).

/**
 * JavaScript reserved words: today's keywords, strict-mode and future reserved words, the
 * literals, the old (ECMAScript 1–3) future reserved words such as `abstract` and `volatile`
 * that Couchbase's list still carries, and `arguments`/`eval`, which strict-mode code (every
 * handler, through `'use strict';`) cannot bind.
 */
export const JAVASCRIPT_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'abstract',
  'arguments',
  'await',
  'boolean',
  'break',
  'byte',
  'case',
  'catch',
  'char',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'double',
  'else',
  'enum',
  'eval',
  'export',
  'extends',
  'false',
  'final',
  'finally',
  'float',
  'for',
  'function',
  'goto',
  'if',
  'implements',
  'import',
  'in',
  'instanceof',
  'int',
  'interface',
  'let',
  'long',
  'native',
  'new',
  'null',
  'package',
  'private',
  'protected',
  'public',
  'return',
  'short',
  'static',
  'super',
  'switch',
  'synchronized',
  'this',
  'throw',
  'throws',
  'transient',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'volatile',
  'while',
  'with',
  'yield',
]);

/** SQL++ (N1QL) statement keywords an alias may not be, in lower case. */
export const N1QL_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'alter',
  'build',
  'create',
  'delete',
  'drop',
  'execute',
  'explain',
  'from',
  'grant',
  'infer',
  'insert',
  'merge',
  'prepare',
  'rename',
  'select',
  'revoke',
  'update',
  'upsert',
]);

/**
 * True when `name` is a JavaScript reserved word (case-sensitive, as JavaScript is).
 *
 * @example
 * isJavaScriptReservedWord('yield'); // true
 * isJavaScriptReservedWord('Yield'); // false
 */
export function isJavaScriptReservedWord(name: string): boolean {
  return JAVASCRIPT_RESERVED_WORDS.has(name);
}

/**
 * True when `name` is a SQL++ keyword aliases may not use. Case-insensitive, as SQL++ keywords
 * are (fidelity: 8.x compares case-sensitively; 7.x, like us, does not).
 *
 * @example
 * isN1qlReservedWord('Select'); // true
 */
export function isN1qlReservedWord(name: string): boolean {
  return N1QL_RESERVED_WORDS.has(name.toLowerCase());
}
