// V8 extensions the shim relies on; they exist in every V8 isolate but are not ECMAScript.
interface ErrorConstructor {
  captureStackTrace(target: object, below?: Function): void;
  prepareStackTrace?: (error: unknown, frames: V8CallSite[]) => unknown;
  /** How many frames a stack trace collects (10 by default). */
  stackTraceLimit: number;
}

/** One frame of V8's structured stack trace. */
interface V8CallSite {
  getFileName(): string | null | undefined;
  /** The frame as V8's own `stack` text writes it, without the leading `at `. */
  toString(): string;
}
