// The single door between the isolate (shim) and the host. Every request is a tuple whose first
// element names the operation; arguments and results are plain JSON-shaped values, strings, or
// ArrayBuffers (for binary documents). Nothing else crosses: no References, no host objects.
// This file holds types only, so the shim (checked JavaScript) can import them too.

/** A document body as stored: JSON text for JSON documents, raw bytes for binary ones. */
export type StoredValue = string | ArrayBuffer;

/** An emulated Eventing error, turned into an in-realm error object by the shim. */
export interface EmulatedError {
  class:
    | 'KVError'
    | 'N1QLError'
    | 'EventingError'
    | 'CurlError'
    | 'AnalyticsError'
    | 'SearchError'
    | 'TypeError';
  message: unknown;
}

/** A host result that the shim must throw. */
export interface DoorError {
  error: EmulatedError;
}

/** What a handler entry point is, for statistics and failure reports. */
export type EntryPoint = 'OnUpdate' | 'OnDelete' | 'OnDeploy' | 'Timer';

/** An uncaught exception from handler code, as the shim reports it. */
export interface ThrownReport {
  entry: EntryPoint;
  /** Position of the event in the batch being dispatched. */
  index: number;
  /** `JSON.stringify` of `toString()` for native errors, else of the thrown value (spec §8.1). */
  exception: string;
  /** The V8 stack text, when the thrown value had one. */
  stack: string | undefined;
}

/** Every door operation: its arguments after the name, and its result. */
export interface DoorOps {
  /** A `log()` line's text, already formatted in the isolate. */
  log: { args: [text: string]; result: undefined };
  /** Increment a statistics counter that the shim detects (validation failures). */
  stat: { args: [name: string]; result: undefined };
  /** Store a timer (replacing one with the same callback and reference); returns the reference. */
  'timer.create': {
    args: [callback: string, dueSeconds: number, reference: string | null, context: string];
    result: string;
  };
  /** Remove a pending timer; false when there was none. */
  'timer.cancel': { args: [callback: string, reference: string]; result: boolean };
  /** A timer fired but no global function has its callback's name any more. */
  'timer.missing': { args: [index: number]; result: undefined };
  /** Basic accessor read: `binding[key]`. `null` when the key is missing. */
  'kv.get': { args: [binding: number, key: string]; result: StoredValue | null | DoorError };
  /** Basic accessor write: `binding[key] = value`; the value is already serialised. */
  'kv.set': {
    args: [binding: number, key: string, value: StoredValue];
    result: undefined | DoorError;
  };
  /** Basic accessor delete: `delete binding[key]`. */
  'kv.delete': { args: [binding: number, key: string]; result: undefined | DoorError };
  /** An uncaught exception escaped a handler. */
  thrown: { args: [report: ThrownReport]; result: undefined };
}

export type DoorOp = keyof DoorOps;

/** The discriminated union of every request, as a tuple. */
export type DoorRequest = { [K in DoorOp]: [K, ...DoorOps[K]['args']] }[DoorOp];

/** The door function as the shim sees it. */
export type Door = <K extends DoorOp>(op: K, ...args: DoorOps[K]['args']) => DoorOps[K]['result'];
