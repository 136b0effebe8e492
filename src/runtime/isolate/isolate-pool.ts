import ivm from 'isolated-vm';
import { handlerCoverageEnabled, startCoverage, stopCoverage } from './handler-coverage.ts';
import { inspectorHub } from './inspector/inspector-hub.ts';

// Isolates outlive the functions that used them. Test suites deploy and dispose functions by
// the hundred; creating and destroying an isolate is most of that cost, while a fresh context in
// an existing isolate shares nothing with the previous one. An isolate is reused only after a
// clean dispose, never after a termination or an out-of-memory, and only if it never ran code
// while the process's TZ was other than the one it was made under: V8 tells only Node's own
// isolate that TZ changed, so an isolate keeps computing local times in the zone it first used
// (a test suite that sets process.env.TZ would otherwise leak its zone into later tests).

const MAX_IDLE_PER_KIND = 4;
const idle = new Map<string, ivm.Isolate[]>();
/** Isolates made with V8's inspector on; only they serve coverage and debuggers. */
const inspectable = new WeakSet<ivm.Isolate>();
/** The process's TZ when each isolate was made. */
const madeUnder = new WeakMap<ivm.Isolate, string>();
/** Isolates that ran code while the process's TZ was another: never pooled again. */
const ranUnderOtherZone = new WeakSet<ivm.Isolate>();

const currentZone = () => process.env.TZ ?? '';
const kindOf = (memoryLimitMb: number, inspector: boolean, zone = currentZone()) =>
  `${memoryLimitMb}:${inspector}:${zone}`;

function createIsolate(memoryLimitMb: number, inspector: boolean): ivm.Isolate {
  const isolate = new ivm.Isolate({ memoryLimit: memoryLimitMb, inspector });
  if (inspector) inspectable.add(isolate);
  madeUnder.set(isolate, currentZone());
  return isolate;
}

/** An isolate with the given heap limit, reused when one of the same kind is idle. */
export function acquireIsolate(memoryLimitMb: number): ivm.Isolate {
  const inspector = instrumented();
  const pool = idle.get(kindOf(memoryLimitMb, inspector));
  let isolate: ivm.Isolate | undefined;
  while (!isolate && pool && pool.length > 0) {
    const candidate = pool.pop() as ivm.Isolate;
    if (!candidate.isDisposed) isolate = candidate;
  }
  isolate ??= createIsolate(memoryLimitMb, inspector);
  if (handlerCoverageEnabled()) void startCoverage(isolate);
  return isolate;
}

/**
 * With handler coverage on, makes sure an idle isolate that already counts blocks is waiting,
 * so the next function's code is compiled with block counters. V8 starts counting
 * asynchronously, and code compiled in an isolate before it has started gets no block counts.
 * Nothing to do otherwise.
 */
export async function readyIsolate(memoryLimitMb: number): Promise<void> {
  if (!handlerCoverageEnabled()) return;
  const kind = kindOf(memoryLimitMb, true);
  if ((idle.get(kind) ?? []).some((isolate) => !isolate.isDisposed)) return;
  const isolate = createIsolate(memoryLimitMb, true);
  await startCoverage(isolate);
  const pool = idle.get(kind) ?? [];
  pool.push(isolate);
  idle.set(kind, pool);
}

/** Notes, before code runs in an isolate, whether the process's TZ is still the one it knows. */
export function noteZone(isolate: ivm.Isolate): void {
  if (madeUnder.get(isolate) !== currentZone()) ranUnderOtherZone.add(isolate);
}

/** Returns an isolate whose contexts have all been released, or disposes it if enough idle. */
export function releaseIsolate(isolate: ivm.Isolate, memoryLimitMb: number): void {
  if (isolate.isDisposed) return;
  const zone = madeUnder.get(isolate) ?? '';
  const kind = kindOf(memoryLimitMb, inspectable.has(isolate), zone);
  const pool = idle.get(kind) ?? [];
  const stale = zone !== currentZone() || ranUnderOtherZone.has(isolate);
  if (pool.length >= MAX_IDLE_PER_KIND || stale) {
    stopCoverage(isolate);
    isolate.dispose();
    return;
  }
  pool.push(isolate);
  idle.set(kind, pool);
}

/** True when isolates are made with V8's inspector on: for coverage, or for debuggers. */
export function instrumented(): boolean {
  return handlerCoverageEnabled() || inspectorHub() !== undefined;
}
