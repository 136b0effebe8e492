import { describe, expect, it } from 'vitest';
import { deployed, logged, loggedValues } from '../../helpers/emulator.ts';

// Standard V8 globals of a bare context (what Node's own vm reports for an empty context).
const V8_GLOBALS = [
  'Object',
  'Function',
  'Array',
  'Number',
  'parseFloat',
  'parseInt',
  'Infinity',
  'NaN',
  'undefined',
  'Boolean',
  'String',
  'Symbol',
  'Date',
  'Promise',
  'RegExp',
  'Error',
  'AggregateError',
  'EvalError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
  'TypeError',
  'URIError',
  'globalThis',
  'JSON',
  'Math',
  'Intl',
  'ArrayBuffer',
  'Atomics',
  'Uint8Array',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'BigUint64Array',
  'BigInt64Array',
  'Uint8ClampedArray',
  'Float32Array',
  'Float64Array',
  'DataView',
  'Map',
  'BigInt',
  'Set',
  'Iterator',
  'WeakMap',
  'WeakSet',
  'Proxy',
  'Reflect',
  'FinalizationRegistry',
  'WeakRef',
  'decodeURI',
  'decodeURIComponent',
  'encodeURI',
  'encodeURIComponent',
  'escape',
  'unescape',
  'eval',
  'isFinite',
  'isNaN',
  'console',
  'SuppressedError',
  'DisposableStack',
  'AsyncDisposableStack',
  'Float16Array',
  'SharedArrayBuffer',
  'WebAssembly',
];

const EVENTING_GLOBALS = [
  'log',
  'curl',
  'createTimer',
  'cancelTimer',
  'crc64',
  'N1QL',
  'KVError',
  'N1QLError',
  'EventingError',
  'CurlError',
  'AnalyticsError',
  'SearchError',
  'couchbase',
  'N1qlQuery',
];

describe('the global environment', () => {
  it('has exactly the V8 built-ins, the Eventing globals, the bindings and the handlers', async () => {
    const { em, fn } = await deployed(
      'function OnUpdate(doc, meta) { log(Object.getOwnPropertyNames(globalThis)); }',
      { constants: { LIMIT: '10' } },
    );
    await em.upsert('src', 'k', {});
    const names = loggedValues(fn)[0] as string[];
    // Constants are global lexical bindings, not properties of the global object.
    expect(new Set(names)).toEqual(
      new Set([...V8_GLOBALS, ...EVENTING_GLOBALS, 'dst', 'OnUpdate']),
    );
  });

  it('has none of the Node.js globals', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      log(['require', 'module', 'process', 'setTimeout', 'setInterval', 'queueMicrotask', 'fetch',
        'XMLHttpRequest', 'window', 'TextEncoder', 'TextDecoder', 'structuredClone', 'Buffer', 'global']
        .map(function (name) { return typeof globalThis[name]; }));
    }`);
    await em.upsert('src', 'k', {});
    expect(loggedValues(fn)[0]).toEqual(new Array(14).fill('undefined'));
  });

  it('keeps the builtin TypeError and makes console.log a silent no-op', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      console.log('nothing'); log(TypeError === new TypeError('x').constructor, typeof console.log);
    }`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['true "function" ']);
  });

  it('exposes crc_64_go_iso and the base64 helpers only on couchbase', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      log(typeof base64Encode, typeof crc_64_go_iso, couchbase.crc_64_go_iso('hello'),
        couchbase.base64Encode('hello'), crc64('hello'));
    }`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      '"undefined" "undefined" "3c3eeee2d8100000" "aGVsbG8=" "5acc3eeee2d84af0" ',
    ]);
  });

  it('calls OnUpdate with the global object as this', async () => {
    const { em, fn } = await deployed('function OnUpdate(doc, meta) { log(this === globalThis); }');
    await em.upsert('src', 'k', {});
    expect(loggedValues(fn)).toEqual([true]);
  });
});

describe('built-ins are inert outside a handler invocation', () => {
  it('ignores log() and binding writes made by global code in a footer', async () => {
    const { em, fn } = await deployed('function OnUpdate(doc, meta) { log("in handler"); }', {
      settings: {
        handler_footers: ["log('from footer'); dst['footer'] = 1; var crc = crc64('x');"],
      },
    });
    expect(fn.logs).toEqual([]);
    expect(em.get('dst', 'footer')).toBeUndefined();
    await em.upsert('src', 'k', {});
    expect(fn.logs).toHaveLength(1);
  });
});

describe('Eventing error classes', () => {
  it('derive from Error, carry own message and stack, and keep the name Error', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var classes = [KVError, N1QLError, EventingError, CurlError];
      for (var i = 0; i < classes.length; i++) {
        var e = new classes[i]('boom');
        log(e instanceof Error, e instanceof classes[i], e.name, String(e), Object.keys(e),
          e.stack.split('\\n')[0], Object.prototype.hasOwnProperty.call(new classes[i](), 'message'));
      }
      var withObject = new KVError({ code: 1 });
      log(withObject.message);
    }`);
    await em.upsert('src', 'k', {});
    const perClass = 'true true "Error" "Error: boom" ["message","stack"] "Error" false ';
    expect(logged(fn)).toEqual([perClass, perClass, perClass, perClass, '{"code":1} ']);
  });

  it('can be caught by type in handler code', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      try { throw new KVError('x'); } catch (e) { log(e instanceof KVError, e instanceof N1QLError); }
    }`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['true false ']);
  });
});
