// UTF-8 for the isolate, which has no TextEncoder/TextDecoder. Malformed input becomes U+FFFD the
// way the WHATWG encoding standard (and V8's own UTF-8 conversions) do it, so text that crosses
// into bytes here matches what the native Eventing helpers would produce.

const REPLACEMENT = 0xfffd;
const CHUNK = 8192;
// Taken before user code runs, which may reassign globals.
const fromCharCode = String.fromCharCode;
const apply = Reflect.apply;

/**
 * Encodes text as UTF-8; a lone surrogate becomes the three bytes of U+FFFD.
 * @example encodeUtf8('é') // Uint8Array [0xc3, 0xa9]
 * @param {string} text
 * @returns {Uint8Array<ArrayBuffer>}
 */
export function encodeUtf8(text) {
  const bytes = new Uint8Array(encodedLength(text));
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    let code = codePointAt(text, i);
    if (code > 0xffff) i++;
    else if (code >= 0xd800 && code <= 0xdfff) code = REPLACEMENT;
    if (code < 0x80) {
      bytes[at++] = code;
    } else if (code < 0x800) {
      bytes[at++] = 0xc0 | (code >> 6);
      bytes[at++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      bytes[at++] = 0xe0 | (code >> 12);
      bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[at++] = 0x80 | (code & 0x3f);
    } else {
      bytes[at++] = 0xf0 | (code >> 18);
      bytes[at++] = 0x80 | ((code >> 12) & 0x3f);
      bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[at++] = 0x80 | (code & 0x3f);
    }
  }
  return bytes;
}

/**
 * The code point starting at `i`, or the lone surrogate's own code unit.
 * @param {string} text
 * @param {number} i
 */
function codePointAt(text, i) {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdbff || i + 1 >= text.length) return unit;
  const next = text.charCodeAt(i + 1);
  if (next < 0xdc00 || next > 0xdfff) return unit;
  return 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
}

/** @param {string} text */
function encodedLength(text) {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = codePointAt(text, i);
    if (code > 0xffff) {
      length += 4;
      i++;
    } else {
      length += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    }
  }
  return length;
}

/**
 * Decodes UTF-8, replacing each maximal invalid subpart with U+FFFD. A leading byte order mark
 * is kept, as V8 keeps it (unlike a default TextDecoder).
 * @example decodeUtf8(new Uint8Array([0x68, 0xc3, 0xa9])) // 'hé'
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function decodeUtf8(bytes) {
  // Each byte yields at most one UTF-16 code unit (four bytes yield a surrogate pair).
  const units = new Uint16Array(bytes.length);
  let count = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = /** @type {number} */ (bytes[i]);
    let code = lead;
    if (lead < 0x80) {
      i++;
    } else {
      const decoded = decodeAt(bytes, i);
      code = decoded >>> 3;
      i += decoded & 7;
    }
    if (code > 0xffff) {
      units[count++] = 0xd800 + ((code - 0x10000) >> 10);
      units[count++] = 0xdc00 + ((code - 0x10000) & 0x3ff);
    } else {
      units[count++] = code;
    }
  }
  return textOf(units.subarray(0, count));
}

/**
 * The string made of these UTF-16 code units (or Latin-1 codes).
 * @param {Uint8Array | Uint16Array} units
 * @returns {string}
 */
export function textOf(units) {
  let text = '';
  // fromCharCode takes the units as arguments, so chunks stay under V8's argument count limit;
  // applying a typed array directly is much faster than spreading it.
  for (let i = 0; i < units.length; i += CHUNK) {
    text += apply(fromCharCode, undefined, units.subarray(i, i + CHUNK));
  }
  return text;
}

/**
 * Decodes the multi-byte sequence starting at `i`, packed as `codePoint << 3 | bytesConsumed` so
 * the hot loop allocates nothing. A byte that breaks a sequence is not consumed: it is read again
 * as a possible lead byte.
 * @param {Uint8Array} bytes
 * @param {number} i
 * @returns {number}
 */
function decodeAt(bytes, i) {
  const lead = /** @type {number} */ (bytes[i]);
  let needed = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let code = 0;
  if (lead >= 0xc2 && lead <= 0xdf) {
    needed = 1;
    code = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    needed = 2;
    code = lead & 0x0f;
    // Overlong forms and UTF-16 surrogates are ruled out by narrowing the second byte.
    if (lead === 0xe0) lower = 0xa0;
    if (lead === 0xed) upper = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    needed = 3;
    code = lead & 0x07;
    if (lead === 0xf0) lower = 0x90;
    if (lead === 0xf4) upper = 0x8f;
  } else {
    return (REPLACEMENT << 3) | 1;
  }
  let at = i + 1;
  for (let k = 0; k < needed; k++, at++) {
    const byte = bytes[at];
    if (byte === undefined || byte < lower || byte > upper) return (REPLACEMENT << 3) | (at - i);
    code = (code << 6) | (byte & 0x3f);
    lower = 0x80;
    upper = 0xbf;
  }
  return (code << 3) | (at - i);
}
