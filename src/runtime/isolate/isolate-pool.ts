import ivm from 'isolated-vm';
import { handlerCoverageEnabled, startCoverage, stopCoverage } from './handler-coverage.ts';
import { inspectorHub } from './inspector/inspector-hub.ts';

// Isolates outlive the functions that used them. Test suites deploy and dispose functions by
// the hundred; creating and destroying an isolate is most of that cost, while a fresh context in
// an existing isolate shares nothing with the previous one. An isolate is reused only after a
// clean dispose, never after a termination or an out-of-memory.

const MAX_IDLE_PER_LIMIT = 4;
const idle = new Map<number, ivm.Isolate[]>();

/** An isolate with the given heap limit, reused when one is idle. */
export function acquireIsolate(memoryLimitMb: number): ivm.Isolate {
  const pool = idle.get(memoryLimitMb);
  while (pool && pool.length > 0) {
    const isolate = pool.pop() as ivm.Isolate;
    if (!isolate.isDisposed) return isolate;
  }
  if (!instrumented()) return new ivm.Isolate({ memoryLimit: memoryLimitMb });
  const isolate = new ivm.Isolate({ memoryLimit: memoryLimitMb, inspector: true });
  if (handlerCoverageEnabled()) startCoverage(isolate);
  return isolate;
}

/** Returns an isolate whose contexts have all been released, or disposes it if enough idle. */
export function releaseIsolate(isolate: ivm.Isolate, memoryLimitMb: number): void {
  if (isolate.isDisposed) return;
  const pool = idle.get(memoryLimitMb) ?? [];
  if (pool.length >= MAX_IDLE_PER_LIMIT) {
    stopCoverage(isolate);
    isolate.dispose();
    return;
  }
  pool.push(isolate);
  idle.set(memoryLimitMb, pool);
}

/** True when isolates are made with V8's inspector on: for coverage, or for debuggers. */
export function instrumented(): boolean {
  return handlerCoverageEnabled() || inspectorHub() !== undefined;
}
