import type ivm from 'isolated-vm';
import { resolveShimSpecifier, shimModuleSource } from './shim-source.ts';

// Compiled-code cache per shim module, shared by every isolate of the process: V8 accepts the
// cached data of another isolate of the same build, which turns most of the per-deploy compile
// cost into a memory copy.
const cachedData = new Map<string, ivm.ExternalCopy<ArrayBuffer>>();

const SHIM_ENTRY = 'index.js';

/**
 * Compiles, links and evaluates the shim inside `context` and returns a reference to its entry
 * module's namespace (its exported functions are the host's handles into the isolate).
 */
export function loadShim(isolate: ivm.Isolate, context: ivm.Context): ivm.Reference {
  const paths = new Map<ivm.Module, string>();
  const modules = new Map<string, ivm.Module>();
  const compile = (path: string): ivm.Module => {
    const existing = modules.get(path);
    if (existing) return existing;
    const cached = cachedData.get(path);
    // isolated-vm sets cachedData on modules too, though its typings only declare it on scripts.
    const module: ivm.Module & { cachedData?: ivm.ExternalCopy<ArrayBuffer> } =
      isolate.compileModuleSync(shimModuleSource(path), {
        filename: `eventing-dev:shim/${path}`,
        ...(cached ? { cachedData: cached } : { produceCachedData: true }),
      });
    if (!cached && module.cachedData) cachedData.set(path, module.cachedData);
    modules.set(path, module);
    paths.set(module, path);
    return module;
  };
  const entry = compile(SHIM_ENTRY);
  entry.instantiateSync(context, (specifier, referrer) =>
    compile(resolveShimSpecifier(specifier, paths.get(referrer) ?? SHIM_ENTRY)),
  );
  entry.evaluateSync();
  return entry.namespace;
}
