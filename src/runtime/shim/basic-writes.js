import { shimState } from './state.js';
import { logWrite } from './write-log.js';

// `binding[key] = value` without waiting, where that changes nothing but speed. A write whose
// outcome is known in advance need not wait for its answer: when the host has said that every
// basic write of the entry will land, and the key and value are within the Data service's
// limits, the write is
// - off the Node thread, where every host call crosses threads and waits to be woken, sent
//   without waiting for its answer;
// - on the Node thread, logged into memory the host shares (write-log.js), without crossing.
// The host applies them in the order they were made, before anything else the handler asks, so
// a later read (or any other call) sees the write, as it would have.
// fidelity: a fault rule added by a test while such an entry runs is not thrown at writes sent
// before it was (docs/fidelity.md, Data service).

// The Data service's limits (bindings/keyspace/kv-errors.ts), counted so that no UTF-16 text
// within them can exceed them in UTF-8 bytes: at most 3 bytes per unit.
const MAX_KEY_BYTES = 250;
const MAX_VALUE_BYTES = 20 * 1024 * 1024;

/** Writes sent since one was waited for; every so many, one waits, so the host keeps up. */
const MAX_SENT_AHEAD = 64;
let sentAhead = 0;

/** Starts an entry into the isolate. */
export function startWriting() {
  sentAhead = 0;
}

/**
 * Writes `binding[key] = value` through the door.
 * @param {number} index the binding's position in depcfg.buckets
 * @param {string} key
 * @param {string | ArrayBuffer} serialized
 * @returns {undefined | import('../door-protocol.ts').DoorError}
 */
export function sendWrite(index, key, serialized) {
  if (shimState.writesLand && withinLimits(key, serialized)) {
    if (!shimState.offThread && logWrite(index, key, serialized)) return undefined;
    if (shimState.offThread && sentAhead < MAX_SENT_AHEAD) {
      sentAhead++;
      shimState.sendingDoor('kv.set', index, key, serialized);
      return undefined;
    }
  }
  sentAhead = 0;
  return shimState.door('kv.set', index, key, serialized);
}

/**
 * @param {string} key
 * @param {string | ArrayBuffer} value
 */
function withinLimits(key, value) {
  if (key.length === 0 || key.length * 3 > MAX_KEY_BYTES) return false;
  const size = typeof value === 'string' ? value.length * 3 : value.byteLength;
  return size <= MAX_VALUE_BYTES;
}
