// The couchbase.base64* helpers (spec runtime §8.3). Every failure is an EventingError; each
// helper takes exactly one argument.

import { fail } from './errors.js';
import { decodeUtf8, encodeUtf8, textOf } from './utf8.js';

// Taken before user code runs, so a handler that reassigns these globals cannot change what the
// native helpers would compute.
const stringify = JSON.stringify;
const isArray = Array.isArray;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 0x3d;
/** Character code of each base64 digit. */
const DIGITS = new Uint8Array(64);
/** Value of each ASCII character as a base64 digit, or -1. */
const SEXTETS = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  DIGITS[i] = ALPHABET.charCodeAt(i);
  SEXTETS[ALPHABET.charCodeAt(i)] = i;
}

/** @param {Uint8Array} bytes */
function toBase64(bytes) {
  const length = bytes.length;
  const codes = new Uint8Array(Math.ceil(length / 3) * 4);
  let at = 0;
  for (let i = 0; i < length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    codes[at++] = DIGITS[n >> 18] ?? 0;
    codes[at++] = DIGITS[(n >> 12) & 0x3f] ?? 0;
    codes[at++] = i + 1 < length ? (DIGITS[(n >> 6) & 0x3f] ?? 0) : PAD;
    codes[at++] = i + 2 < length ? (DIGITS[n & 0x3f] ?? 0) : PAD;
  }
  return textOf(codes);
}

/**
 * Decodes as Go's base64.StdEncoding does (what "invalid" means here): CR and LF are skipped
 * anywhere, the rest must be alphabet characters in groups of four, with one or two `=` only at
 * the very end; leftover bits after the last full byte need not be zero.
 * @param {string} text
 * @returns {Uint8Array<ArrayBuffer> | null} null for invalid input
 */
function fromBase64(text) {
  const sextets = new Uint8Array(text.length);
  let count = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) continue;
    if (code === PAD) {
      padding++;
      continue;
    }
    const value = code < 128 ? /** @type {number} */ (SEXTETS[code]) : -1;
    if (value < 0 || padding > 0) return null;
    sextets[count++] = value;
  }
  if (padding > 2 || (count + padding) % 4 !== 0) return null;
  const bytes = new Uint8Array((count * 3) >> 2);
  let at = 0;
  for (let i = 0; i < count; i += 4) {
    const n =
      ((sextets[i] ?? 0) << 18) |
      ((sextets[i + 1] ?? 0) << 12) |
      ((sextets[i + 2] ?? 0) << 6) |
      (sextets[i + 3] ?? 0);
    // Typed array stores keep the low 8 bits; past the end of `bytes` they are ignored.
    bytes[at++] = n >> 16;
    bytes[at++] = n >> 8;
    bytes[at++] = n;
  }
  return bytes;
}

/**
 * Base64 of a string's UTF-8 bytes, or of `JSON.stringify(value)` for anything else (so an
 * ArrayBuffer encodes `{}`).
 * @example couchbase.base64Encode('hi') // 'aGk='
 * @param {...unknown} args exactly one value
 * @returns {string}
 */
export function base64Encode(...args) {
  if (args.length !== 1) fail('EventingError', 'Need exactly one argument', base64Encode);
  const value = args[0];
  // V8's JSON::Stringify turns an `undefined` result (undefined, symbols) into "undefined".
  const text = typeof value === 'string' ? value : String(stringify(value));
  return toBase64(encodeUtf8(text));
}

/**
 * The text whose UTF-8 bytes a base64 string holds (invalid UTF-8 becomes U+FFFD).
 * @example couchbase.base64Decode('aGk=') // 'hi'
 * @param {...unknown} args exactly one string
 * @returns {string}
 */
export function base64Decode(...args) {
  return decodeUtf8(decodedArgument(args, base64Decode));
}

/**
 * Base64 of the numbers as little-endian IEEE-754 doubles.
 * @example couchbase.base64Float64ArrayEncode([1]) // 'AAAAAAAA8D8='
 * @param {...unknown} args exactly one array of numbers
 * @returns {string}
 */
export function base64Float64ArrayEncode(...args) {
  return toBase64(floatBytes(args, 8, base64Float64ArrayEncode));
}

/**
 * The numbers held as little-endian IEEE-754 doubles in a base64 string.
 * @example couchbase.base64Float64ArrayDecode('AAAAAAAA8D8=') // [1]
 * @param {...unknown} args exactly one string
 * @returns {number[]}
 */
export function base64Float64ArrayDecode(...args) {
  return floatsOf(decodedArgument(args, base64Float64ArrayDecode), 8, base64Float64ArrayDecode);
}

/**
 * Base64 of the numbers as little-endian IEEE-754 single-precision floats (rounded).
 * @example couchbase.base64Float32ArrayEncode([1]) // 'AACAPw=='
 * @param {...unknown} args exactly one array of numbers
 * @returns {string}
 */
export function base64Float32ArrayEncode(...args) {
  return toBase64(floatBytes(args, 4, base64Float32ArrayEncode));
}

/**
 * The numbers held as little-endian IEEE-754 single-precision floats in a base64 string.
 * @example couchbase.base64Float32ArrayDecode('AACAPw==') // [1]
 * @param {...unknown} args exactly one string
 * @returns {number[]}
 */
export function base64Float32ArrayDecode(...args) {
  return floatsOf(decodedArgument(args, base64Float32ArrayDecode), 4, base64Float32ArrayDecode);
}

/**
 * The bytes of the one string argument of a decode helper.
 * Inferred: the spec names these errors for base64Decode only; the float decoders are assumed to
 * check their argument the same way.
 * @param {unknown[]} args
 * @param {Function} helper the public function, left out of error stacks
 */
function decodedArgument(args, helper) {
  if (args.length !== 1) fail('EventingError', 'Need exactly one argument', helper);
  const text = args[0];
  if (typeof text !== 'string') fail('EventingError', 'Argument must be of type String', helper);
  return fromBase64(text) ?? fail('EventingError', 'Invalid input', helper);
}

/**
 * @param {unknown[]} args
 * @param {4 | 8} size bytes per number
 * @param {Function} helper
 */
function floatBytes(args, size, helper) {
  if (args.length !== 1) fail('EventingError', 'Need exactly one argument', helper);
  const numbers = args[0];
  if (!isArray(numbers)) fail('EventingError', 'Argument must be of type Array', helper);
  const view = new DataView(new ArrayBuffer(numbers.length * size));
  for (let i = 0; i < numbers.length; i++) {
    const number = numbers[i];
    if (typeof number !== 'number') {
      fail('EventingError', 'Array elements should be of type Number', helper);
    }
    if (size === 8) view.setFloat64(i * 8, number, true);
    else view.setFloat32(i * 4, number, true);
  }
  return new Uint8Array(view.buffer);
}

/**
 * @param {Uint8Array<ArrayBuffer>} bytes
 * @param {4 | 8} size bytes per number
 * @param {Function} helper
 */
function floatsOf(bytes, size, helper) {
  if (bytes.length % size !== 0) fail('EventingError', 'Incorrect base64 string provided', helper);
  const view = new DataView(bytes.buffer);
  const numbers = [];
  for (let at = 0; at < bytes.length; at += size) {
    numbers.push(size === 8 ? view.getFloat64(at, true) : view.getFloat32(at, true));
  }
  return numbers;
}
