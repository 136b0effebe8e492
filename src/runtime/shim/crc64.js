// crc64() and couchbase.crc_64_go_iso() (spec runtime §8.2): CRC-64 with the ISO polynomial,
// reflected, all-ones init and final XOR — the same checksum as Go's hash/crc64 with crc64.ISO.
// The 64-bit register is kept as two unsigned 32-bit halves: plain number arithmetic is much
// faster than BigInt in V8.

import { fail } from './errors.js';
import { encodeUtf8 } from './utf8.js';

// Taken before user code runs, so a handler that reassigns JSON.stringify or ArrayBuffer cannot
// change what the native helpers would compute.
const stringify = JSON.stringify;
const apply = Reflect.apply;
const byteLengthGetter = /** @type {(this: unknown) => number} */ (
  Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')?.get
);

// Reflected ISO polynomial 0xD800000000000000, split into halves.
const POLY_HIGH = 0xd8000000;
const [TABLE_HIGH, TABLE_LOW] = buildTable();

/** @returns {[Uint32Array, Uint32Array]} */
function buildTable() {
  const high = new Uint32Array(256);
  const low = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let h = 0;
    let l = n;
    for (let bit = 0; bit < 8; bit++) {
      const carry = l & 1;
      l = (l >>> 1) | ((h & 1) << 31);
      h >>>= 1;
      if (carry) h ^= POLY_HIGH;
    }
    high[n] = h;
    low[n] = l;
  }
  return [high, low];
}

/**
 * The checksum of raw bytes as 16 lower-case hex digits.
 * @param {Uint8Array} bytes
 */
function checksum(bytes) {
  let high = 0xffffffff;
  let low = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    const index = (low ^ /** @type {number} */ (bytes[i])) & 0xff;
    low = ((low >>> 8) | (high << 24)) ^ /** @type {number} */ (TABLE_LOW[index]);
    high = (high >>> 8) ^ /** @type {number} */ (TABLE_HIGH[index]);
  }
  return hex8(~high) + hex8(~low);
}

/** @param {number} half */
function hex8(half) {
  return (half >>> 0).toString(16).padStart(8, '0');
}

/**
 * True for a real ArrayBuffer (not a SharedArrayBuffer or view), as V8's IsArrayBuffer() decides:
 * the byteLength getter checks the internal slot, which a look-alike object cannot fake.
 * @param {unknown} value
 * @returns {value is ArrayBuffer}
 */
function isArrayBuffer(value) {
  try {
    apply(byteLengthGetter, value, []);
    return true;
  } catch {
    return false;
  }
}

/**
 * JSON text as the native helpers get it from V8's JSON::Stringify, which turns the `undefined`
 * result (for undefined, symbols, functions) into the text "undefined". BigInt and cycles throw
 * the builtin TypeError, as on the server.
 * @param {unknown} value
 */
function jsonText(value) {
  return String(stringify(value));
}

/** @param {unknown} value @param {boolean} rawStrings */
function bytesOf(value, rawStrings) {
  if (isArrayBuffer(value)) return new Uint8Array(value);
  if (rawStrings && typeof value === 'string') return encodeUtf8(value);
  return encodeUtf8(jsonText(value));
}

/**
 * CRC-64/ISO of `JSON.stringify(value)` (strings keep their quotes) or of an ArrayBuffer's bytes.
 * @example crc64('hello') // '5acc3eeee2d84af0'
 * @param {...unknown} args exactly one value
 * @returns {string}
 */
export function crc64(...args) {
  if (args.length !== 1) fail('EventingError', 'Need one parameter', crc64);
  return checksum(bytesOf(args[0], false));
}

/**
 * CRC-64/ISO as Go computes it: strings are hashed raw, ArrayBuffers as bytes, anything else as
 * `JSON.stringify(value)`.
 * @example couchbase.crc_64_go_iso('hello') // '3c3eeee2d8100000'
 * @param {...unknown} args exactly one value
 * @returns {string}
 */
export function crc_64_go_iso(...args) {
  if (args.length !== 1) fail('EventingError', 'Need exactly one argument', crc_64_go_iso);
  return checksum(bytesOf(args[0], true));
}
