// V8 extensions the shim relies on; they exist in every V8 isolate but are not ECMAScript.
interface ErrorConstructor {
  captureStackTrace(target: object, below?: Function): void;
}
