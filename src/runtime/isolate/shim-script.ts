import { shimModuleSource } from './shim-source.ts';

// The shim is written as ES modules (so tsc checks it and tests import it), but entering an
// isolate's module system costs about a millisecond per deploy more than one script does. This
// links the modules into one script, once per process. It is not a general bundler: it accepts
// only the forms the shim uses, and fails loudly on anything else.
//   import { a, b as c } from './x.js';
//   export function f() {}   export const x = …;   export class C {}   export { a, b };

const IMPORT = /^import\s*\{([^}]*)\}\s*from\s*'\.\/([\w-]+\.js)';[ \t]*$/gm;
const EXPORT_DECLARATION = /^export (function|const|let|class) ([\w$]+)/gm;
const EXPORT_LIST = /^export\s*\{([^}]*)\};?[ \t]*$/gm;
const LEFTOVER = /^\s*(?:import|export)\b/m;

interface LinkedModule {
  path: string;
  dependencies: string[];
  body: string;
}

export const SHIM_FILENAME = 'eventing-dev:shim.js';

/** Rewrites one module as a function body that returns its exports. */
export function linkModule(path: string, source: string): LinkedModule {
  const dependencies: string[] = [];
  const exported: string[] = [];
  let body = source.replace(IMPORT, (_text, names: string, from: string) => {
    dependencies.push(from);
    return `const {${names.replace(/\s+as\s+/g, ': ')}} = __modules['${from}'];`;
  });
  body = body.replace(EXPORT_DECLARATION, (_text, kind: string, name: string) => {
    exported.push(name);
    return `${kind} ${name}`;
  });
  body = body.replace(EXPORT_LIST, (_text, names: string) => {
    exported.push(
      ...names
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    );
    return '';
  });
  const leftover = LEFTOVER.exec(body);
  if (leftover) {
    const line = body.slice(0, leftover.index).split('\n').length;
    throw new Error(
      `shim module ${path} line ${line}: import/export form the shim linker does not support`,
    );
  }
  return {
    path,
    dependencies,
    body: `__modules['${path}'] = (() => {\n${body}\nreturn { ${exported.join(', ')} };\n})();`,
  };
}

/**
 * The whole shim as one script whose completion value is the entry module's exports. Modules
 * come after the modules they import, as ES module evaluation order would have it.
 */
export function linkShim(entry: string, read: (path: string) => string = shimModuleSource): string {
  const ordered: LinkedModule[] = [];
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (path: string) => {
    if (done.has(path)) return;
    if (visiting.has(path))
      throw new Error(`shim modules import each other in a cycle through ${path}`);
    visiting.add(path);
    const linked = linkModule(path, read(path));
    for (const dependency of linked.dependencies) visit(dependency);
    visiting.delete(path);
    done.add(path);
    ordered.push(linked);
  };
  visit(entry);
  return `(() => {\n'use strict';\nconst __modules = {};\n${ordered.map((m) => m.body).join('\n')}\nreturn __modules['${entry}'];\n})()`;
}
