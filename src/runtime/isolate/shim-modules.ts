import type ivm from 'isolated-vm';
import { linkShim, SHIM_FILENAME } from './shim-script.ts';

// The linked shim and V8's compile cache for it, shared by every isolate of the process: V8
// accepts the cached data of another isolate of the same build, which turns most of the
// per-deploy compile cost into a memory copy.
let shimCode: string | undefined;
let cachedData: ivm.ExternalCopy<ArrayBuffer> | undefined;

/**
 * Runs the shim inside `context` and returns a reference to its entry module's exports (its
 * functions are the host's handles into the isolate).
 */
export function loadShim(isolate: ivm.Isolate, context: ivm.Context): ivm.Reference {
  shimCode ??= linkShim('index.js');
  // isolated-vm sets cachedData on the script; its typings leave it out.
  const script: ivm.Script & { cachedData?: ivm.ExternalCopy<ArrayBuffer> } =
    isolate.compileScriptSync(shimCode, {
      filename: SHIM_FILENAME,
      ...(cachedData ? { cachedData } : { produceCachedData: true }),
    });
  cachedData ??= script.cachedData;
  try {
    return script.runSync(context, { reference: true }) as ivm.Reference;
  } finally {
    script.release();
  }
}
