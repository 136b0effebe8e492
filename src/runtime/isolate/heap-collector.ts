import v8 from 'node:v8';
import type ivm from 'isolated-vm';

// A handler that makes big garbage (a 10 MB string logged per document) grows its isolate's
// heap far past what it keeps alive before V8 decides to collect, and with a dozen functions
// that is gigabytes of resident memory for nothing. So after each batch the isolate's used heap
// is read, and past a threshold V8 is asked for the collection the server's worker asks for.
//
// fidelity: the server's worker calls V8's LowMemoryNotification (a full collection that also
// gives memory back) every 30 s, and when a worker's heap passes 1 GiB or the function's
// workers pass their memory quota (v8_consumer function_handler.cc EventGenLoop); we ask for the
// same collection after a batch that leaves the used heap HEAP_GROWTH_BEFORE_COLLECTION bytes
// (or twice) past what survived the last one. Handlers see no difference: when garbage goes is
// the engine's choice, visible only to WeakRef and FinalizationRegistry, whose timing the
// language leaves open on the server too.

/**
 * Growth of the used heap past what survived the last collection after which a batch is
 * followed by a full collection. More than V8's young generation in an isolate (16 MiB with
 * isolated-vm's limits, a third of it in use at most), so that short-lived objects alone never
 * bring one about: a collection costs a few milliseconds.
 */
export const HEAP_GROWTH_BEFORE_COLLECTION = 8 * 1024 * 1024;

/** V8's `gc()` with the options of LowMemoryNotification: every collectable byte, and shrink. */
const COLLECT_SOURCE = "() => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' })";

interface IsolateHeap {
  /** Used heap at which the next collection is due. */
  threshold: number;
  /** A function of a context of our own that calls V8's `gc`, made on first need. */
  collect?: ivm.Reference<() => void>;
}

const heaps = new WeakMap<ivm.Isolate, IsolateHeap>();

/** The isolate's used heap, in bytes (V8's used_heap_size). */
export function usedHeapBytes(isolate: ivm.Isolate): number {
  return isolate.getHeapStatisticsSync().used_heap_size;
}

/**
 * Collects the isolate's garbage when its used heap passed the threshold. Synchronous: for
 * isolates entered on the Node thread.
 */
export function collectIfGrownSync(isolate: ivm.Isolate): void {
  const heap = grownHeap(isolate);
  if (!heap) return;
  collector(isolate, heap).applySync(undefined, []);
  settle(isolate, heap);
}

/** The same, with the collection on isolated-vm's thread pool, off the Node thread. */
export async function collectIfGrown(isolate: ivm.Isolate): Promise<void> {
  const heap = grownHeap(isolate);
  if (!heap) return;
  await collector(isolate, heap).apply(undefined, []);
  if (!isolate.isDisposed) settle(isolate, heap);
}

function grownHeap(isolate: ivm.Isolate): IsolateHeap | undefined {
  if (isolate.isDisposed) return undefined;
  let heap = heaps.get(isolate);
  if (!heap) {
    heap = { threshold: HEAP_GROWTH_BEFORE_COLLECTION };
    heaps.set(isolate, heap);
  }
  return usedHeapBytes(isolate) >= heap.threshold ? heap : undefined;
}

/** A handler that keeps much alive is not collected again until its heap doubles. */
function settle(isolate: ivm.Isolate, heap: IsolateHeap): void {
  const survived = usedHeapBytes(isolate);
  heap.threshold = survived + Math.max(HEAP_GROWTH_BEFORE_COLLECTION, survived);
}

/**
 * V8 offers `gc` to script only in contexts made while its expose-gc flag is set, as a global
 * property that cannot be deleted. So the flag is set just for a context of our own in the
 * isolate, which no handler can reach, and put back before any handler context is made: a
 * handler never sees `gc` (unless the process itself was started with --expose-gc).
 */
function collector(isolate: ivm.Isolate, heap: IsolateHeap): ivm.Reference<() => void> {
  if (heap.collect) return heap.collect;
  const alreadyExposed = typeof (globalThis as { gc?: unknown }).gc === 'function';
  if (!alreadyExposed) v8.setFlagsFromString('--expose-gc');
  let context: ivm.Context;
  try {
    context = isolate.createContextSync();
  } finally {
    if (!alreadyExposed) v8.setFlagsFromString('--no-expose-gc');
  }
  heap.collect = context.evalSync(COLLECT_SOURCE, { reference: true }) as ivm.Reference<() => void>;
  return heap.collect;
}
