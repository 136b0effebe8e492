// Basic writes of an entry on the Node thread, written into memory the host shares instead of
// crossing to the host one by one: a crossing costs more than the rest of a small write. The
// host applies the logged writes, in order, before it answers any other request of the handler
// and when the entry ends, also one that was terminated or ran out of memory, so no request
// and no later reader sees the store without them. Only writes known to land are logged (see
// basic-writes.js), so none has an answer the handler would have waited for.
//
// Layout (write-log.ts reads it): bytes 0-3 hold the bytes used after the 8-byte header, as an
// Int32; each record is the binding index (2 bytes, little-endian), the key's length (1 byte),
// the value's length (4 bytes, little-endian), then the key and the value, one byte per
// character. Text with a character past U+00FF is not logged: it crosses as before.

const HEADER_BYTES = 8;
const RECORD_HEAD_BYTES = 7;
/** Past this many characters, copying one by one costs more than a crossing. */
const MAX_LOGGED_VALUE = 2048;

/** @type {Int32Array} */
let used = new Int32Array(1);
/** @type {Uint8Array} */
let bytes = new Uint8Array(0);

/** @param {SharedArrayBuffer} buffer */
export function useWriteLog(buffer) {
  used = new Int32Array(buffer, 0, 1);
  bytes = new Uint8Array(buffer);
}

/**
 * Logs `binding[key] = value`, or returns false when it must cross instead (too long, text past
 * U+00FF, or no room left: the crossing then has the host apply the log first).
 * @param {number} index
 * @param {string} key at most 255 characters
 * @param {string | ArrayBuffer} value
 * @returns {boolean}
 */
export function logWrite(index, key, value) {
  if (typeof value !== 'string' || value.length > MAX_LOGGED_VALUE || key.length > 0xff) {
    return false;
  }
  const start = HEADER_BYTES + (used[0] ?? 0);
  const end = start + RECORD_HEAD_BYTES + key.length + value.length;
  if (end > bytes.length || index > 0xffff) return false;
  let at = start + RECORD_HEAD_BYTES;
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    if (unit > 0xff) return false;
    bytes[at++] = unit;
  }
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit > 0xff) return false;
    bytes[at++] = unit;
  }
  bytes[start] = index & 0xff;
  bytes[start + 1] = index >>> 8;
  bytes[start + 2] = key.length;
  bytes[start + 3] = value.length & 0xff;
  bytes[start + 4] = (value.length >>> 8) & 0xff;
  bytes[start + 5] = (value.length >>> 16) & 0xff;
  bytes[start + 6] = value.length >>> 24;
  // Counted only once whole: a record cut short by a termination is never read.
  used[0] = end - HEADER_BYTES;
  return true;
}
